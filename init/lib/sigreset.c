#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <skalibs/nsig.h>
#include "sigreset.h"

/* The kernel's struct sigaction on x86_64, aarch64, arm and i386: libc's
   own differs, and libc will not touch the signals it reserves. */
struct ksigaction
{
  void (*handler) (int) ;
  unsigned long flags ;
  void (*restorer) (void) ;
  unsigned long mask[64 / (8 * sizeof(unsigned long))] ;
} ;

static void kernel_default (int sig)
{
  struct ksigaction k = { .handler = SIG_DFL, .flags = 0, .restorer = 0, .mask = { 0 } } ;
  syscall(SYS_rt_sigaction, sig, &k, (void *)0, sizeof(k.mask)) ;
}

void sigreset_for_child (void)
{
  sigset_t empty ;
  struct sigaction dfl ;
  sigemptyset(&empty) ;
  dfl.sa_handler = SIG_DFL ;
  dfl.sa_flags = 0 ;
  sigemptyset(&dfl.sa_mask) ;
  /* signals 32-34 belong to libc, which refuses them with EINVAL: a parent
     such as GNU make may still have left them ignored */
  for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
    if (sig != SIGKILL && sig != SIGSTOP && sigaction(sig, &dfl, 0) < 0 && errno == EINVAL)
      kernel_default(sig) ;
  sigprocmask(SIG_SETMASK, &empty, 0) ;
}
