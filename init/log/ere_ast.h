#ifndef BOSUN_ERE_AST_H
#define BOSUN_ERE_AST_H
/* The syntax tree of a POSIX extended regular expression, as regcomp
   (REG_EXTENDED, musl's reading) parses the subset that ere_parse
   accepts. Nodes live in one array and name each other by index, so the
   tree is freed at once and never walked through dangling pointers. */
#include <stddef.h>
#include <stdint.h>

/* beyond these, ere_parse says "unsupported" and regexec keeps the job */
#define ERE_MAXGROUPDEPTH 32  /* nested groups */
#define ERE_MAXQUANT 4        /* quantifiers stacked on one atom: a*+? */
#define ERE_DUPMAX 255        /* RE_DUP_MAX, as regcomp's bound */
#define ERE_INF 0xffff        /* {m,}: no upper bound */
/* the tree's depth those bound: per group level, an ALT, a CAT and the
   stacked REPs; what walks the tree recursively checks it again */
#define ERE_MAXTREEDEPTH ((ERE_MAXGROUPDEPTH + 1) * (ERE_MAXQUANT + 2))

enum ere_kind {
  ERE_SET,    /* one byte of a set: a literal, ., a bracket expression */
  ERE_BOL,    /* ^: the start of the line */
  ERE_EOL,    /* $: the end of the line */
  ERE_EMPTY,  /* () or an empty alternative: matches the empty string */
  ERE_CAT,    /* the children one after the other */
  ERE_ALT,    /* one of the children */
  ERE_REP     /* child {min,max} times */
} ;

typedef struct ere_set { uint32_t w[8] ; } ere_set ;

typedef struct ere_node {
  unsigned char kind ;
  unsigned char braces ;      /* REP: written {m,n}, not * + ? */
  unsigned short min, max ;   /* REP */
  int set ;                   /* SET: index into ere_ast.set */
  int child ;                 /* CAT: the LAST child (children are listed
                                 backwards, the order Thompson's construction
                                 builds them in); ALT, REP: a child */
  int next ;                  /* the sibling listed after this one, -1 none */
} ere_node ;

typedef struct ere_ast {
  ere_node *node ;
  size_t n, cap ;
  ere_set *set ;
  size_t nset, setcap ;
  int root ;
} ere_ast ;

static inline int ere_set_has (ere_set const *s, unsigned char b)
{
  return (s->w[b >> 5] >> (b & 31)) & 1 ;
}

/* 1: a holds the tree of re; 0: re uses something this subset does not
   follow (regexec must decide); -1: out of memory. re must be one that
   regcomp(REG_EXTENDED) accepted: what regcomp rejects is not checked. */
int ere_parse (char const *re, ere_ast *a) ;
void ere_ast_free (ere_ast *a) ;

#endif
