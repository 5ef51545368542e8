/* The validated dependency graph built from a set of definitions [R2][R3]
   [R6][B8]: names resolved to indices, bundles expanded to the atomic
   services (longruns and oneshots) they contain, pipelines found, every
   problem reported, and a level per atomic service for the order. */
#ifndef BOSUN_RCGRAPH_H
#define BOSUN_RCGRAPH_H

#include <stddef.h>
#include "rc/rcdiag.h"
#include "rc/rcset.h"

typedef struct rcidx_s rcidx ;
struct rcidx_s
{
  size_t *v ;
  size_t n ;
  size_t cap ;
} ;

typedef struct rcgraph_s rcgraph ;
struct rcgraph_s
{
  rcset set ;             /* the definitions, owned */
  rcidx *deps ;           /* per atomic service: what it needs, atomic only */
  rcidx *members ;        /* per bundle: its atomic services, transitively */
  unsigned int *level ;   /* per atomic service: 0 if it needs nothing */
  size_t *pipeline ;      /* per service: 1 + its pipeline's number, 0 if none */
  size_t npipelines ;
  size_t nlongruns, noneshots, nbundles ;
  int acyclic ;
} ;

/* Takes set over (it is emptied) and builds g; every problem goes to d.
   The graph is usable for closures and order only when d has no errors.
   Returns 0 only when out of memory. */
int rcgraph_build (rcgraph *g, rcset *set, rcdiag *d) ;
void rcgraph_free (rcgraph *g) ;

size_t rcgraph_n (rcgraph const *g) ;
size_t rcgraph_find (rcgraph const *g, char const *name) ;  /* n if absent */
char const *rcgraph_name (rcgraph const *g, size_t i) ;
rcdef const *rcgraph_def (rcgraph const *g, size_t i) ;

/* Marks in[] (one byte per service, zeroed by the caller) every atomic
   service needed to bring NAMES up: bundles expanded, dependencies
   followed (what "top" means). Returns 1, or 0 with *unknown set to the
   first name that is no service; -1 when out of memory. */
int rcgraph_closure (rcgraph const *g, char const *const *names, size_t n, unsigned char *in, char const **unknown) ;

/* The atomic services marked in in[], in dependency order: by level, then
   byte order of names. Reverse it to bring them down. Returns how many
   were written to out (room for rcgraph_n entries). */
size_t rcgraph_order (rcgraph const *g, unsigned char const *in, size_t *out) ;

#endif
