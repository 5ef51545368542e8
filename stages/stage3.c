/* Stage 3's last step [S4]: every process left gets a signal. As PID 1 that
   is every process of the namespace; as a subreaper [B1], only bosun's own
   descendants. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/strerr.h>
#include <sys/stat.h>
#include "descendants.h"
#include "legacy.h"
#include "sigreset.h"
#include "stages.h"

void stage3_signal_all (int sig, int ispid1)
{
  if (ispid1)
  {
    if (kill(-1, sig) < 0 && errno != ESRCH) strerr_warnwusys("signal every process") ;
    return ;
  }
  if (descendants_signal(getpid(), sig) < 0) strerr_warnwusys("list processes in /proc to signal them") ;
}

/* [S3]: once the services are down, /etc/cont-finish.d runs in a child,
   each script bounded by S6_KILL_FINISH_MAXTIME. Returns 0 if there is
   nothing to run or the child cannot be made. */
pid_t stage3_finish_spawn (config const *cfg, char const *const *childenv)
{
  struct stat st ;
  pid_t pid ;
  if (stat(LEGACY_CONT_FINISH, &st) < 0 || !S_ISDIR(st.st_mode)) return 0 ;
  pid = fork() ;
  if (pid < 0) { strerr_warnwusys("fork to run " LEGACY_CONT_FINISH) ; return 0 ; }
  if (!pid)
  {
    PROG = "bosun: stage3" ;
    sigreset_for_child() ;
    legacy_scripts(LEGACY_CONT_FINISH, "cont-finish", cfg->kill_finish_maxtime, childenv, cfg->verbosity) ;
    _exit(0) ;
  }
  return pid ;
}
