/* s6-setsid [-s|-b|-f|-g] [-i|-I|-q] [-d ctty] PROG...: run PROG as a
   session leader (-s, default), or as the leader of a new process group in
   the background (-b), in the foreground (-f: the terminal on fd ctty,
   default 0, is given to it; it may stop until the old foreground group
   lets go), or grabbing the foreground (-g) [V4]. When that fails: -i exit
   111, -I (default) warn and run PROG anyway, -q run it silently. */
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/exec.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"

#define USAGE "s6-setsid [ -s | -b | -f | -g ] [ -i | -I | -q ] [ -d ctty ] prog..."

static char strictness = 'I' ;

static void failed (char const *what)
{
  if (strictness == 'i') strerr_diefusys(111, what) ;
  if (strictness == 'I') strerr_warnwusys(what) ;
}

/* -g: tcsetpgrp from a background group raises SIGTTOU; blocking it is how
   a process takes the terminal without asking. */
static void take_terminal (int fd, int grab)
{
  sigset_t ttou, old ;
  int r ;
  sigemptyset(&ttou) ;
  sigaddset(&ttou, SIGTTOU) ;
  if (grab && sigprocmask(SIG_BLOCK, &ttou, &old) < 0) { failed("block SIGTTOU") ; return ; }
  r = tcsetpgrp(fd, getpid()) ;
  if (grab) sigprocmask(SIG_SETMASK, &old, 0) ;
  if (r < 0) failed("tcsetpgrp") ;
}

int s6_setsid_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char what = 's' ;
  unsigned int ctty = 0 ;
  PROG = "s6-setsid" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "sbfgiIqd:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 's' : case 'b' : case 'f' : case 'g' : what = (char)opt ; break ;
      case 'i' : case 'I' : case 'q' : strictness = (char)opt ; break ;
      case 'd' : if (!uint0_scan(l.arg, &ctty)) strerr_dieusage(100, USAGE) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  if (what == 's')
  {
    if (setsid() < 0) failed("setsid") ;
  }
  else if (setpgid(0, 0) < 0) failed("setpgid") ;
  else if (what != 'b') take_terminal((int)ctty, what == 'g') ;
  xexec_e(argv, envp) ;
}
