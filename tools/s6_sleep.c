/* s6-sleep [-m] DURATION: sleep DURATION seconds, milliseconds with -m [V4]. */
#include <errno.h>
#include <time.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"

#define USAGE "s6-sleep [ -m ] duration"

int s6_sleep_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  struct timespec ts ;
  unsigned int n ;
  int ms = 0 ;
  (void)envp ;
  PROG = "s6-sleep" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "m", &l) ;
    if (opt == -1) break ;
    if (opt != 'm') strerr_dieusage(100, USAGE) ;
    ms = 1 ;
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 1 || !uint0_scan(argv[0], &n)) strerr_dieusage(100, USAGE) ;
  ts.tv_sec = ms ? n / 1000 : n ;
  ts.tv_nsec = ms ? (long)(n % 1000) * 1000000 : 0 ;
  /* a signal that does not kill us does not shorten the sleep */
  while (nanosleep(&ts, &ts) < 0)
    if (errno != EINTR) strerr_diefusys(111, "sleep") ;
  return 0 ;
}
