/* s6-svc: send commands to the supervisor of a service [V3][V4], by
   writing s6's command bytes to DIR/supervise/control, in the order of
   the options. Works on bosun's tree and on s6's. -wX waits for the
   service to reach state X, bounded by -T ms. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "svlisten.h"
#include "svclient.h"
#include "svcontrol.h"

#define USAGE "s6-svc [ -wu | -wU | -wd | -wD | -wr | -wR ] [ -T timeout ] [ -abqhkti12pcyroduDUxOQ ] servicedir..."

int svc_parse (int argc, char const *const *argv, struct svc_opts *o)
{
  subgetopt l = SUBGETOPT_ZERO ;
  o->len = 0 ; o->wait = 0 ; o->timeout = 0 ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "w:T:abqhkti12pcyroduDUxOQ", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'w' :
        /* one letter among s6's six; the last -w wins, as in s6 */
        if (!l.arg[0] || l.arg[1] || !strchr("uUdDrR", l.arg[0])) return 0 ;
        o->wait = l.arg[0] ;
        break ;
      case 'T' :
        if (!uint0_scan(l.arg, &o->timeout)) return 0 ;
        break ;
      case '?' : return 0 ;
      default :
        if (o->len == SVC_CMDMAX) return 0 ;
        o->cmd[o->len++] = (char)opt ;
    }
  }
  o->ind = l.ind ;
  return l.ind < argc ;
}

/* Returns the exit code for DIR: 0, 100 when no supervisor listens (as
   s6 2.11 does), 111 on a system error. Errors are reported, then the
   next servicedir is processed, as s6 does. */
static int send_one (char const *dir, struct svc_opts const *o)
{
  int r = svcontrol_write(dir, "supervise", o->cmd, o->len) ;
  if (r > 0) return 0 ;
  if (r < 0)
  {
    strerr_warnsys(PROG, ": fatal: unable to control ", dir) ;
    return 111 ;
  }
  strerr_warn(PROG, ": fatal: unable to control ", dir, ": supervisor not listening, is its service in a scan directory?") ;
  return 100 ;
}

/* -wU and -wR need readiness notification: without it, s6 falls back
   to -wu and -wr with a warning; so do we. */
static char wanted (char const *dir, char w)
{
  char fn[4096] ;
  if (w != 'U' && w != 'R') return w ;
  if ((size_t)snprintf(fn, sizeof(fn), "%s/notification-fd", dir) < sizeof(fn) && access(fn, F_OK) == 0) return w ;
  strerr_warnw2x(fn, " not present - ignoring request for readiness notification") ;
  return w == 'U' ? 'u' : 'r' ;
}

/* -wX: listen first, then send, then wait: the event cannot be missed.
   Exit codes as s6-svlisten1's: 99 timeout, 102 supervisor gone, 1 the
   service failed for good. */
static int svc_wait (int n, char const *const *dirs, struct svc_opts const *o)
{
  char wants[SVC_DIRMAX] ;
  struct svlisten_s *l ;
  tain deadline ;
  char const *died = 0 ;
  int r ;
  if (n > SVC_DIRMAX) strerr_dief1x(100, "too many servicedirs: control them in several calls") ;
  for (int i = 0 ; i < n ; i++) wants[i] = wanted(dirs[i], o->wait) ;
  if (!svwait_deadline(&deadline, o->timeout)) strerr_diefu1sys(111, "read the clock") ;
  l = svwait_all(n, dirs, wants) ;
  for (int i = 0 ; o->len && i < n ; i++)
  {
    r = send_one(dirs[i], o) ;
    if (r) { svwait_end(l, n) ; return r ; }
  }
  r = svlisten_wait(l, (unsigned int)n, 1, &deadline) ;
  {
    int e = errno ;
    for (int i = 0 ; i < n ; i++) if (!l[i].done && l[i].died) died = dirs[i] ;
    svwait_end(l, n) ;
    errno = e ;
  }
  if (r == SVLISTEN_ERROR) strerr_diefu1sys(111, "listen to the services' events") ;
  if (r == SVLISTEN_TIMEOUT) strerr_dief1x(99, "timed out") ;
  if (r == SVLISTEN_OK) return 0 ;
  if (died) strerr_dief3x(102, "the supervisor of ", died, " exited") ;
  strerr_dief1x(1, "the service reported permanent failure") ;
}

int s6_svc_main (int argc, char const *const *argv, char const *const *envp)
{
  struct svc_opts o ;
  int e = 0 ;
  (void)envp ;
  PROG = "s6-svc" ;
  if (!svc_parse(argc, argv, &o)) strerr_dieusage(100, USAGE) ;
  if (o.wait) return svc_wait(argc - o.ind, argv + o.ind, &o) ;
  for (int i = o.ind ; i < argc ; i++)
  {
    int r = send_one(argv[i], &o) ;
    if (r) e = r ;
  }
  return e ;
}
