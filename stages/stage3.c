/* Stage 3's last step [S4]: every process left gets a signal. As PID 1 that
   is every process of the namespace; as a subreaper [B1], only bosun's own
   descendants. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/strerr.h>
#include "descendants.h"
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

/* [S3]: every active service goes down in reverse dependency order, in a
   child that the rc engine runs in (cont-finish.d is the down action of
   legacy-cont-init, services.d that of legacy-services). Returns 0 when
   the child cannot be made: PID 1 goes on with the final steps. */
pid_t stage3_rc_spawn (config const *cfg, char const *const *childenv)
{
  pid_t pid = fork() ;
  if (pid < 0) { strerr_warnwusys("fork to bring the services down") ; return 0 ; }
  if (!pid)
  {
    PROG = "bosun: stage3" ;
    sigreset_for_child() ;
    _exit(rcboot_down(cfg, childenv)) ;
  }
  return pid ;
}
