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

void stage3_signal_all (int sig, int ispid1, pid_t spare)
{
  int r ;
  if (ispid1 && !spare)
  {
    if (kill(-1, sig) < 0 && errno != ESRCH) strerr_warnwusys("signal every process") ;
    return ;
  }
  /* [S6]: the catch-all logger outlives the sweep. kill(-1) cannot spare
     a process, and stopping it around kill(-1) would not help against
     KILL; so /proc is walked: as PID 1 every process of the namespace
     (docker exec'd ones too, whose parent is outside), else our own
     descendants. */
  r = descendants_signal_but(ispid1 ? 0 : getpid(), spare, sig) ;
  if (r >= 0) return ;
  strerr_warnwusys("list processes in /proc to signal them") ;
  if (ispid1 && kill(-1, sig) < 0 && errno != ESRCH) strerr_warnwusys("signal every process") ;
}

/* Whether anything but PID 1 and spare is left to wait for: with a
   catch-all logger PID 1 always has a child, so the end of the sweep [S4]
   cannot be told by ECHILD. Unknown (no /proc) counts as yes: the grace
   time then bounds the wait. */
int stage3_others_left (int ispid1, pid_t spare)
{
  return descendants_signal_but(ispid1 ? 0 : getpid(), spare, 0) != 0 ;
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
