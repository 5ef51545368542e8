/* s6-chmod MODE FILE: set FILE's permissions to the octal MODE [V4]. */
#include <sys/stat.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"

#define USAGE "s6-chmod mode file"

int s6_chmod_main (int argc, char const *const *argv, char const *const *envp)
{
  unsigned int mode ;
  (void)envp ;
  PROG = "s6-chmod" ;
  if (argc < 3 || !uint0_oscan(argv[1], &mode) || mode > 07777) strerr_dieusage(100, USAGE) ;
  if (chmod(argv[2], (mode_t)mode) < 0) strerr_diefusys(111, "chmod ", argv[2]) ;
  return 0 ;
}
