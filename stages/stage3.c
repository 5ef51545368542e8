/* Stage 3's last step [S4]: every process left gets a signal. As PID 1 that
   is every process of the namespace; as a subreaper [B1], only bosun's own
   descendants. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/strerr.h>
#include "descendants.h"
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
