/* The NFA run as a DFA built lazily: a DFA state is the set of NFA states
   that consume a byte or end the match (its kernel), reached after the
   bytes read so far from any starting position, since a selection matches
   anywhere in the line. Its transitions are computed the first time a byte
   class needs them, then read from a table: one load per byte. The cache
   is bounded: when it is full it is emptied and refilled as lines need,
   so an expression whose DFA would be huge is slower, never wrong.
   ^ is honoured in the initial state only (a flag in its key), $ when the
   line ends: each state knows whether the end of the line accepts. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "ere.h"
#include "ere_nfa.h"

#define DFA_MAXSTATES 512     /* at most 512 KiB of transitions */
#define DFA_HASH 1024         /* a power of 2, twice DFA_MAXSTATES */
#define DFA_MAXPOOL 65536     /* kernel entries kept, all states together */

enum { F_ACCEPT = 1, F_ENDACCEPT = 2, F_INITIAL = 4 } ;

struct ere_s {
  ere_nfa nfa ;
  int32_t *trans ;            /* n x ncls next states, -1: not computed yet */
  unsigned char *flags ;
  uint32_t *koff, *klen ;     /* a state's kernel: pool[koff .. koff + klen) */
  uint16_t *pool ;
  size_t npool, poolcap ;
  int32_t *hash ;             /* kernel -> state, -1: empty slot */
  size_t n, cap ;
  unsigned long flushes ;
  int init ;                  /* the state at the start of a line, -1: none */
  uint32_t *mark ;            /* closure scratch: marks, stack, the kernel */
  uint32_t gen ;
  int *stack ;
  uint16_t *work ;
  size_t nwork ;
} ;

/* --- kernels: epsilon closures --- */

static void new_gen (ere *e)
{
  if (!++e->gen) { memset(e->mark, 0, e->nfa.n * sizeof *e->mark) ; e->gen = 1 ; }
  e->nwork = 0 ;
}

static void push (ere *e, size_t *sp, int s)
{
  if (s < 0 || e->mark[s] == e->gen) return ;
  e->mark[s] = e->gen ;
  e->stack[(*sp)++] = s ;
}

/* adds to work the kernel states reachable from s without a byte; ^ and
   $ are passed when bol and eol say the line starts or ends here */
static void closure (ere *e, int s, int bol, int eol)
{
  size_t sp = 0 ;
  push(e, &sp, s) ;
  while (sp)
  {
    int id = e->stack[--sp] ;
    ere_state const *x = e->nfa.st + id ;
    switch (x->kind)
    {
      case NFA_SPLIT : push(e, &sp, x->out) ; push(e, &sp, x->out1) ; break ;
      case NFA_BOL : if (bol) push(e, &sp, x->out) ; break ;
      case NFA_EOL :
        if (eol) push(e, &sp, x->out) ;
        else e->work[e->nwork++] = (uint16_t)id ;
        break ;
      default : e->work[e->nwork++] = (uint16_t)id ; break ;
    }
  }
}

static int cmp16 (void const *a, void const *b)
{
  return (int)*(uint16_t const *)a - (int)*(uint16_t const *)b ;
}

/* whether state t, its kernel stored, accepts at the end of the line;
   trashes work */
static int accepts_at_end (ere *e, int32_t t, int initial)
{
  uint16_t const *k = e->pool + e->koff[t] ;
  new_gen(e) ;
  for (size_t i = 0 ; i < e->klen[t] ; i++) closure(e, k[i], initial, 1) ;
  return e->mark[0] == e->gen ;   /* state 0 is the NFA's match */
}

/* --- the state cache --- */

static void flush (ere *e)
{
  e->n = 0 ; e->npool = 0 ; e->init = -1 ; e->flushes++ ;
  memset(e->hash, 0xff, DFA_HASH * sizeof *e->hash) ;
}

static size_t hash_kernel (uint16_t const *k, size_t n, int initial)
{
  uint32_t h = 2166136261u ^ (uint32_t)initial ;
  for (size_t i = 0 ; i < n ; i++) h = (h ^ k[i]) * 16777619u ;
  return h & (DFA_HASH - 1) ;
}

static int same_state (ere const *e, int32_t t, int initial)
{
  return !(e->flags[t] & F_INITIAL) == !initial && e->klen[t] == e->nwork
      && !memcmp(e->pool + e->koff[t], e->work, e->nwork * sizeof *e->work) ;
}

/* room for one more state and the kernel in work; 0 if out of memory */
static int make_room (ere *e)
{
  size_t ncls = e->nfa.ncls ;
  if (e->n == DFA_MAXSTATES || e->npool + e->nwork > DFA_MAXPOOL) flush(e) ;
  if (e->n == e->cap)
  {
    size_t cap = e->cap ? 2 * e->cap : 8 ;
    int32_t *t = realloc(e->trans, cap * ncls * sizeof *t) ;
    if (t) e->trans = t ;
    unsigned char *f = realloc(e->flags, cap) ;
    if (f) e->flags = f ;
    uint32_t *o = realloc(e->koff, cap * sizeof *o) ;
    if (o) e->koff = o ;
    uint32_t *l = realloc(e->klen, cap * sizeof *l) ;
    if (l) e->klen = l ;
    if (!t || !f || !o || !l) return 0 ;
    e->cap = cap ;
  }
  if (e->npool + e->nwork > e->poolcap)
  {
    size_t cap = e->poolcap ? 2 * e->poolcap : 256 ;
    uint16_t *p ;
    while (cap < e->npool + e->nwork) cap *= 2 ;
    if (!(p = realloc(e->pool, cap * sizeof *p))) return 0 ;
    e->pool = p ; e->poolcap = cap ;
  }
  return 1 ;
}

/* the state whose kernel is in work (sorted here), added if new; -1 if
   out of memory. May flush the cache: then every other index is stale. */
static int32_t state_of (ere *e, int initial)
{
  size_t h ;
  int32_t t ;
  qsort(e->work, e->nwork, sizeof *e->work, &cmp16) ;
  h = hash_kernel(e->work, e->nwork, initial) ;
  for (; e->hash[h] >= 0 ; h = (h + 1) & (DFA_HASH - 1))
    if (same_state(e, e->hash[h], initial)) return e->hash[h] ;
  if (!make_room(e)) return -1 ;
  if (!e->n) h = hash_kernel(e->work, e->nwork, initial) ;   /* flushed */
  while (e->hash[h] >= 0) h = (h + 1) & (DFA_HASH - 1) ;
  t = (int32_t)e->n ;
  memcpy(e->pool + e->npool, e->work, e->nwork * sizeof *e->work) ;
  e->koff[t] = (uint32_t)e->npool ; e->klen[t] = (uint32_t)e->nwork ;
  e->npool += e->nwork ;
  e->flags[t] = (unsigned char)((initial ? F_INITIAL : 0) | (e->nwork && !e->work[0] ? F_ACCEPT : 0)) ;
  if (accepts_at_end(e, t, initial)) e->flags[t] |= F_ENDACCEPT ;
  memset(e->trans + (size_t)t * e->nfa.ncls, 0xff, e->nfa.ncls * sizeof *e->trans) ;
  e->hash[h] = t ;
  e->n++ ;
  return t ;
}

static int32_t initial_state (ere *e)
{
  new_gen(e) ;
  closure(e, e->nfa.start, 1, 0) ;
  e->init = state_of(e, 1) ;
  return e->init ;
}

/* from, after a byte of class c: the NFA states its kernel moves to,
   and the start again (a match may begin at any byte) */
static int32_t step (ere *e, int32_t from, unsigned int c)
{
  unsigned char b = e->nfa.rep[c] ;
  uint16_t const *k = e->pool + e->koff[from] ;
  unsigned long flushes = e->flushes ;
  int32_t t ;
  new_gen(e) ;
  for (size_t i = 0 ; i < e->klen[from] ; i++)
  {
    ere_state const *x = e->nfa.st + k[i] ;
    if (x->kind == NFA_SET && ere_set_has(e->nfa.set + x->set, b)) closure(e, x->out, 0, 0) ;
  }
  closure(e, e->nfa.start, 0, 0) ;
  t = state_of(e, 0) ;
  if (t >= 0 && e->flushes == flushes) e->trans[(size_t)from * e->nfa.ncls + c] = t ;
  return t ;
}

int ere_match (ere *e, char const *line)
{
  unsigned char const *p = (unsigned char const *)line ;
  int32_t cur = e->init ;
  if (cur < 0 && (cur = initial_state(e)) < 0) return -1 ;
  for (;; p++)
  {
    int32_t next ;
    if (e->flags[cur] & F_ACCEPT) return 1 ;
    if (!*p) return !!(e->flags[cur] & F_ENDACCEPT) ;
    next = e->trans[(size_t)cur * e->nfa.ncls + e->nfa.cls[*p]] ;
    if (next < 0 && (next = step(e, cur, e->nfa.cls[*p])) < 0) return -1 ;
    cur = next ;
  }
}

/* --- the whole --- */

int ere_compile (char const *re, ere **out)
{
  ere_ast a = { 0, 0, 0, 0, 0, 0, 0 } ;
  ere *e ;
  int r = ere_parse(re, &a) ;
  if (r <= 0) return r ;
  if (!(e = calloc(1, sizeof *e))) { ere_ast_free(&a) ; return -1 ; }
  r = ere_nfa_build(&a, &e->nfa) ;
  ere_ast_free(&a) ;
  if (r <= 0) { free(e) ; return r ; }
  e->mark = calloc(e->nfa.n, sizeof *e->mark) ;
  e->stack = malloc(e->nfa.n * sizeof *e->stack) ;
  e->work = malloc(e->nfa.n * sizeof *e->work) ;
  e->hash = malloc(DFA_HASH * sizeof *e->hash) ;
  if (!e->mark || !e->stack || !e->work || !e->hash) { ere_free(e) ; return -1 ; }
  flush(e) ;
  *out = e ;
  return 1 ;
}

void ere_free (ere *e)
{
  if (!e) return ;
  ere_nfa_free(&e->nfa) ;
  free(e->trans) ; free(e->flags) ; free(e->koff) ; free(e->klen) ; free(e->pool) ;
  free(e->hash) ; free(e->mark) ; free(e->stack) ; free(e->work) ;
  free(e) ;
}
