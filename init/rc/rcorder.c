/* What a set of names means once the graph is built: its closure (every
   atomic service needed) and the order to bring it up in. */
#include <stdlib.h>
#include <string.h>
#include "rc/rcgraph.h"

/* i and everything it needs, with an explicit stack: each service is
   pushed once at most, when it is first marked */
static void mark (rcgraph const *g, size_t i, unsigned char *in, size_t *stack)
{
  size_t depth = 0 ;
  if (in[i]) return ;
  in[i] = 1 ;
  stack[depth++] = i ;
  while (depth)
  {
    size_t j = stack[--depth] ;
    for (size_t k = 0 ; k < g->deps[j].n ; k++)
    {
      size_t c = g->deps[j].v[k] ;
      if (!in[c]) { in[c] = 1 ; stack[depth++] = c ; }
    }
  }
}

int rcgraph_closure (rcgraph const *g, char const *const *names, size_t n, unsigned char *in, char const **unknown)
{
  size_t *stack = malloc((g->set.n + 1) * sizeof(size_t)) ;
  if (!stack) return -1 ;
  for (size_t j = 0 ; j < n ; j++)
  {
    size_t i = rcgraph_find(g, names[j]) ;
    rcdef const *def ;
    if (i == g->set.n) { *unknown = names[j] ; free(stack) ; return 0 ; }
    def = rcgraph_def(g, i) ;
    if (def->type == RC_BUNDLE)
      for (size_t k = 0 ; k < g->members[i].n ; k++) mark(g, g->members[i].v[k], in, stack) ;
    else mark(g, i, in, stack) ;
  }
  free(stack) ;
  return 1 ;
}

static rcgraph const *sort_graph ;
static int by_level (void const *a, void const *b)
{
  size_t x = *(size_t const *)a, y = *(size_t const *)b ;
  unsigned int lx = sort_graph->level[x], ly = sort_graph->level[y] ;
  if (lx != ly) return lx < ly ? -1 : 1 ;
  return strcmp(rcgraph_name(sort_graph, x), rcgraph_name(sort_graph, y)) ;
}

size_t rcgraph_order (rcgraph const *g, unsigned char const *in, size_t *out)
{
  size_t n = 0 ;
  for (size_t i = 0 ; i < g->set.n ; i++)
    if (in[i] && g->set.defs[i].type != RC_BUNDLE) out[n++] = i ;
  sort_graph = g ;
  if (n) qsort(out, n, sizeof(size_t), &by_level) ;
  return n ;
}
