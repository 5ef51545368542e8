/* s6-maximumtime [-0|-a|-b|-i|-k|-q|-t|-x|-1|-2] MS PROG...: run PROG as a
   child for at most MS milliseconds (0: no limit) [N2]. If it is still
   running then, it gets the signal the option names (TERM by default,
   none with -0) and s6-maximumtime exits 99 saying so; else it exits as
   PROG did (128 + the signal if PROG was killed). */
#include <errno.h>
#include <signal.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sgetopt.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "spawn.h"

#define USAGE "s6-maximumtime [ -0 | -a | -b | -i | -k | -q | -t | -x | -1 | -2 ] milli prog..."

static int signal_of (int opt)
{
  switch (opt)
  {
    case '0' : return 0 ;
    case 'a' : return SIGALRM ;
    case 'b' : return SIGABRT ;
    case 'i' : return SIGINT ;
    case 'k' : return SIGKILL ;
    case 'q' : return SIGQUIT ;
    case 't' : return SIGTERM ;
    case 'x' : return SIGXCPU ;
    case '1' : return SIGUSR1 ;
    case '2' : return SIGUSR2 ;
    default : return -1 ;
  }
}

/* PROG's wait status once it exits, or -1 at the deadline */
static int wait_until (pid_t pid, int sfd, tain const *deadline)
{
  iopause_fd x = { .fd = sfd, .events = IOPAUSE_READ } ;
  for (;;)
  {
    int wstat ;
    int r = wait_pid_nohang(pid, &wstat) ;
    if (r == pid) return wstat ;
    if (r < 0) strerr_diefusys(111, "wait for the program") ;
    r = iopause_g(&x, 1, deadline) ;
    if (r < 0 && errno != EINTR) strerr_diefusys(111, "iopause") ;
    if (!r) return -1 ;
    if (r > 0 && selfpipe_read() < 0) strerr_diefusys(111, "read the selfpipe") ;
  }
}

int s6_maximumtime_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  int sig = SIGTERM, sfd, wstat ;
  unsigned int ms ;
  tain deadline ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  PROG = "s6-maximumtime" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "0abikqtx12", &l) ;
    if (opt == -1) break ;
    if ((sig = signal_of(opt)) < 0) strerr_dieusage(100, USAGE) ;
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 2 || !uint0_scan(argv[0], &ms)) strerr_dieusage(100, USAGE) ;
  sfd = selfpipe_init() ;
  if (sfd < 0 || !selfpipe_trap(SIGCHLD)) strerr_diefusys(111, "catch SIGCHLD") ;
  tain_now_set_stopwatch_g() ;
  if (ms) { tain_from_millisecs(&deadline, (int)(ms > 0x7fffffffU ? 0x7fffffffU : ms)) ; tain_add_g(&deadline, &deadline) ; }
  else tain_add_g(&deadline, &tain_infinite_relative) ;
  sp.argv = argv + 1 ; sp.envp = envp ; sp.level = "fatal" ;
  pid = spawn_start(&sp) ;
  if (pid < 0) strerr_diefusys(111, "spawn ", argv[1]) ;
  wstat = wait_until(pid, sfd, &deadline) ;
  if (wstat >= 0) return wait_estatus(wstat) ;
  if (sig && kill(pid, sig) < 0) strerr_diefusys(111, "signal ", argv[1]) ;
  strerr_dief(99, argv[1], " ran longer than ", argv[0], " ms", sig ? ", sent it a signal and exiting" : ", exiting") ;
}
