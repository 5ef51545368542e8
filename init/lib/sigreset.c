#include <signal.h>
#include <skalibs/nsig.h>
#include "sigreset.h"

void sigreset_for_child (void)
{
  sigset_t empty ;
  struct sigaction dfl ;
  sigemptyset(&empty) ;
  dfl.sa_handler = SIG_DFL ;
  dfl.sa_flags = 0 ;
  sigemptyset(&dfl.sa_mask) ;
  for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
    if (sig != SIGKILL && sig != SIGSTOP) sigaction(sig, &dfl, 0) ;
  sigprocmask(SIG_SETMASK, &empty, 0) ;
}
