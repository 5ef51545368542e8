#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <skalibs/iopause.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "fifodir.h"
#include "svappear.h"
#include "svcontrol.h"

int svappear_prepare (char const *dir)
{
  char event[4096] ;
  if ((size_t)snprintf(event, sizeof(event), "%s/event", dir) >= sizeof(event)) return (errno = ENAMETOOLONG, 0) ;
  return fifodir_make(event) ;
}

static int rescan (char const *servicedir)
{
  char path[4096] ;
  int fd, ok ;
  if ((size_t)snprintf(path, sizeof(path), "%s/.s6-svscan/control", servicedir) >= sizeof(path)) return 0 ;
  fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) return 0 ;
  ok = write(fd, "a", 1) == 1 ;
  close(fd) ;
  return ok ;
}

/* A supervisor takes its lock before it writes its first status; a
   client needs both, so a new supervisor counts once the status is there. */
static int answering (char const *dir)
{
  char status[4096] ;
  if (svcontrol_supervised(dir) != 1) return 0 ;
  return (size_t)snprintf(status, sizeof(status), "%s/supervise/status", dir) < sizeof(status) && !access(status, F_OK) ;
}

/* one pass: drops the supervised ones, lists the fds of the others */
static size_t pending (char const *const *dirs, fifodir_sub *subs, size_t n, iopause_fd *x)
{
  size_t m = 0 ;
  for (size_t k = 0 ; k < n ; k++)
  {
    char buf[64] ;
    if (subs[k].fd < 0) continue ;
    while (fifodir_read(&subs[k], buf, sizeof(buf)) > 0) ;
    if (answering(dirs[k])) { fifodir_unsubscribe(&subs[k]) ; continue ; }
    x[m].fd = subs[k].fd ; x[m++].events = IOPAUSE_READ ;
  }
  return m ;
}

size_t svappear_wait (char const *servicedir, char const *const *dirs, size_t n, unsigned int ms)
{
  fifodir_sub *subs = malloc((n + 1) * sizeof(fifodir_sub)) ;
  iopause_fd *x = malloc((n + 1) * sizeof(iopause_fd)) ;
  size_t left = n ;
  tain deadline ;
  if (!subs || !x) { free(subs) ; free(x) ; strerr_warnwu("wait for new supervisors: out of memory") ; return n ; }
  for (size_t k = 0 ; k < n ; k++)
  {
    char event[4096] ;
    fifodir_sub zero = FIFODIR_SUB_ZERO ;
    subs[k] = zero ;
    if ((size_t)snprintf(event, sizeof(event), "%s/event", dirs[k]) < sizeof(event) && !fifodir_subscribe(&subs[k], event))
      strerr_warnwusys("listen to ", event) ;
  }
  if (!rescan(servicedir)) strerr_warnwusys("ask the scanner of ", servicedir, " to rescan") ;
  tain_now_g() ;
  tain_from_millisecs(&deadline, (int)ms) ;
  tain_add_g(&deadline, &deadline) ;
  for (;;)
  {
    size_t m = pending(dirs, subs, n, x) ;
    if (!m || iopause_g(x, (unsigned int)m, &deadline) <= 0) break ;
  }
  left = 0 ;
  for (size_t k = 0 ; k < n ; k++)
  {
    if (answering(dirs[k])) { fifodir_unsubscribe(&subs[k]) ; continue ; }
    strerr_warnw(dirs[k], " is still not supervised after the wait: is the scanner of ", servicedir, " running?") ;
    fifodir_unsubscribe(&subs[k]) ;
    left++ ;
  }
  free(subs) ;
  free(x) ;
  return left ;
}
