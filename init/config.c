#include <skalibs/env.h>
#include <skalibs/strerr.h>
#include "config.h"
#include "s6var.h"

void config_read (config *cfg, char const *const *envp)
{
  cfg->keep_env = s6var_flag(envp, "S6_KEEP_ENV") ;
  cfg->kill_gracetime = s6var_uint(envp, "S6_KILL_GRACETIME", 3000, 300000) ;
  cfg->services_gracetime = s6var_uint(envp, "S6_SERVICES_GRACETIME", 3000, 300000) ;
  cfg->kill_finish_maxtime = s6var_uint(envp, "S6_KILL_FINISH_MAXTIME", 0, 86400000) ;
  cfg->stage2_fails = s6var_uint(envp, "S6_BEHAVIOUR_IF_STAGE2_FAILS", 0, 2) ;
  cfg->cmd_receive_signals = s6var_flag(envp, "S6_CMD_RECEIVE_SIGNALS") ;
  cfg->cmd_use_terminal = s6var_flag(envp, "S6_CMD_USE_TERMINAL") ;
  cfg->sync_disks = s6var_flag(envp, "S6_SYNC_DISKS") ;
  cfg->read_only_root = s6var_flag(envp, "S6_READ_ONLY_ROOT") ;
  cfg->shared_run_ok = s6var_flag(envp, "S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES") ;
  cfg->fix_attrs_hidden = s6var_flag(envp, "S6_FIX_ATTRS_HIDDEN") ;
  cfg->verbosity = s6var_uint(envp, "S6_VERBOSITY", 2, 5) ;
  cfg->closing_fd = s6var_uint(envp, "S6_WAIT_FOR_CLOSING_FD", 0, 1023) ;
  if (cfg->closing_fd && cfg->closing_fd < 3)
  {
    strerr_warnw("S6_WAIT_FOR_CLOSING_FD must name a descriptor of 3 or more, ignoring it") ;
    cfg->closing_fd = 0 ;
  }
  cfg->cmd_wait = s6var_flag(envp, "S6_CMD_WAIT_FOR_SERVICES") ;
  cfg->cmd_wait_maxtime = s6var_uint(envp, "S6_CMD_WAIT_FOR_SERVICES_MAXTIME", 0, 86400000) ;
  cfg->services_readytime = s6var_uint(envp, "S6_SERVICES_READYTIME", 50, 86400000) ;
  cfg->stage2_hook = env_get2(envp, "S6_STAGE2_HOOK") ;
  if (cfg->stage2_hook && !*cfg->stage2_hook) cfg->stage2_hook = 0 ;
  cfg->cmd_arg0 = env_get2(envp, "S6_CMD_ARG0") ;
  if (cfg->cmd_arg0 && !*cfg->cmd_arg0) cfg->cmd_arg0 = 0 ;
}
