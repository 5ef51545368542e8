#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "orphan.h"

int orphan_is_ours (pid_t pid)
{
  char fn[32 + PID_FMT] = "/proc/" ;
  char here[PATH_MAX], there[PATH_MAX] ;
  ssize_t r ;
  size_t n = 6 ;
  if (pid <= 1 || kill(pid, 0) < 0 || getsid(pid) != pid) return 0 ;
  n += pid_fmt(fn + n, pid) ;
  memcpy(fn + n, "/cwd", 5) ;
  r = readlink(fn, there, sizeof(there) - 1) ;
  if (r <= 0 || !getcwd(here, sizeof(here))) return 0 ;
  there[r] = 0 ;
  return !strcmp(here, there) ;
}

/* 1: it is gone; 0: still there after ms */
static int wait_gone (int pidfd, pid_t pid, unsigned int ms)
{
  if (pidfd >= 0)
  {
    struct pollfd p = { .fd = pidfd, .events = POLLIN, .revents = 0 } ;
    int r = poll(&p, 1, (int)ms) ;
    return r > 0 ;
  }
  /* no pidfd (kernel older than 5.3): one look after the delay */
  usleep(ms * 1000) ;
  return kill(pid, 0) < 0 && errno == ESRCH ;
}

void orphan_stop (char const *name, pid_t pid, int sig, unsigned int killms)
{
  char fmt[PID_FMT] ;
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0) ;
  fmt[pid_fmt(fmt, pid)] = 0 ;
  strerr_warnw("service ", name, ": its run (pid ", fmt, ") outlived the previous supervisor, stopping it before starting the service again") ;
  if (pidfd >= 0) coe(pidfd) ;
  kill(-pid, sig) ;
  kill(-pid, SIGCONT) ;
  if (!wait_gone(pidfd, pid, killms ? killms : 2000))
  {
    kill(-pid, SIGKILL) ;
    if (!wait_gone(pidfd, pid, 1000)) strerr_warnw("service ", name, ": pid ", fmt, " survived SIGKILL, starting the service anyway") ;
  }
  if (pidfd >= 0) fd_close(pidfd) ;
}
