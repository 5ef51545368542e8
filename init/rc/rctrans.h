/* Transitions [B7][S3]: bringing a set of atomic services up (in
   dependency order) or down (in reverse order), every service as soon as
   what it waits for is done, so independent services move in parallel.
   Oneshots run in children with a clean environment [R4][E1]; longruns
   are told through their supervisor's control fifo and watched through
   its event fifodir [V3], up when spawned or when ready if they have a
   notification-fd [R5]. A failure stops what depends on it, nothing else. */
#ifndef BOSUN_RCTRANS_H
#define BOSUN_RCTRANS_H

#include "rc/rcgraph.h"

/* A built-in oneshot's action [B8], run in the child instead of an up or
   down command line; returns the child's exit code. */
typedef int rctrans_builtin_fn (void *ctx, char const *name, int up) ;
/* Whether that action has nothing to do (its directory is empty or
   missing): the engine then counts it done without forking. */
typedef int rctrans_builtin_idle_fn (void *ctx, char const *name, int up) ;

typedef struct rctrans_opts_s rctrans_opts ;
struct rctrans_opts_s
{
  int up ;                      /* 1 up, 0 down */
  unsigned int verbosity ;      /* 2: s6-rc's info lines */
  unsigned int timeout ;        /* ms for the whole transition, 0: none */
  int dryrun ;                  /* print what would run, change nothing */
  unsigned int kill_after ;     /* down: ms after which a longrun that has no
                                   timeout-kill and is not down yet gets
                                   SIGKILL (stage 3: S6_SERVICES_GRACETIME) [I4]; 0: never */
  char const *const *envp ;     /* base environment of the oneshots */
  rctrans_builtin_fn *builtin ;
  rctrans_builtin_idle_fn *builtin_idle ;
  void *ctx ;
} ;

#define RCTRANS_OK 0
#define RCTRANS_FAILED 1
#define RCTRANS_TIMEOUT 2
#define RCTRANS_ERROR 111
#define RCTRANS_INTERRUPTED 130   /* SIGTERM or SIGINT */

/* Moves every atomic service marked in sel[] to the wanted state; up[]
   is the current state, kept true (and written to the state file) as each
   service finishes. SIGTERM or SIGINT stop the transition: running
   oneshots are killed, their services stay as they were. */
int rctrans_run (rcgraph const *g, unsigned char *up, unsigned char const *sel, rctrans_opts const *o) ;

/* Adds to sel[] every service that is up and depends, directly or not, on
   one marked: what must go down with them. 0 when out of memory. */
int rctrans_dependents (rcgraph const *g, unsigned char const *up, unsigned char *sel) ;

#endif
