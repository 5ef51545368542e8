/* The event/ fifodir of a service directory, in s6's ftrigw/ftrigr format
   so that s6-svwait and bosun's tools hear each other's supervisors [V3].
   Facts observed on Debian's s6 2.11.3.2:
   - the directory has mode 03730 (setgid, sticky, group may create), the
     supervisor's effective group;
   - a listener creates a fifo named "ftrig1:" + a 25-char TAI64N label
     ("@" and 24 hex digits) + ":" + 6 random characters, mode 0600, and
     keeps it open for reading; names of any other length are ignored;
   - [V8] it makes and opens that fifo under a hidden name first (here a
     dot before the final name) and renames it once its reader is open,
     so that no notifier ever sees it without a reader;
   - the notifier writes the event bytes to every such fifo, non-blocking;
     a fifo without reader (ENXIO) belongs to a dead listener and is
     removed, a full one (EAGAIN) loses the event. */
#ifndef BOSUN_FIFODIR_H
#define BOSUN_FIFODIR_H

#include <stddef.h>
#include <sys/types.h>

#define FIFODIR_PREFIX "ftrig1"
#define FIFODIR_NAMELEN 39     /* ftrig1 : @24hex : 6 */

/* notifier side */
int fifodir_make (char const *dir) ;
int fifodir_notify (char const *dir, char const *events, size_t n) ;
int fifodir_name_ok (char const *name) ;
void fifodir_name (char *name) ;   /* FIFODIR_NAMELEN + 1 bytes, NUL-terminated */

/* listener side: fifodir_subscribe returns 1 and fills sub, 0 with errno */
typedef struct fifodir_sub_s fifodir_sub ;
struct fifodir_sub_s
{
  int fd ;       /* read end, non-blocking, close-on-exec: poll it */
  int keep ;     /* a write end held so that the fifo never reads EOF */
  char path[4096] ;
} ;
#define FIFODIR_SUB_ZERO { .fd = -1, .keep = -1, .path = "" }

int fifodir_subscribe (fifodir_sub *sub, char const *dir) ;
ssize_t fifodir_read (fifodir_sub *sub, char *buf, size_t n) ;  /* 0: nothing yet */
void fifodir_unsubscribe (fifodir_sub *sub) ;

#endif
