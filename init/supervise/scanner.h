/* The scanner: part of PID 1 for the whole life of the container [B6]. It
   keeps one supervisor (s6-supervise) per directory of /run/service and one
   per log/ subdirectory, holds the pipe between a service and its logger so
   that neither side's restart loses a line [R6], re-spawns a supervisor that
   dies, and at shutdown stops services first and loggers last [S6]. It
   also holds the pipes of pipelines between services (producer-for,
   consumer-for: svpipe.h), and stops consumers with the loggers. It only
   ever forks and execs: the supervisors do the work. */
#ifndef BOSUN_SCANNER_H
#define BOSUN_SCANNER_H

#include <sys/types.h>
#include <skalibs/tai.h>
#include "svpipe.h"

typedef struct scanner_svc_s scanner_svc ;
typedef struct scanner_s scanner ;
struct scanner_s
{
  char const *dir ;               /* /run/service */
  char const *self ;              /* this binary, exec'd as s6-supervise */
  char const *const *envp ;       /* the supervisors' environment */
  scanner_svc *svc ;
  svpipes pipes ;                 /* one per consumer of a pipeline [R6] */
  size_t n ;
  size_t cap ;
  int control ;                   /* .s6-svscan/control, -1 if none */
  int stopping ;                  /* 0 running, 1 services going down, 2 loggers too */
} ;

/* s6-svscanctl requests that concern the init as a whole */
#define SCANNER_NOTHING 0
#define SCANNER_HALT 1

int scanner_init (scanner *sc, char const *dir, char const *self, char const *const *envp) ;
void scanner_scan (scanner *sc, int prune) ;
int scanner_control (scanner *sc) ;
int scanner_reaped (scanner *sc, pid_t pid) ;
int scanner_deadline (scanner const *sc, tain *deadline) ;
void scanner_respawn_due (scanner *sc) ;
void scanner_stop_services (scanner *sc) ;
void scanner_stop_loggers (scanner *sc) ;       /* and consumers of pipelines */
size_t scanner_running (scanner const *sc, int loggers) ;  /* loggers: phase 2, consumers too */

#endif
