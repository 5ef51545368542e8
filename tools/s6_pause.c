/* s6-pause [-t] [-h] [-a] [-q] [-b] [-i] [-p SIG,SIG...]: block until a
   signal kills it; the options make it ignore some, so that it can wait
   for one signal in particular [N2]. The placeholder run of a service
   that only holds a resource (a lock, a socket) or a log/ pair. */
#include <signal.h>
#include <unistd.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"

#define USAGE "s6-pause [ -t ] [ -h ] [ -a ] [ -q ] [ -b ] [ -i ] [ -p signals ]"

static void ignore (int sig)
{
  struct sigaction sa ;
  sa.sa_handler = SIG_IGN ;
  sa.sa_flags = 0 ;
  sigemptyset(&sa.sa_mask) ;
  if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, &sa, 0) < 0)
  {
    char fmt[UINT_FMT] ;
    fmt[uint_fmt(fmt, (unsigned int)sig)] = 0 ;
    strerr_dief(100, "signal ", fmt, " cannot be ignored: give signal numbers other than 9 and 19") ;
  }
}

/* "1,2,15": each a signal number */
static void ignore_list (char const *s)
{
  while (*s)
  {
    unsigned int sig ;
    size_t n = uint_scan(s, &sig) ;
    if (!n || (s[n] && s[n] != ',')) strerr_dief(100, "-p ", s, ": give a comma-separated list of signal numbers") ;
    ignore((int)sig) ;
    s += n + !!s[n] ;
  }
}

int s6_pause_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  (void)envp ;
  PROG = "s6-pause" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "thaqbip:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 't' : ignore(SIGTERM) ; break ;
      case 'h' : ignore(SIGHUP) ; break ;
      case 'a' : ignore(SIGALRM) ; break ;
      case 'q' : ignore(SIGQUIT) ; break ;
      case 'b' : ignore(SIGABRT) ; break ;
      case 'i' : ignore(SIGINT) ; break ;
      case 'p' : ignore_list(l.arg) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  for (;;) pause() ;
}
