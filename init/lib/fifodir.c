#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/random.h>
#include <skalibs/tai.h>
#include "fifodir.h"
#include "dirfd.h"

/* An existing directory is used as it is, like s6 does: its owner may have
   opened subscriptions to another group on purpose. */
int fifodir_make (char const *dir)
{
  int fd, ok ;
  if (mkdir(dir, 0700) < 0) return errno == EEXIST ;
  /* on the directory made, whatever is put at its name since (dirfd.h) */
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0) return 0 ;
  ok = dirfd_chown(fd, (uid_t)-1, getegid()) == 0 && dirfd_chmod(fd, 03730) == 0 ;
  close(fd) ;
  return ok ;
}

int fifodir_name_ok (char const *name)
{
  return strlen(name) == FIFODIR_NAMELEN
    && !strncmp(name, FIFODIR_PREFIX ":@", sizeof(FIFODIR_PREFIX))
    && name[32] == ':' ;
}

void fifodir_name (char *name)
{
  static char const alphabet[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_" ;
  tain now ;
  char rnd[6] ;
  tain_wallclock_read(&now) ;
  memcpy(name, FIFODIR_PREFIX ":@", sizeof(FIFODIR_PREFIX) + 1) ;
  /* tain_fmt writes the 24 hex digits of the TAI64N label, no '@' */
  if (tain_fmt(name + 8, &now) != 24) memset(name + 8, '0', 24) ;
  name[32] = ':' ;
  random_buf(rnd, sizeof(rnd)) ;
  for (size_t i = 0 ; i < sizeof(rnd) ; i++)
    name[33 + i] = alphabet[(unsigned char)rnd[i] & 63] ;
  name[FIFODIR_NAMELEN] = 0 ;
}

static void fifodir_notify_one (int dfd, char const *name, char const *events, size_t n)
{
  int fd = openat(dfd, name, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0)
  {
    /* no reader: the listener died without cleaning up */
    if (errno == ENXIO) unlinkat(dfd, name, 0) ;
    return ;
  }
  /* EAGAIN: a listener that does not read loses events, the notifier
     never waits for it */
  if (fd_write(fd, events, n) < 0 && errno == EPIPE) unlinkat(dfd, name, 0) ;
  fd_close(fd) ;
}

/* Returns 1, or 0 with errno when the directory cannot be read. */
int fifodir_notify (char const *dir, char const *events, size_t n)
{
  int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  DIR *d ;
  if (dfd < 0) return 0 ;
  d = fdopendir(dfd) ;
  if (!d) { fd_close(dfd) ; return 0 ; }
  for (;;)
  {
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (fifodir_name_ok(de->d_name)) fifodir_notify_one(dirfd(d), de->d_name, events, n) ;
  }
  {
    int e = errno ;
    dir_close(d) ;
    if (e) return (errno = e, 0) ;
  }
  return 1 ;
}

/* [V8] s6's ftrig protocol: the fifo is made and opened under a hidden
   name (a dot, then the final name: notifiers skip it), and renamed to
   its final name only once its reader is open. A notifier that found it
   under its final name with no reader yet would take it for a dead
   listener's and remove it, and the subscriber would miss every event. */
int fifodir_subscribe (fifodir_sub *sub, char const *dir)
{
  char name[FIFODIR_NAMELEN + 1] ;
  char hidden[sizeof(sub->path)] ;
  size_t dlen = strlen(dir) ;
  if (dlen + FIFODIR_NAMELEN + 3 > sizeof(sub->path)) return (errno = ENAMETOOLONG, 0) ;
  fifodir_name(name) ;
  memcpy(hidden, dir, dlen) ;
  memcpy(hidden + dlen, "/.", 2) ;
  memcpy(hidden + dlen + 2, name, FIFODIR_NAMELEN + 1) ;
  memcpy(sub->path, hidden, dlen + FIFODIR_NAMELEN + 3) ;
  if (mkfifo(sub->path, 0600) < 0) { sub->path[0] = 0 ; return 0 ; }
  sub->fd = open(sub->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (sub->fd < 0) goto err ;
  sub->keep = open(sub->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (sub->keep < 0) goto err ;
  /* from here on, sub->path names the fifo under its final name */
  memmove(sub->path + dlen + 1, sub->path + dlen + 2, FIFODIR_NAMELEN + 1) ;
  if (rename(hidden, sub->path) < 0) { memcpy(sub->path, hidden, dlen + FIFODIR_NAMELEN + 3) ; goto err ; }
  return 1 ;
 err:
  {
    int e = errno ;
    fifodir_unsubscribe(sub) ;
    errno = e ;
  }
  return 0 ;
}

/* Returns the number of event bytes read, 0 when none are waiting, -1 on
   error. */
ssize_t fifodir_read (fifodir_sub *sub, char *buf, size_t n)
{
  ssize_t r = fd_read(sub->fd, buf, n) ;
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return 0 ;
  return r ;
}

void fifodir_unsubscribe (fifodir_sub *sub)
{
  if (sub->keep >= 0) fd_close(sub->keep) ;
  if (sub->fd >= 0) fd_close(sub->fd) ;
  if (sub->path[0]) unlink(sub->path) ;
  sub->keep = sub->fd = -1 ;
  sub->path[0] = 0 ;
}
