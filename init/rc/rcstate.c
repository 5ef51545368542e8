#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <skalibs/iopause.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "paths.h"
#include "rc/rcstate.h"

int rcstate_read (rcgraph const *g, unsigned char *up)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t start = 0 ;
  memset(up, 0, rcgraph_n(g)) ;
  if (!openslurpclose(&sa, BOSUN_RC_STATE)) return errno == ENOENT ;
  for (size_t i = 0 ; i < sa.len ; i++)
  {
    if (sa.s[i] != '\n') continue ;
    sa.s[i] = 0 ;
    {
      size_t k = rcgraph_find(g, sa.s + start) ;
      if (k < rcgraph_n(g)) up[k] = 1 ;
    }
    start = i + 1 ;
  }
  stralloc_free(&sa) ;
  return 1 ;
}

int rcstate_write (rcgraph const *g, unsigned char const *up)
{
  stralloc sa = STRALLOC_ZERO ;
  int ok = 1 ;
  for (size_t i = 0 ; i < rcgraph_n(g) && ok ; i++)
    if (up[i]) ok = stralloc_cats(&sa, rcgraph_name(g, i)) && stralloc_catb(&sa, "\n", 1) ;
  ok = ok && openwritenclose_suffix(BOSUN_RC_STATE, sa.s ? sa.s : "", sa.len, ".new") ;
  stralloc_free(&sa) ;
  return ok ;
}

/* The holder's pid goes into the lock file, so that a waiter that gives
   up can name it [I4]; a holder killed before it writes leaves an older
   pid, which the waiter checks with kill(pid, 0) before naming it. */
static void note_holder (int fd)
{
  char fmt[PID_FMT + 1] ;
  size_t len = pid_fmt(fmt, getpid()) ;
  fmt[len++] = '\n' ;
  if (ftruncate(fd, 0) < 0 || pwrite(fd, fmt, len, 0) < (ssize_t)len) return ;
}

static int open_lock (void)
{
  return open(BOSUN_RC_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0644) ;
}

int rcstate_lock (int block)
{
  int fd = open_lock() ;
  if (fd < 0) return -1 ;
  while (flock(fd, LOCK_EX | (block ? 0 : LOCK_NB)) < 0)
  {
    int e = errno ;
    if (e == EINTR) continue ;
    close(fd) ;
    errno = e ;
    return -1 ;
  }
  note_holder(fd) ;
  return fd ;
}

static pid_t read_holder (int fd)
{
  char buf[PID_FMT + 2] ;
  ssize_t r = pread(fd, buf, sizeof(buf) - 1, 0) ;
  pid_t pid ;
  if (r <= 0) return 0 ;
  buf[r] = 0 ;
  if (!pid_scan(buf, &pid) || pid <= 0 || kill(pid, 0) < 0) return 0 ;
  return pid ;
}

/* A flock is released when the last fd of its open file description is
   closed, which is also when inotify reports IN_CLOSE: each such event
   is a moment to try again, and no time is spent polling. Without
   inotify, the wait ends at the bound. */
static int wait_release (int fd, int ino, tain const *deadline)
{
  iopause_fd x = { .fd = ino, .events = IOPAUSE_READ } ;
  for (;;)
  {
    char buf[4096] ;
    int r ;
    if (!flock(fd, LOCK_EX | LOCK_NB)) return 1 ;
    if (errno != EWOULDBLOCK && errno != EINTR) return -1 ;
    tain_now_g() ;
    if (!tain_future(deadline)) return 0 ;
    r = iopause_g(&x, ino >= 0 ? 1 : 0, deadline) ;
    if (r < 0 && errno != EINTR) return -1 ;
    if (r > 0) while (read(ino, buf, sizeof(buf)) > 0) ;
  }
}

int rcstate_lock_within (unsigned int ms, pid_t *holder)
{
  tain deadline ;
  int fd = open_lock(), ino, r ;
  *holder = 0 ;
  if (fd < 0) return -1 ;
  ino = inotify_init1(IN_NONBLOCK | IN_CLOEXEC) ;
  if (ino >= 0 && inotify_add_watch(ino, BOSUN_RC_LOCK, IN_CLOSE) < 0) { close(ino) ; ino = -1 ; }
  tain_now_g() ;
  tain_from_millisecs(&deadline, (int)ms) ;
  tain_add_g(&deadline, &deadline) ;
  r = wait_release(fd, ino, &deadline) ;
  if (ino >= 0) close(ino) ;
  if (r > 0) { note_holder(fd) ; return fd ; }
  {
    int e = r ? errno : ETIMEDOUT ;
    if (!r) *holder = read_holder(fd) ;
    close(fd) ;
    errno = e ;
    return -1 ;
  }
}
