/* halt, poweroff, reboot, shutdown: ask the init to stop the container [S1].
   The container's exit status is then the exitcode file's (contract s.6);
   in a container all four stop it the same way. Returns at once, like
   s6-linux-init's commands: the caller is stopped with everything else. */
#include <errno.h>
#include <string.h>
#include <skalibs/strerr.h>
#include "applets.h"
#include "control.h"
#include "paths.h"

int halt_main (int argc, char const *const *argv, char const *const *envp)
{
  char const *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0] ;
  char what = CONTROL_HALT ;
  if (!strcmp(name, "poweroff")) what = CONTROL_POWEROFF ;
  else if (!strcmp(name, "reboot")) what = CONTROL_REBOOT ;
  (void)envp ;
  PROG = name ;
  /* s6-linux-init's -h -p -r -f -w -d and shutdown's "now": accepted;
     a container has only one way to stop. */
  for (int i = 1 ; i < argc ; i++)
  {
    if (!strcmp(argv[i], "-p")) what = CONTROL_POWEROFF ;
    else if (!strcmp(argv[i], "-r")) what = CONTROL_REBOOT ;
    else if (!strcmp(argv[i], "-h")) what = CONTROL_HALT ;
  }
  if (!control_send(what))
  {
    if (errno == ENXIO || errno == ENOENT)
      strerr_dief(111, "no bosun init is listening on " BOSUN_CONTROL ": is this running in a container started by /init?") ;
    strerr_diefusys(111, "write to ", BOSUN_CONTROL) ;
  }
  return 0 ;
}
