#ifndef BOSUN_LOGDIR_H
#define BOSUN_LOGDIR_H
/* A log directory [contract 11]: current (only appended; 0644 while a
   logger writes it, 0744 once it was closed cleanly), lock, state, and
   archives @<tai64n>.s (.u: a current left unfinished by a logger that
   died, set aside at the next start). Rotation renames, never copies. */
#include <stddef.h>
#include <skalibs/tai.h>
#include "logscript.h"

/* Lines are gathered and written LOGDIR_BUF bytes at a time: one write
   per line would cost most of the logger's time in system calls. */
#define LOGDIR_BUF 65536

typedef struct logdir {
  char const *path ;
  logdir_conf conf ;
  int fd ;                 /* current, O_APPEND */
  int lockfd ;
  unsigned long cursize ;  /* current's size, counting what is still in buf */
  int failing ;            /* inside a retry episode, already reported */
  tain due ;               /* next periodic rotation (R) */
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
/* Syncs and marks current complete (0744); the lock goes with the fd. */
void logdir_close (logdir *ld) ;

#endif
