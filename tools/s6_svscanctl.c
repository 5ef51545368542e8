/* s6-svscanctl [-zabhitqnN] DIR: send commands to the scanner running on
   DIR, through DIR/.s6-svscan/control [V4]. The bytes go in the order of
   the options, as s6's do, so "-an" rescans then prunes. */
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include "applets.h"
#include "svcontrol.h"

#define USAGE "s6-svscanctl [ -zabhitqnN ] svscandir"
#define CMDMAX 64

int s6_svscanctl_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char cmd[CMDMAX] ;
  size_t len = 0 ;
  int r ;
  (void)envp ;
  PROG = "s6-svscanctl" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "zabhitqnN", &l) ;
    if (opt == -1) break ;
    if (opt == '?') strerr_dieusage(100, USAGE) ;
    if (len == CMDMAX) strerr_dief1x(100, "too many commands: send them in several calls") ;
    cmd[len++] = (char)opt ;
  }
  if (l.ind >= argc) strerr_dieusage(100, USAGE) ;
  r = svcontrol_write(argv[l.ind], ".s6-svscan", cmd, len) ;
  if (r < 0) strerr_diefu2sys(111, "control ", argv[l.ind]) ;
  if (!r) strerr_dief3x(100, "unable to control ", argv[l.ind], ": scanner not listening, is s6-svscan or bosun's init running on it?") ;
  return 0 ;
}
