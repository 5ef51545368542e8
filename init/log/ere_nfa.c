/* Thompson's construction, built backwards: each node is compiled knowing
   the state that follows it, so no list of dangling exits is kept. The
   recursion follows the tree, whose depth the parser bounds (groups and
   stacked quantifiers); ERE_MAXTREEDEPTH checks it again. */
#include <stdlib.h>
#include <string.h>
#include "ere_nfa.h"

enum { BUILD_OK, BUILD_TOOBIG, BUILD_NOMEM } ;

typedef struct builder {
  ere_nfa *nfa ;
  ere_ast const *a ;
  int err ;
} builder ;

static int add_state (builder *b, unsigned char kind, int set, int out, int out1)
{
  ere_nfa *nfa = b->nfa ;
  if (nfa->n == ERE_NFA_MAX) { b->err = BUILD_TOOBIG ; return -1 ; }
  if (nfa->n == nfa->cap)
  {
    size_t cap = nfa->cap ? 2 * nfa->cap : 32 ;
    ere_state *x = realloc(nfa->st, cap * sizeof *x) ;
    if (!x) { b->err = BUILD_NOMEM ; return -1 ; }
    nfa->st = x ; nfa->cap = cap ;
  }
  nfa->st[nfa->n].kind = kind ;
  nfa->st[nfa->n].set = set ;
  nfa->st[nfa->n].out = out ;
  nfa->st[nfa->n].out1 = out1 ;
  return (int)nfa->n++ ;
}

static int emit (builder *b, int node, int next, unsigned int depth) ;

/* child {min,max} times, then next: min copies in front of either a loop
   (max unbounded) or max - min nested optional copies, (X(X)?)? */
static int emit_rep (builder *b, ere_node const *x, int next, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXTREEDEPTH */
{
  int entry = next ;
  if (x->max == ERE_INF)
  {
    int loop = add_state(b, NFA_SPLIT, -1, -1, next), body ;
    if (loop < 0 || (body = emit(b, x->child, loop, depth + 1)) < 0) return -1 ;
    b->nfa->st[loop].out = body ;
    entry = loop ;
  }
  else
    for (unsigned int i = x->min ; i < x->max ; i++)
    {
      int body = emit(b, x->child, entry, depth + 1) ;
      if (body < 0 || (entry = add_state(b, NFA_SPLIT, -1, body, next)) < 0) return -1 ;
    }
  for (unsigned int i = 0 ; i < x->min ; i++)
    if ((entry = emit(b, x->child, entry, depth + 1)) < 0) return -1 ;
  return entry ;
}

/* the entry state of node followed by next */
static int emit (builder *b, int node, int next, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by ERE_MAXTREEDEPTH */
{
  ere_node const *x = b->a->node + node ;
  int entry = -1 ;
  if (depth > ERE_MAXTREEDEPTH) { b->err = BUILD_TOOBIG ; return -1 ; }
  switch (x->kind)
  {
    case ERE_SET : return add_state(b, NFA_SET, x->set, next, -1) ;
    case ERE_BOL : return add_state(b, NFA_BOL, -1, next, -1) ;
    case ERE_EOL : return add_state(b, NFA_EOL, -1, next, -1) ;
    case ERE_EMPTY : return next ;
    case ERE_REP : return emit_rep(b, x, next, depth) ;
    case ERE_CAT :   /* children listed last first: built backwards */
      for (int c = x->child ; c >= 0 ; c = b->a->node[c].next)
        if ((next = emit(b, c, next, depth + 1)) < 0) return -1 ;
      return next ;
    case ERE_ALT :
      for (int c = x->child ; c >= 0 ; c = b->a->node[c].next)
      {
        int e = emit(b, c, next, depth + 1) ;
        if (e < 0) return -1 ;
        entry = entry < 0 ? e : add_state(b, NFA_SPLIT, -1, e, entry) ;
        if (entry < 0) return -1 ;
      }
      return entry ;
    default : b->err = BUILD_TOOBIG ; return -1 ;
  }
}

/* Refines the partition of the 256 bytes by each set in turn: two bytes
   stay in one class while every set holds both or neither. */
static void byte_classes (ere_nfa *nfa)
{
  unsigned int n = 1 ;
  memset(nfa->cls, 0, sizeof nfa->cls) ;
  for (size_t s = 0 ; s < nfa->nset ; s++)
  {
    short map[512] ;
    unsigned int m = 0 ;
    memset(map, 0xff, sizeof map) ;
    for (unsigned int c = 0 ; c < 256 ; c++)
    {
      unsigned int k = 2 * nfa->cls[c] + (unsigned int)ere_set_has(nfa->set + s, (unsigned char)c) ;
      if (map[k] < 0) map[k] = (short)m++ ;
      nfa->cls[c] = (unsigned char)map[k] ;
    }
    n = m ;
  }
  nfa->ncls = n ;
  for (unsigned int c = 256 ; c-- ; ) nfa->rep[nfa->cls[c]] = (unsigned char)c ;
}

int ere_nfa_build (ere_ast *a, ere_nfa *nfa)
{
  builder b = { nfa, a, BUILD_OK } ;
  int match ;
  memset(nfa, 0, sizeof *nfa) ;
  match = add_state(&b, NFA_MATCH, -1, -1, -1) ;
  if (match >= 0) nfa->start = emit(&b, a->root, match, 0) ;
  if (b.err)
  {
    ere_nfa_free(nfa) ;
    return b.err == BUILD_NOMEM ? -1 : 0 ;
  }
  nfa->set = a->set ; nfa->nset = a->nset ;
  a->set = 0 ; a->nset = a->setcap = 0 ;
  byte_classes(nfa) ;
  return 1 ;
}

void ere_nfa_free (ere_nfa *nfa)
{
  free(nfa->st) ; free(nfa->set) ;
  memset(nfa, 0, sizeof *nfa) ;
}
