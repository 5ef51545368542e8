/* s6-svok DIR: exit 0 if a supervisor runs on DIR, 1 if not [V4]. Works on
   bosun's tree and on s6's: both hold a lock on DIR/supervise/lock. */
#include <skalibs/strerr.h>
#include "applets.h"
#include "svcontrol.h"

#define USAGE "s6-svok servicedir"

int s6_svok_main (int argc, char const *const *argv, char const *const *envp)
{
  int r ;
  (void)envp ;
  PROG = "s6-svok" ;
  if (argc < 2) strerr_dieusage(100, USAGE) ;
  r = svcontrol_supervised(argv[1]) ;
  if (r < 0) strerr_diefu3sys(111, "check the supervisor lock of ", argv[1], "/supervise/lock") ;
  return !r ;
}
