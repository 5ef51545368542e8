/* Stage 3's last step [S4]: every process left gets a signal. As PID 1 that
   is every process of the namespace; as a subreaper [B1], only bosun's own
   descendants. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/strerr.h>
#include "descendants.h"
#include "spawn.h"
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
   cannot be told by ECHILD. PID 1's own children answer it (every
   orphan is one); without that file, /proc is walked. Unknown (no /proc)
   counts as yes: the grace time then bounds the wait. */
int stage3_others_left (int ispid1, pid_t spare)
{
  int r = descendants_children_left(spare) ;
  if (r >= 0) return r ;
  return descendants_signal_but(ispid1 ? 0 : getpid(), spare, 0) != 0 ;
}

/* [S3]: every active service goes down in reverse dependency order, in a
   child that the rc engine runs in (cont-finish.d is the down action of
   legacy-cont-init, services.d that of legacy-services). Returns 0 when
   the child cannot be made: PID 1 goes on with the final steps. */
struct down
{
  config const *cfg ;
  char const *const *childenv ;
} ;

static void down_child (void *ctx)
{
  struct down const *d = ctx ;
  PROG = "bosun: stage3" ;
  _exit(rcboot_down(d->cfg, d->childenv)) ;
}

pid_t stage3_rc_spawn (config const *cfg, char const *const *childenv)
{
  struct down d = { .cfg = cfg, .childenv = childenv } ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  sp.who = "stage 3" ; sp.inchild = &down_child ; sp.ctx = &d ;
  pid = spawn_start(&sp) ;
  if (pid < 0) { strerr_warnwusys("fork to bring the services down") ; return 0 ; }
  return pid ;
}
