#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "orphan.h"

uint64_t orphan_starttime (pid_t pid)
{
  char fn[16 + PID_FMT] = "/proc/" ;
  char buf[1024] ;
  char const *p ;
  uint64_t start = 0 ;
  ssize_t r ;
  if (pid <= 0) return 0 ;
  memcpy(fn + 6 + pid_fmt(fn + 6, pid), "/stat", 6) ;
  r = openreadnclose(fn, buf, sizeof(buf) - 1) ;
  if (r <= 0) return 0 ;
  buf[r] = 0 ;
  /* the command name may hold anything: fields are counted from the
     last ')', which ends it; field 3 follows it, 22 is the start time */
  p = strrchr(buf, ')') ;
  if (!p) return 0 ;
  for (int field = 2 ; field < 22 ; field++)
  {
    p = strchr(p + 1, ' ') ;
    if (!p) return 0 ;
  }
  return uint64_scan(p + 1, &start) ? start : 0 ;
}

void orphan_here (orphan_rec *rec)
{
  pid_t parent = getppid() ;
  rec->treepid = (uint64_t)parent ;
  rec->treestart = orphan_starttime(parent) ;
  rec->pid = rec->start = 0 ;
  rec->kind = '-' ;
}

/* one uint64 then a space (or the end of the line for the last one) */
static char const *scan_field (char const *s, uint64_t *u)
{
  size_t n = uint64_scan(s, u) ;
  if (!n || s[n] != ' ') return 0 ;
  return s + n + 1 ;
}

int orphan_read (orphan_rec *rec)
{
  char buf[5 * UINT64_FMT + 8] ;
  char const *s = buf ;
  ssize_t r = openreadnclose(ORPHAN_FILE, buf, sizeof(buf) - 1) ;
  if (r <= 0) return 0 ;
  buf[r] = 0 ;
  if (!(s = scan_field(s, &rec->treepid)) || !(s = scan_field(s, &rec->treestart))
   || !(s = scan_field(s, &rec->pid)) || !(s = scan_field(s, &rec->start))) return 0 ;
  rec->kind = s[0] ;
  return (s[0] == 'r' || s[0] == 'f' || s[0] == '-') && s[1] == '\n' ;
}

int orphan_write (orphan_rec *rec, pid_t pid, char kind)
{
  char buf[5 * UINT64_FMT + 8] ;
  size_t len = 0 ;
  rec->pid = pid > 0 ? (uint64_t)pid : 0 ;
  rec->start = orphan_starttime(pid) ;
  rec->kind = '-' ;
  if (rec->pid) rec->kind = kind ;
  len += uint64_fmt(buf + len, rec->treepid) ; buf[len++] = ' ' ;
  len += uint64_fmt(buf + len, rec->treestart) ; buf[len++] = ' ' ;
  len += uint64_fmt(buf + len, rec->pid) ; buf[len++] = ' ' ;
  len += uint64_fmt(buf + len, rec->start) ; buf[len++] = ' ' ;
  buf[len++] = rec->kind ; buf[len++] = '\n' ;
  return openwritenclose_suffix(ORPHAN_FILE, buf, len, ".new") ;
}

int orphan_same_tree (orphan_rec const *old, orphan_rec const *here)
{
  return here->treestart && old->treepid == here->treepid && old->treestart == here->treestart ;
}

pid_t orphan_alive (orphan_rec const *old)
{
  pid_t pid = (pid_t)old->pid ;
  if (!old->pid || old->pid > 0x7fffffffU || pid <= 1 || pid == getpid()) return 0 ;
  return old->start && orphan_starttime(pid) == old->start ? pid : 0 ;
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

void orphan_stop (char const *name, pid_t pid, int group, int sig, unsigned int killms)
{
  char fmt[PID_FMT] ;
  pid_t target = group ? -pid : pid ;
  int pidfd = (int)syscall(SYS_pidfd_open, pid, 0) ;
  fmt[pid_fmt(fmt, pid)] = 0 ;
  strerr_warnw("service ", name, ": its ", group ? "run" : "finish", " (pid ", fmt, ") outlived the previous supervisor, stopping it before going on with the state the service was wanted in") ;
  if (pidfd >= 0) coe(pidfd) ;
  kill(target, sig) ;
  kill(target, SIGCONT) ;
  if (!wait_gone(pidfd, pid, killms ? killms : 2000))
  {
    kill(target, SIGKILL) ;
    if (!wait_gone(pidfd, pid, 1000)) strerr_warnw("service ", name, ": pid ", fmt, " survived SIGKILL, going on anyway") ;
  }
  if (pidfd >= 0) fd_close(pidfd) ;
}
