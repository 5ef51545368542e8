/* s6-svwait [-u|-U|-d|-D|-r|-R] [-a|-o] [-t ms] DIR...: wait until the
   services reach a state [V4], by listening to their event/ fifodirs;
   works with bosun's supervisors and s6's. Exit codes as s6's: 0, 99 on
   timeout, 100 usage, 111 system error, and N when N services could not
   get there (their supervisor exited, or they failed for good). */
#include <errno.h>
#include <stdlib.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "svlisten.h"
#include "svclient.h"

#define USAGE "s6-svwait [ -U | -u | -d | -D | -r | -R ] [ -a | -o ] [ -t timeout ] servicedir..."

int svwait_deadline (tain *deadline, unsigned int ms)
{
  tain d ;
  if (!tain_now_set_stopwatch_g()) return 0 ;
  if (!ms) { *deadline = tain_infinite ; return 1 ; }
  if (!tain_from_millisecs(&d, (int)(ms > 0x7fffffffU ? 0x7fffffffU : ms))) return 0 ;
  tain_add_g(deadline, &d) ;
  return 1 ;
}

/* Listeners leave a fifo in each event/ directory: remove them on every
   way out, or they pile up until the next event. */
void svwait_end (svlisten *l, int n)
{
  for (int i = 0 ; i < n ; i++) svlisten_end(&l[i]) ;
  free(l) ;
}

svlisten *svwait_all (int n, char const *const *dirs, char const *wants)
{
  svlisten *l = calloc((size_t)n, sizeof(svlisten)) ;
  if (!l) strerr_diefu1sys(111, "allocate memory") ;
  for (int i = 0 ; i < n ; i++)
  {
    char const *what ;
    if (!svlisten_start(&l[i], dirs[i], wants[i], &what))
    {
      int e = errno ;
      svwait_end(l, i) ;
      errno = e ;
      strerr_diefu2sys(111, what, dirs[i]) ;
    }
  }
  return l ;
}

int s6_svwait_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt o = SUBGETOPT_ZERO ;
  char want = 'u' ;
  int all = 1, r, n, bad = 0 ;
  unsigned int timeout = 0 ;
  char wants[SVC_DIRMAX] ;
  svlisten *l ;
  tain deadline ;
  (void)envp ;
  PROG = "s6-svwait" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "uUdDrRaot:", &o) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'a' : all = 1 ; break ;
      case 'o' : all = 0 ; break ;
      case 't' : if (!uint0_scan(o.arg, &timeout)) strerr_dieusage(100, USAGE) ; break ;
      case '?' : strerr_dieusage(100, USAGE) ;
      default : want = (char)opt ;
    }
  }
  n = argc - o.ind ;
  if (n <= 0) strerr_dieusage(100, USAGE) ;
  if (n > SVC_DIRMAX) strerr_dief1x(100, "too many servicedirs: wait for them in several calls") ;
  for (int i = 0 ; i < n ; i++) wants[i] = want ;
  if (!svwait_deadline(&deadline, timeout)) strerr_diefu1sys(111, "read the clock") ;
  l = svwait_all(n, argv + o.ind, wants) ;
  r = svlisten_wait(l, (unsigned int)n, all, &deadline) ;
  {
    int e = errno ;
    for (int i = 0 ; i < n ; i++) bad += !l[i].done && (l[i].died || l[i].failed) ;
    svwait_end(l, n) ;
    errno = e ;
  }
  if (r == SVLISTEN_ERROR) strerr_diefu1sys(111, "listen to the services' events") ;
  if (r == SVLISTEN_TIMEOUT) strerr_dief1x(99, "timed out") ;
  if (r == SVLISTEN_OK) return 0 ;
  strerr_dief1x(bad > 98 ? 98 : bad, "some services reported permanent failure or their supervisor died") ;
}
