/* The stages that stage 0 (init/init.c) runs: stage 1 in PID 1 itself
   (quick, no child), stage 2 in a child that ends as the CMD, stage 3's
   final sweep driven from PID 1's loop. */
#ifndef BOSUN_STAGES_H
#define BOSUN_STAGES_H

#include <sys/types.h>
#include <skalibs/stralloc.h>
#include "config.h"

/* stage 1 */
#define RUN_OK 0
#define RUN_REFUSED 1
#define RUN_SHARED 2
struct stat ;
int run_verdict (uid_t uid, gid_t gid, struct stat const *st, int shared_run_ok) ;
void stage1_wait_start_fd (config const *cfg) ;
void stage1_prepare_run (config const *cfg) ;
void stage1_link_package (void) ;
void stage1_environment (config const *cfg, char const *const *envp, stralloc *childenv) ;

/* stage 2: the report pipe tells PID 1 what became of it */
#define STAGE2_REPORT_NOCMD 'n'
#define STAGE2_REPORT_FATAL 'f'     /* followed by one byte: the exit code */
/* the step it is at, one byte each, so that PID 1 can say where a killed
   stage 2 died; CMD comes just before the exec: a death after it is the
   CMD's own */
#define STAGE2_REPORT_HOOK 'H'
#define STAGE2_REPORT_DATABASE 'D'
#define STAGE2_REPORT_TOP 'T'
#define STAGE2_REPORT_CONTINIT 'I'  /* from legacy-cont-init's child */
#define STAGE2_REPORT_SERVICES 'L'  /* from legacy-services' child */
#define STAGE2_REPORT_CMD 'C'
pid_t stage2_spawn (config const *cfg, char const *const *cmd, unsigned int cmdlen, char const *const *childenv, int *reportfd) ;
/* In PID 1: says that stage 2 died at STEP (one of the bytes above, 0
   before the first) and what it left unstarted. */
void stage2_died (int wstat, char step) ;
void stage2_report (int fd, char step) ;

/* the rc engine at boot and at shutdown (rcboot.c); both return an
   RCTRANS_* code, or RCBOOT_BADDB when the definitions have errors */
#define RCBOOT_BADDB 4
int rcboot_up (config const *cfg, char const *const *childenv, int report) ;
int rcboot_down (config const *cfg, char const *const *childenv) ;
/* the built-in oneshots' actions [B8]; ctx is a struct builtin_ctx */
struct builtin_ctx
{
  config const *cfg ;
  char const *const *initenv ;   /* /init's own: S6_RUNTIME_PROFILE */
  char const *const *childenv ;  /* what the scripts get [B5] */
  int report ;                   /* stage 2's report pipe, -1 outside stage 2 */
  int lock ;                     /* the transition's lock, -1 if none: a
                                    child closes it, so that it never holds
                                    the lock after its parent is gone */
} ;
int builtin_action (void *ctx, char const *name, int up) ;
int builtin_idle (void *ctx, char const *name, int up) ;

/* stage 3 */
void stage3_signal_all (int sig, int ispid1, pid_t spare) ;
int stage3_others_left (int ispid1, pid_t spare) ;
pid_t stage3_rc_spawn (config const *cfg, char const *const *childenv) ;

#endif
