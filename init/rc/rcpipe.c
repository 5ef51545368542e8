#include <stdlib.h>
#include <string.h>
#include <skalibs/stralloc.h>
#include "rc/rcpipe.h"

static char const *file_of (stralloc *buf, rcdef const *def, char const *file)
{
  buf->len = 0 ;
  if (!stralloc_cats(buf, def->dir.s) || !stralloc_catb(buf, "/", 1)
   || !stralloc_cats(buf, file) || !stralloc_0(buf)) return def->dir.s ;
  return buf->s ;
}

/* the longrun NAME, or set->n after reporting why it cannot be one end */
static size_t longrun_end (rcset const *set, rcdiag *d, char const *file, char const *name)
{
  size_t i = rcset_find(set, name) ;
  if (i == set->n)
    rc_error(d, file, "names \"", name, "\", which is not a service; define it or fix the name") ;
  else if (set->defs[i].type != RC_LONGRUN)
  {
    rc_error(d, file, "names \"", name, "\", which is not a longrun; only longruns can be in a pipeline") ;
    i = set->n ;
  }
  return i ;
}

/* producer side: producer-for names C, and C's consumer-for names us back */
static void check_producer (rcset const *set, rcdiag *d, size_t p, stralloc *buf)
{
  rcdef const *def = &set->defs[p] ;
  char const *file = file_of(buf, def, "producer-for") ;
  size_t c = longrun_end(set, d, file, def->producer_for.s) ;
  if (c == set->n) return ;
  if (!rc_names_has(&set->defs[c].consumer_for, def->name.s))
    rc_error(d, file, "names \"", def->producer_for.s, "\", whose consumer-for does not name \"", def->name.s,
      "\" back; add it to ", set->defs[c].dir.s, "/consumer-for") ;
}

/* consumer side: each producer of consumer-for names us in producer-for,
   and no producer is claimed by two consumers */
static void check_consumer (rcset const *set, rcdiag *d, size_t c, size_t *claimed, stralloc *buf)
{
  rcdef const *def = &set->defs[c] ;
  stralloc const *list = &def->consumer_for ;
  for (size_t pos = 0 ; pos < list->len ; pos += strlen(list->s + pos) + 1)
  {
    char const *file = file_of(buf, def, "consumer-for") ;
    size_t p = longrun_end(set, d, file, list->s + pos) ;
    if (p == set->n) continue ;
    if (claimed[p] < set->n)
      rc_error(d, file, "names \"", list->s + pos, "\", which ", set->defs[claimed[p]].name.s,
        " also consumes; a producer feeds exactly one consumer, remove one of them") ;
    else claimed[p] = c ;
    if (!set->defs[p].producer_for.len || strcmp(set->defs[p].producer_for.s, def->name.s))
      rc_error(d, file, "names \"", list->s + pos, "\", whose producer-for does not name \"", def->name.s,
        "\" back; write it into ", set->defs[p].dir.s, "/producer-for") ;
  }
}

static size_t root (size_t *up, size_t i)
{
  while (up[i] != i) i = up[i] = up[up[i]] ;
  return i ;
}

/* the pipeline-name bundle of the pipeline whose last consumer is c */
static int add_bundle (rcset *set, rcdiag *d, size_t c, size_t *up, stralloc *buf)
{
  rcdef *b ;
  char const *name = set->defs[c].pipeline_name.s ;
  size_t n = set->n, r = root(up, c) ;
  if (rcset_find(set, name) < n)
  {
    rc_error(d, file_of(buf, &set->defs[c], "pipeline-name"), "\"", name, "\" is already a service, choose another pipeline name") ;
    return 1 ;
  }
  if (!rcset_grow(set)) return 0 ;
  b = &set->defs[set->n] ;
  rcdef_init(b) ;
  b->type = RC_BUNDLE ;
  b->derived = 1 ;
  b->has = RCF_CONTENTS ;
  if (!stralloc_cats(&b->name, set->defs[c].pipeline_name.s) || !stralloc_0(&b->name)
   || !stralloc_cats(&b->dir, file_of(buf, &set->defs[c], "pipeline-name")) || !stralloc_0(&b->dir)) return 0 ;
  for (size_t i = 0 ; i < n ; i++)
    if (root(up, i) == r && !stralloc_catb(&b->contents, set->defs[i].name.s, set->defs[i].name.len)) return 0 ;
  set->n++ ;
  return 1 ;
}

/* union of each producer with its consumer, when both ends agree */
static void link_ends (rcset const *set, size_t *up)
{
  for (size_t i = 0 ; i < set->n ; i++) up[i] = i ;
  for (size_t p = 0 ; p < set->n ; p++)
  {
    rcdef const *def = &set->defs[p] ;
    size_t c ;
    if (def->type != RC_LONGRUN || !def->producer_for.len) continue ;
    c = rcset_find(set, def->producer_for.s) ;
    if (c < set->n && set->defs[c].type == RC_LONGRUN && rc_names_has(&set->defs[c].consumer_for, def->name.s))
      up[root(up, p)] = root(up, c) ;
  }
}

static int name_pipelines (rcset *set, rcdiag *d, size_t *up, stralloc *buf)
{
  size_t n = set->n ;
  for (size_t c = 0 ; c < n ; c++)
  {
    rcdef const *def = &set->defs[c] ;
    if (def->type != RC_LONGRUN || !def->pipeline_name.len) continue ;
    if (def->producer_for.len)
      rc_warn(d, file_of(buf, def, "pipeline-name"), "ignored: only the last consumer of a pipeline names it, move it there") ;
    else if (!add_bundle(set, d, c, up, buf)) return 0 ;
  }
  return 1 ;
}

static void number (rcset const *set, size_t *up, size_t *pipeline, size_t *npipelines)
{
  size_t n = set->n ;
  memset(pipeline, 0, n * sizeof(size_t)) ;
  *npipelines = 0 ;
  for (size_t i = 0 ; i < n ; i++)
  {
    size_t r = root(up, i) ;
    if (r == i) continue ;
    if (!pipeline[r]) pipeline[r] = ++*npipelines ;
    pipeline[i] = pipeline[r] ;
  }
}

int rcpipe_build (rcset *set, rcdiag *d, size_t **pipeline, size_t *npipelines)
{
  stralloc buf = STRALLOC_ZERO ;
  size_t n = set->n ;
  size_t *claimed = malloc((n + 1) * sizeof(size_t)) ;
  size_t *up = malloc((n + 1) * sizeof(size_t)) ;
  int ok = claimed && up ;
  for (size_t i = 0 ; ok && i < n ; i++) claimed[i] = n ;
  for (size_t i = 0 ; ok && i < n ; i++)
  {
    if (set->defs[i].type != RC_LONGRUN) continue ;
    if (set->defs[i].producer_for.len) check_producer(set, d, i, &buf) ;
    if (set->defs[i].consumer_for.len) check_consumer(set, d, i, claimed, &buf) ;
  }
  if (ok) link_ends(set, up) ;
  ok = ok && name_pipelines(set, d, up, &buf) ;
  /* the pipeline bundles are services too: every table covers them */
  if (ok)
  {
    size_t *grown = realloc(up, (set->n + 1) * sizeof(size_t)) ;
    ok = !!grown ;
    if (grown) up = grown ;
    for (size_t i = n ; ok && i < set->n ; i++) up[i] = i ;
  }
  if (ok) { *pipeline = malloc((set->n + 1) * sizeof(size_t)) ; ok = !!*pipeline ; }
  if (ok) number(set, up, *pipeline, npipelines) ;
  free(claimed) ;
  free(up) ;
  stralloc_free(&buf) ;
  return ok ;
}
