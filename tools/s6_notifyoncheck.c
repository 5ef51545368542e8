/* s6-notifyoncheck [-d] [-3 notiffd] [-s initialsleep] [-T globaltimeout]
   [-t localtimeout] [-w waitingtime] [-n tries] [-c checkprog] PROG...
   [V4]: readiness for daemons that cannot notify. PROG is exec'd at once,
   keeping the pid the supervisor knows; a forked poller (a grandchild
   reparented away from PROG with -d) waits initialsleep ms (10), then runs
   ./data/check, or -c's command line split by execline's parser, until it
   exits 0, and then writes a newline to the notification fd (-3, else the
   number in ./notification-fd). Between tries it waits waitingtime ms
   (1000); it gives up after tries failures (7, 0 = never) or globaltimeout
   ms (0 = never); a check running for more than localtimeout ms (0 =
   forever) is killed and counts as a failure. The poller exits 0 when
   ready, 1 when it gave up, 111 on a system error.
   Unlike s6 it does not insist on a running s6-supervise: it checks that
   the notification fd is open, so it also works under other supervisors. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <execline/execline.h>
#include <skalibs/alloc.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "applets.h"
#include "spawn.h"

#define USAGE "s6-notifyoncheck [ -d ] [ -3 fd ] [ -s initialsleep ] [ -T globaltimeout ] [ -t localtimeout ] [ -w waitingtime ] [ -n tries ] [ -c \"checkprog...\" ] prog..."

struct poll
{
  unsigned int initial, global, local, wait, tries ;
  int fd ;
  char const *const *check ;
  char const *const *envp ;
} ;

static unsigned int number (char const *s)
{
  unsigned int n ;
  if (!uint0_scan(s, &n)) strerr_dieusage(100, USAGE) ;
  return n ;
}

static long long now_ms (void)
{
  struct timespec ts ;
  clock_gettime(CLOCK_MONOTONIC, &ts) ;
  return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 ;
}

static void sleep_ms (long long ms)
{
  struct timespec ts = { .tv_sec = (time_t)(ms / 1000), .tv_nsec = (long)(ms % 1000) * 1000000 } ;
  while (ms > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR) ;
}

static int notification_fd (void)
{
  char buf[UINT_FMT + 2] ;
  unsigned int fd ;
  size_t len ;
  ssize_t r = openreadnclose("notification-fd", buf, sizeof(buf) - 1) ;
  if (r < 0)
    strerr_diefu(100, "read ./notification-fd: run from a service directory that has one, or give -3 FD") ;
  buf[r] = 0 ;
  len = uint_scan(buf, &fd) ;
  if (!len || (buf[len] && buf[len] != '\n'))
    strerr_dief(100, "./notification-fd does not hold a file descriptor number: write one, e.g. 3") ;
  return (int)fd ;
}

/* Runs the check once; 1 if it exited 0. SIGCHLD stays blocked in the
   poller so that sigtimedwait can wait for the check with a bound. */
static int check_once (struct poll const *p)
{
  sigset_t chld ;
  int wstat ;
  pid_t pid ;
  sigemptyset(&chld) ;
  sigaddset(&chld, SIGCHLD) ;
  {
    spawn sp = SPAWN_ZERO ;
    sp.who = "check" ; sp.argv = p->check ; sp.envp = p->envp ;
    pid = spawn_start(&sp) ;
  }
  if (pid < 0) strerr_diefusys(111, "fork the check") ;
  if (p->local)
  {
    long long end = now_ms() + p->local ;
    for (;;)
    {
      long long left = end - now_ms() ;
      struct timespec ts ;
      if (waitpid(pid, &wstat, WNOHANG) == pid) return WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
      if (left <= 0) { kill(pid, SIGKILL) ; break ; }
      ts.tv_sec = (time_t)(left / 1000) ; ts.tv_nsec = (long)(left % 1000) * 1000000 ;
      sigtimedwait(&chld, 0, &ts) ;
    }
  }
  if (wait_pid(pid, &wstat) < 0) strerr_diefusys(111, "wait for the check") ;
  return WIFEXITED(wstat) && !WEXITSTATUS(wstat) ;
}

static void poller (struct poll const *p)
{
  long long end = p->global ? now_ms() + p->global : 0 ;
  sigset_t chld ;
  sigemptyset(&chld) ;
  sigaddset(&chld, SIGCHLD) ;
  sigprocmask(SIG_BLOCK, &chld, 0) ;
  /* the check must not hold the fd: a reader would never see it close */
  if (fcntl(p->fd, F_SETFD, FD_CLOEXEC) < 0) strerr_diefusys(111, "set close-on-exec on the notification fd") ;
  sleep_ms(p->initial) ;
  for (unsigned int i = 0 ; !p->tries || i < p->tries ; i++)
  {
    if (check_once(p))
    {
      if (fd_write(p->fd, "\n", 1) < 1) strerr_diefusys(111, "write to the notification fd") ;
      _exit(0) ;
    }
    if (end && now_ms() + p->wait >= end) _exit(1) ;
    sleep_ms(p->wait) ;
  }
  _exit(1) ;
}

static void poller_child (void *p)
{
  poller(p) ;
}

static pid_t poller_spawn (struct poll const *p)
{
  spawn sp = SPAWN_ZERO ;
  sp.who = "poller" ; sp.inchild = &poller_child ; sp.ctx = (void *)p ;
  sp.flags = SPAWN_KEEPSIG ;
  return spawn_start(&sp) ;
}

/* The middle child of -d: it starts the poller and exits at once */
static void middle_child (void *p)
{
  _exit(poller_spawn(p) < 0 ? 111 : 0) ;
}

/* -d: the poller is a grandchild, so PROG never sees an unknown child. */
static void start_poller (struct poll const *p, int doublefork)
{
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  if (!doublefork) { if (poller_spawn(p) < 0) strerr_diefusys(111, "fork") ; return ; }
  sp.who = "poller" ; sp.inchild = &middle_child ; sp.ctx = (void *)p ; sp.flags = SPAWN_KEEPSIG ;
  pid = spawn_start(&sp) ;
  if (pid < 0) strerr_diefusys(111, "fork") ;
  if (wait_pid(pid, 0) < 0) strerr_diefusys(111, "wait for the intermediate child") ;
}

static char const *const dcheck[] = { "./data/check", 0 } ;

int s6_notifyoncheck_main (int argc, char const *const *argv, char const *const *envp)
{
  static struct poll p = { .initial = 10, .wait = 1000, .tries = 7, .fd = -1, .check = dcheck } ;
  stralloc sa = STRALLOC_ZERO ;
  subgetopt l = SUBGETOPT_ZERO ;
  char const *checkline = 0 ;
  int doublefork = 0 ;
  PROG = "s6-notifyoncheck" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "d3:s:T:t:w:n:c:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'd' : doublefork = 1 ; break ;
      case '3' : p.fd = (int)number(l.arg) ; break ;
      case 's' : p.initial = number(l.arg) ; break ;
      case 'T' : p.global = number(l.arg) ; break ;
      case 't' : p.local = number(l.arg) ; break ;
      case 'w' : p.wait = number(l.arg) ; break ;
      case 'n' : p.tries = number(l.arg) ; break ;
      case 'c' : checkline = l.arg ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  if (p.fd < 0) p.fd = notification_fd() ;
  if (fcntl(p.fd, F_GETFD) < 0)
  {
    char fmt[UINT_FMT] ;
    fmt[uint_fmt(fmt, (unsigned int)p.fd)] = 0 ;
    strerr_dief(100, "notification fd ", fmt, " is not open: check notification-fd or -3") ;
  }
  p.envp = envp ;
  if (checkline)
  {
    int n = el_parse_from_string(&sa, checkline) ;
    if (n <= 0) strerr_dief(100, "cannot parse the -c command line: ", checkline) ;
    {
      char const **v = alloc(((size_t)n + 1) * sizeof(char const *)) ;
      if (!v || !env_make(v, (size_t)n, sa.s, sa.len)) strerr_diefusys(111, "build the check's command line") ;
      v[n] = 0 ;
      p.check = v ;
    }
  }
  start_poller(&p, doublefork) ;
  fd_close(p.fd) ;
  xexec_e(argv, envp) ;
}
