#include <stdlib.h>
#include <string.h>
#include <skalibs/stralloc.h>
#include "rc/rcgraph.h"
#include "rc/rcpipe.h"

static int idx_push (rcidx *x, size_t v)
{
  for (size_t i = 0 ; i < x->n ; i++) if (x->v[i] == v) return 1 ;
  if (x->n == x->cap)
  {
    size_t cap = x->cap ? x->cap * 2 : 4 ;
    size_t *p = realloc(x->v, cap * sizeof(size_t)) ;
    if (!p) return 0 ;
    x->v = p ;
    x->cap = cap ;
  }
  x->v[x->n++] = v ;
  return 1 ;
}

size_t rcgraph_n (rcgraph const *g) { return g->set.n ; }
size_t rcgraph_find (rcgraph const *g, char const *name) { return rcset_find(&g->set, name) ; }
char const *rcgraph_name (rcgraph const *g, size_t i) { return g->set.defs[i].name.s ; }
rcdef const *rcgraph_def (rcgraph const *g, size_t i) { return &g->set.defs[i] ; }

static int atomic (rcgraph const *g, size_t i)
{
  return g->set.defs[i].type == RC_LONGRUN || g->set.defs[i].type == RC_ONESHOT ;
}

void rcgraph_free (rcgraph *g)
{
  for (size_t i = 0 ; i < g->set.n ; i++)
  {
    if (g->deps) free(g->deps[i].v) ;
    if (g->members) free(g->members[i].v) ;
  }
  free(g->deps) ;
  free(g->members) ;
  free(g->level) ;
  free(g->pipeline) ;
  rcset_free(&g->set) ;
  memset(g, 0, sizeof(*g)) ;
}

/* the file a list came from, for messages: DIR/LIST.d/NAME or DIR/LIST */
static char const *list_file (stralloc *buf, rcdef const *def, char const *list, int fromfile, char const *name)
{
  buf->len = 0 ;
  if (!stralloc_cats(buf, def->dir.s) || !stralloc_catb(buf, "/", 1) || !stralloc_cats(buf, list)) return def->dir.s ;
  if (!fromfile && (!stralloc_cats(buf, ".d/") || !stralloc_cats(buf, name))) return def->dir.s ;
  return stralloc_0(buf) ? buf->s : def->dir.s ;
}

struct builder
{
  rcgraph *g ;
  rcdiag *d ;
  stralloc buf ;
  stralloc chain ;
  size_t *stack ;     /* the path being walked, for cycle messages */
  size_t *iter ;      /* per level of the path: where its walk is */
  size_t depth ;
  unsigned char *state ;  /* 0 unseen, 1 on the path, 2 done */
  int nomem ;
} ;


static void walk_push (struct builder *b, size_t i)
{
  b->iter[b->depth] = 0 ;
  b->stack[b->depth++] = i ;
  b->state[i] = 1 ;
}

/* "a -> b -> c -> a": the path from FROM's place on the stack, then TO */
static char const *cycle_text (struct builder *b, size_t to)
{
  size_t k = b->depth ;
  while (k && b->stack[k - 1] != to) k-- ;
  b->chain.len = 0 ;
  for (size_t j = k ? k - 1 : 0 ; j < b->depth ; j++)
    if (!stralloc_cats(&b->chain, rcgraph_name(b->g, b->stack[j])) || !stralloc_cats(&b->chain, " -> ")) b->nomem = 1 ;
  if (!stralloc_cats(&b->chain, rcgraph_name(b->g, to)) || !stralloc_0(&b->chain)) { b->nomem = 1 ; return "?" ; }
  return b->chain.s ;
}

static void merge (struct builder *b, rcidx *into, rcidx const *from)
{
  for (size_t k = 0 ; k < from->n ; k++)
    if (!idx_push(into, from->v[k])) b->nomem = 1 ;
}

/* one name of a bundle's contents: an atomic member, or a bundle to
   expand first (pushed), or one already expanded (merged) */
static void expand_one (struct builder *b, size_t i, char const *name)
{
  rcgraph *g = b->g ;
  rcdef const *def = &g->set.defs[i] ;
  size_t c = rcgraph_find(g, name) ;
  if (c == g->set.n)
    rc_error(b->d, list_file(&b->buf, def, "contents", !!(def->has & RCF_CONTENTSFILE), name),
      "bundle content \"", name, "\" is not a service; define it or remove it from the bundle") ;
  else if (atomic(g, c)) { if (!idx_push(&g->members[i], c)) b->nomem = 1 ; }
  else if (b->state[c] == 1)
    rc_error(b->d, def->dir.s, "bundles contain each other: ", cycle_text(b, c), "; break the loop") ;
  else if (!b->state[c]) walk_push(b, c) ;
  else merge(b, &g->members[i], &g->members[c]) ;
}

/* The one depth-first walk of the builder, without recursion (an image's
   tree must not be able to exhaust the stack): step() follows the next
   edge of service i from *pos (pushing what it must visit) and returns 0
   when i has none left; done() runs once all below i is done, with i
   still on top of the path. */
typedef int walk_step (struct builder *b, size_t i, size_t *pos) ;
typedef void walk_done (struct builder *b, size_t i) ;

static void walk (struct builder *b, size_t start, walk_step *step, walk_done *done)
{
  walk_push(b, start) ;
  while (b->depth)
  {
    size_t i = b->stack[b->depth - 1] ;
    if (step(b, i, &b->iter[b->depth - 1])) continue ;
    done(b, i) ;
    b->depth-- ;
    b->state[i] = 2 ;
  }
}

/* bundle contents, expanded to atomic services */
static int contents_step (struct builder *b, size_t i, size_t *pos)
{
  rcdef const *def = &b->g->set.defs[i] ;
  char const *name ;
  if (*pos >= def->contents.len) return 0 ;
  name = def->contents.s + *pos ;
  *pos += strlen(name) + 1 ;
  expand_one(b, i, name) ;
  return 1 ;
}

/* a nested bundle's members go to the bundle that contains it */
static void contents_done (struct builder *b, size_t i)
{
  if (b->depth > 1) merge(b, &b->g->members[b->stack[b->depth - 2]], &b->g->members[i]) ;
}

/* the atomic services that atomic service i needs */
static void resolve_deps (struct builder *b, size_t i)
{
  rcgraph *g = b->g ;
  rcdef const *def = &g->set.defs[i] ;
  for (size_t pos = 0 ; pos < def->deps.len ; pos += strlen(def->deps.s + pos) + 1)
  {
    char const *name = def->deps.s + pos ;
    size_t c = rcgraph_find(g, name) ;
    if (c == g->set.n)
    {
      rc_error(b->d, list_file(&b->buf, def, "dependencies", !!(def->has & RCF_DEPSFILE), name),
        "dependency \"", name, "\" is not a service; define it or remove the dependency") ;
      continue ;
    }
    if (atomic(g, c)) { if (!idx_push(&g->deps[i], c)) b->nomem = 1 ; continue ; }
    for (size_t k = 0 ; k < g->members[c].n ; k++)
      if (!idx_push(&g->deps[i], g->members[c].v[k])) b->nomem = 1 ;
  }
  /* a consumer starts before its producers, so no line is written into a
     pipe that nobody reads [R6] */
  if (def->type == RC_LONGRUN && g->pipeline[i] && def->producer_for.len)
  {
    size_t c = rcgraph_find(g, def->producer_for.s) ;
    if (c < g->set.n && !idx_push(&g->deps[i], c)) b->nomem = 1 ;
  }
}

static unsigned int level_of (rcgraph const *g, unsigned char const *state, size_t i)
{
  unsigned int level = 0 ;
  for (size_t k = 0 ; k < g->deps[i].n ; k++)
  {
    size_t c = g->deps[i].v[k] ;
    if (state[c] == 2 && g->level[c] + 1 > level) level = g->level[c] + 1 ;
  }
  return level ;
}

/* the dependencies: cycles reported, levels set once all below is done */
static int deps_step (struct builder *b, size_t i, size_t *k)
{
  rcgraph *g = b->g ;
  size_t c ;
  if (*k >= g->deps[i].n) return 0 ;
  c = g->deps[i].v[(*k)++] ;
  if (b->state[c] == 1)
  {
    rc_error(b->d, g->set.defs[i].dir.s, "dependency cycle: ", cycle_text(b, c), "; remove one of these dependencies") ;
    g->acyclic = 0 ;
  }
  else if (!b->state[c]) walk_push(b, c) ;
  return 1 ;
}

static void deps_done (struct builder *b, size_t i)
{
  b->g->level[i] = level_of(b->g, b->state, i) ;
}

static void warn_bundle_deps (struct builder *b)
{
  for (size_t i = 0 ; i < b->g->set.n ; i++)
  {
    rcdef const *def = &b->g->set.defs[i] ;
    if (def->type == RC_BUNDLE && def->deps.len && !def->builtin)
      rc_warn(b->d, def->dir.s, "a bundle has no dependencies of its own, they are ignored; put them on its contents") ;
  }
}

static void count (rcgraph *g)
{
  for (size_t i = 0 ; i < g->set.n ; i++)
  {
    enum rc_type t = g->set.defs[i].type ;
    if (t == RC_LONGRUN) g->nlongruns++ ;
    else if (t == RC_ONESHOT) g->noneshots++ ;
    else if (t == RC_BUNDLE) g->nbundles++ ;
  }
}

static int tables (rcgraph *g, struct builder *b)
{
  size_t n = g->set.n + 1 ;
  g->deps = calloc(n, sizeof(rcidx)) ;
  g->members = calloc(n, sizeof(rcidx)) ;
  g->level = calloc(n, sizeof(unsigned int)) ;
  b->stack = calloc(n, sizeof(size_t)) ;
  b->iter = calloc(n, sizeof(size_t)) ;
  b->state = calloc(n, 1) ;
  return g->deps && g->members && g->level && b->stack && b->iter && b->state ;
}

int rcgraph_build (rcgraph *g, rcset *set, rcdiag *d)
{
  struct builder b = { .g = g, .d = d, .buf = STRALLOC_ZERO, .chain = STRALLOC_ZERO, .stack = 0, .iter = 0, .depth = 0, .state = 0, .nomem = 0 } ;
  int ok ;
  memset(g, 0, sizeof(*g)) ;
  g->set = *set ;
  memset(set, 0, sizeof(*set)) ;
  g->acyclic = 1 ;
  rcset_check(&g->set, d) ;
  ok = rcpipe_build(&g->set, d, &g->pipeline, &g->npipelines) && tables(g, &b) ;
  for (size_t i = 0 ; ok && i < g->set.n ; i++)
    if (g->set.defs[i].type == RC_BUNDLE && !b.state[i]) walk(&b, i, &contents_step, &contents_done) ;
  for (size_t i = 0 ; ok && i < g->set.n ; i++)
    if (atomic(g, i)) resolve_deps(&b, i) ;
  if (ok) memset(b.state, 0, g->set.n) ;
  for (size_t i = 0 ; ok && i < g->set.n ; i++)
    if (atomic(g, i) && !b.state[i]) walk(&b, i, &deps_step, &deps_done) ;
  if (ok) { warn_bundle_deps(&b) ; count(g) ; }
  free(b.stack) ;
  free(b.iter) ;
  free(b.state) ;
  stralloc_free(&b.buf) ;
  stralloc_free(&b.chain) ;
  return ok && !b.nomem && !d->nomem ;
}
