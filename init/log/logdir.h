#ifndef BOSUN_LOGDIR_H
#define BOSUN_LOGDIR_H
/* A log directory [contract 11]: current (only appended; 0644 while a
   logger writes it, 0744 once it was closed cleanly), lock, state, and
   archives @<tai64n>.s (.u: a current left unfinished by a logger that
   died, set aside at the next start). Rotation renames, never copies. */
#include <stddef.h>
#include <sys/types.h>
#include <skalibs/tai.h>
#include "logscript.h"

/* Lines are gathered and written LOGDIR_BUF bytes at a time: one write
   per line would cost most of the logger's time in system calls. */
#define LOGDIR_BUF 65536
/* runs of a processor that fails before previous is archived unprocessed */
#define LOGDIR_PROC_TRIES 5

typedef struct logdir {
  char const *path ;
  logdir_conf conf ;
  int fd ;                 /* current, O_APPEND */
  int lockfd ;
  unsigned long cursize ;  /* current's size, counting what is still in buf */
  int failing ;            /* inside a retry episode, already reported */
  tain due ;               /* next periodic rotation (R) */
  pid_t proc ;             /* the processor working on previous, 0 if none */
  unsigned int proctries ; /* its failed runs in a row */
  int procwait ;           /* a failed run is to be tried again at procretry */
  tain procretry ;
  size_t buflen ;
  char *buf ;              /* LOGDIR_BUF bytes, allocated at open */
} logdir ;

/* Takes the lock, finishes what a dead logger left, opens current.
   0 on success; -1 with errno set and a message printed otherwise. */
int logdir_open (logdir *ld, char const *path, logdir_conf const *conf) ;
/* Appends s; rotates first when current would exceed its size, and
   after, once it is over size minus the l tolerance. Never drops data:
   on a write error it reports once and retries. */
void logdir_write (logdir *ld, char const *s, size_t len) ;
/* Writes what is buffered; the line processor calls it before reading
   more input, so the logger never holds lines across reads (-b). */
void logdir_flush (logdir *ld) ;
/* Rotates now (SIGALRM, R); nothing to do when current is empty. */
void logdir_rotate (logdir *ld) ;
/* The processor: on SIGCHLD, reap sees whether it ended and commits or
   counts a failure; tick starts a retry that is due, else lowers
   *deadline to it; busy: previous is still being processed (a run, or a
   retry to come). */
void logdir_reap (logdir *ld) ;
void logdir_tick (logdir *ld, tain *deadline) ;
int logdir_busy (logdir const *ld) ;
/* busy, and current is due for a rotation: take no more lines for it */
int logdir_held (logdir const *ld) ;
/* Syncs and marks current complete (0744); the lock goes with the fd. A
   processor still running is killed: previous stays for the next start. */
void logdir_close (logdir *ld) ;

#endif
