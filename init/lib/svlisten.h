/* Waiting for supervised services to reach a state, by listening to
   their event/ fifodirs [V3]: the engine of s6-svwait and of s6-svc's
   -w options. It listens before the state is read (and before s6-svc
   sends its commands), so no event can be missed. */
#ifndef BOSUN_SVLISTEN_H
#define BOSUN_SVLISTEN_H

#include <skalibs/tai.h>
#include "fifodir.h"

/* want: u (up), U (up and ready), d (down), D (down and finish done),
   r (restarted: an up event), R (restarted and ready). */
typedef struct svlisten_s svlisten ;
struct svlisten_s
{
  char const *dir ;
  char want ;
  int up ;
  int ready ;
  int done ;      /* the wanted state was reached */
  int died ;      /* the supervisor exited (event x) */
  int failed ;    /* permanent failure while waiting for up (event O) */
  fifodir_sub sub ;
} ;

/* Subscribes to DIR/event then reads DIR's status. 1, or 0 with errno
   set and *what naming the step that failed. */
int svlisten_start (svlisten *l, char const *dir, char want, char const **what) ;
void svlisten_end (svlisten *l) ;

/* Applies one event byte of s6's to the state (pure). */
void svlisten_event (svlisten *l, char ev) ;

#define SVLISTEN_OK 0
#define SVLISTEN_FAILED 1      /* a service died or failed: see died/failed */
#define SVLISTEN_TIMEOUT 99
#define SVLISTEN_ERROR 111     /* errno set */

/* Waits until all (or, if !all, one) of the n services reached their
   state, or the deadline passed (in STAMP's clock: tain_now_g()). */
int svlisten_wait (svlisten *l, unsigned int n, int all, tain const *deadline) ;

#endif
