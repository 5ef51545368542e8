/* The live state of the rc engine under /run/s6-rc [B7]: which atomic
   services are up, and the lock that serialises transitions. The state
   file holds one name per line; it is rewritten whole (a new file renamed
   over the old) after every finished transition, so a reader never sees
   half of it and a killed engine leaves the last true state behind. */
#ifndef BOSUN_RCSTATE_H
#define BOSUN_RCSTATE_H

#include <sys/types.h>
#include "rc/rcgraph.h"

/* up[] (one byte per service of g, zeroed here) from the state file; a
   missing file means nothing is up. 1, or 0 with errno set. */
int rcstate_read (rcgraph const *g, unsigned char *up) ;

/* up[] into the state file; 1, or 0 with errno set */
int rcstate_write (rcgraph const *g, unsigned char const *up) ;

/* Takes the transition lock, waiting for it if block; returns the fd
   holding it (close it to release), or -1 with errno set (EWOULDBLOCK:
   another transition is running). */
int rcstate_lock (int block) ;

/* Takes the lock, waiting for it at most ms [I4] (stage 3 must not wait
   for an s6-rc change from docker exec without bound). The fd, or -1
   with errno set: ETIMEDOUT, with *holder the pid that holds the lock
   (0 if unknown). */
int rcstate_lock_within (unsigned int ms, pid_t *holder) ;

#endif
