/* s6-rmrf FILE...: remove each FILE, recursively for a directory [V4];
   a missing FILE is not an error. */
#include <errno.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include "applets.h"

int s6_rmrf_main (int argc, char const *const *argv, char const *const *envp)
{
  (void)envp ;
  PROG = "s6-rmrf" ;
  if (argc < 2) strerr_dieusage(100, "s6-rmrf file...") ;
  for (int i = 1 ; i < argc ; i++)
    if (rm_rf(argv[i]) < 0 && errno != ENOENT) strerr_diefusys(111, "remove ", argv[i]) ;
  return 0 ;
}
