/* What stage 0 reads from the S6_* variables, once, at boot (contract s.10). */
#ifndef BOSUN_CONFIG_H
#define BOSUN_CONFIG_H

typedef struct config_s config ;
struct config_s
{
  int keep_env ;                 /* S6_KEEP_ENV */
  unsigned int kill_gracetime ;  /* S6_KILL_GRACETIME, ms */
  unsigned int services_gracetime ; /* S6_SERVICES_GRACETIME, ms */
  unsigned int kill_finish_maxtime ; /* S6_KILL_FINISH_MAXTIME, ms, 0 = none */
  unsigned int stage2_fails ;    /* S6_BEHAVIOUR_IF_STAGE2_FAILS: 0 silent, 1 warn, 2 stop */
  int cmd_receive_signals ;      /* S6_CMD_RECEIVE_SIGNALS */
  int cmd_use_terminal ;         /* S6_CMD_USE_TERMINAL */
  int sync_disks ;               /* S6_SYNC_DISKS */
  int read_only_root ;           /* S6_READ_ONLY_ROOT */
  int shared_run_ok ;            /* S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES */
  unsigned int closing_fd ;      /* S6_WAIT_FOR_CLOSING_FD, 0 = fd 3 if open */
  int fix_attrs_hidden ;         /* S6_FIX_ATTRS_HIDDEN: fix-attrs recursion includes dot-files [B9] */
  unsigned int verbosity ;       /* S6_VERBOSITY */
  int cmd_wait ;                 /* S6_CMD_WAIT_FOR_SERVICES */
  unsigned int cmd_wait_maxtime ; /* S6_CMD_WAIT_FOR_SERVICES_MAXTIME, ms, 0 = none */
  unsigned int services_readytime ; /* S6_SERVICES_READYTIME, ms */
  char const *stage2_hook ;      /* S6_STAGE2_HOOK */
  char const *cmd_arg0 ;         /* S6_CMD_ARG0, words prepended to the CMD */
} ;

void config_read (config *cfg, char const *const *envp) ;

#endif
