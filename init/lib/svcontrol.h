/* The client side of s6's control fifos [V3]: DIR/supervise/control for a
   supervisor, DIR/.s6-svscan/control for a scanner. Shared by s6-svc,
   s6-svscanctl and s6-svok; they speak to bosun's tree and to s6's alike. */
#ifndef BOSUN_SVCONTROL_H
#define BOSUN_SVCONTROL_H

#include <stddef.h>

/* Writes the LEN command bytes to DIR/SUB/control without blocking.
   1: written. 0: nobody listens (no reader on the fifo, or no SUB/
   directory: a service that was never supervised). -1: error, errno set
   (ENOENT when DIR itself does not exist). */
int svcontrol_write (char const *dir, char const *sub, char const *cmd, size_t len) ;

/* Whether a supervisor holds the lock on DIR/supervise/lock, the way s6
   checks it. 1: yes, 0: no, -1: error with errno set. */
int svcontrol_supervised (char const *dir) ;

#endif
