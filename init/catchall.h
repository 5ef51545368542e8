/* The catch-all logger [S6_LOGGING, contract s.10; B6, S6]: with
   S6_LOGGING=1 or 2, everything PID 1 and its children print goes through
   one pipe into bosun's s6-log, writing /run/uncaught-logs (and, with 1, a
   copy of every line to the container's stderr). PID 1 holds both ends of
   the pipe for the life of the container, so a logger that dies and is
   respawned loses nothing, and it is the last process to stop. With
   S6_LOGGING=0 (the default) none of this exists. */
#ifndef BOSUN_CATCHALL_H
#define BOSUN_CATCHALL_H

#include <sys/types.h>
#include <skalibs/tai.h>

#define CATCHALL_DIR "/run/uncaught-logs"

typedef struct catchall_s catchall ;
struct catchall_s
{
  unsigned int mode ;   /* S6_LOGGING: 0 none, 1 file and stderr, 2 file only */
  pid_t pid ;           /* the logger; 0 when there is none */
  int rfd, wfd ;        /* the pipe; wfd is also PID 1's fds 1 and 2 */
  int saved[2] ;        /* the container's stdout and stderr */
  uid_t uid ;           /* S6_CATCHALL_USER, when PID 1 is root */
  gid_t gid ;
  int setuser ;
  char const *self ;    /* this binary: the logger is its s6-log applet */
  char const *stamps[2] ;
  unsigned int nstamps ;
  tain started ;        /* the last spawn, to tell a crash loop */
  unsigned int quickdeaths ;
} ;

/* Reads S6_LOGGING, S6_LOGGING_SCRIPT and S6_CATCHALL_USER; with a
   logger, creates CATCHALL_DIR, starts the logger, waits (bounded) until
   it is ready and makes fds 1 and 2 the pipe. Dies 100 on an unknown
   S6_CATCHALL_USER, 111 when the pipe or the logger cannot be made. */
void catchall_start (catchall *ca, char const *const *envp, char const *self) ;
/* 1 if pid was the logger (it is respawned), 0 otherwise. */
int catchall_reaped (catchall *ca, pid_t pid) ;
/* The process the final sweep must spare; 0 if none. */
pid_t catchall_pid (catchall const *ca) ;
/* In stage 2, before the CMD: with S6_CMD_USE_TERMINAL, its fds 1 and 2
   are the container's own, not the logger's (as in s6-overlay: for a CMD
   that needs the terminal, at the cost of not being logged). No-op
   without a logger. */
void catchall_cmd_terminal (void) ;
/* After the sweep: gives fds 1 and 2 back to the container, so that the
   logger reads end of file, and waits for it at most ms (selfpipe: PID
   1's, where SIGCHLD arrives). */
void catchall_finish (catchall *ca, int selfpipe, unsigned int ms) ;

#endif
