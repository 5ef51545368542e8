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
void stage1_environment (config const *cfg, char const *const *envp, stralloc *childenv) ;

/* stage 2: the report pipe tells PID 1 what became of it */
#define STAGE2_REPORT_NOCMD 'n'
#define STAGE2_REPORT_FATAL 'f'     /* followed by one byte: the exit code */
pid_t stage2_spawn (config const *cfg, char const *const *cmd, unsigned int cmdlen, char const *const *childenv, int *reportfd) ;

/* the rc engine at boot and at shutdown (rcboot.c); both return an
   RCTRANS_* code, or RCBOOT_BADDB when the definitions have errors */
#define RCBOOT_BADDB 4
int rcboot_up (config const *cfg, char const *const *childenv) ;
int rcboot_down (config const *cfg, char const *const *childenv) ;
/* the built-in oneshots' actions [B8]; ctx is a struct builtin_ctx */
struct builtin_ctx
{
  config const *cfg ;
  char const *const *initenv ;   /* /init's own: S6_RUNTIME_PROFILE */
  char const *const *childenv ;  /* what the scripts get [B5] */
} ;
int builtin_action (void *ctx, char const *name, int up) ;
int builtin_idle (void *ctx, char const *name, int up) ;

/* stage 3 */
void stage3_signal_all (int sig, int ispid1, pid_t spare) ;
int stage3_others_left (int ispid1, pid_t spare) ;
pid_t stage3_rc_spawn (config const *cfg, char const *const *childenv) ;

#endif
