#ifndef BOSUN_ERE_NFA_H
#define BOSUN_ERE_NFA_H
/* Thompson's construction: an ERE syntax tree becomes a graph of states,
   each consuming one byte of a set or passing on without one. Bounded
   repetitions are expanded, so the graph's size is capped: an expression
   over ERE_NFA_MAX states is left to regexec. Bytes are grouped into
   classes no set tells apart, which the DFA's tables are indexed by. */
#include <stddef.h>
#include "ere_ast.h"

#define ERE_NFA_MAX 4000

enum ere_state_kind {
  NFA_SET,    /* a byte of set[set], then out */
  NFA_SPLIT,  /* out and out1, without a byte */
  NFA_BOL,    /* out, at the start of the line only */
  NFA_EOL,    /* out, at the end of the line only */
  NFA_MATCH
} ;

typedef struct ere_state {
  unsigned char kind ;
  int set ;
  int out, out1 ;
} ere_state ;

typedef struct ere_nfa {
  ere_state *st ;
  size_t n, cap ;
  int start ;
  ere_set *set ;              /* taken from the tree */
  size_t nset ;
  unsigned char cls[256] ;    /* byte -> class */
  unsigned char rep[256] ;    /* class -> a byte of it */
  unsigned int ncls ;
} ere_nfa ;

/* 1: done; 0: too big; -1: out of memory. The tree's sets move into nfa
   (a->set is left 0); the rest of the tree is the caller's to free. */
int ere_nfa_build (ere_ast *a, ere_nfa *nfa) ;
void ere_nfa_free (ere_nfa *nfa) ;

#endif
