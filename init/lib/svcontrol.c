#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include "svcontrol.h"

/* DIR/SUB/LEAF into a stack buffer, or 0 with errno ENAMETOOLONG. */
static char *path3 (char *buf, size_t max, char const *dir, char const *sub, char const *leaf)
{
  int n = snprintf(buf, max, "%s/%s/%s", dir, sub, leaf) ;
  if (n < 0 || (size_t)n >= max) { errno = ENAMETOOLONG ; return 0 ; }
  return buf ;
}

/* The fifo is missing: if DIR exists, the service simply is not
   supervised (s6 says "supervisor not listening" too); if not, it is an
   error naming DIR. */
static int missing_fifo (char const *dir)
{
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (fd < 0) return -1 ;
  fd_close(fd) ;
  return 0 ;
}

int svcontrol_write (char const *dir, char const *sub, char const *cmd, size_t len)
{
  char path[4096] ;
  ssize_t w ;
  int fd ;
  if (!path3(path, sizeof(path), dir, sub, "control")) return -1 ;
  fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0)
  {
    if (errno == ENXIO) return 0 ;
    if (errno == ENOENT || errno == ENOTDIR) return missing_fifo(dir) ;
    return -1 ;
  }
  /* Commands are a few bytes: a fifo takes them in one atomic write. */
  w = len ? write(fd, cmd, len) : 0 ;
  if (w < 0 || (size_t)w < len)
  {
    int e = w < 0 ? errno : EAGAIN ;
    fd_close(fd) ;
    errno = e ;
    return -1 ;
  }
  fd_close(fd) ;
  return 1 ;
}

int svcontrol_supervised (char const *dir)
{
  char path[4096] ;
  struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 } ;
  int fd ;
  if (!path3(path, sizeof(path), dir, "supervise", "lock")) return -1 ;
  fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) return errno == ENOENT || errno == ENOTDIR ? 0 : -1 ;
  /* A supervisor holds a lock on the file for its whole life; asking
     about a write lock reports any lock another process holds. */
  if (fcntl(fd, F_GETLK, &lk) < 0)
  {
    int e = errno ;
    fd_close(fd) ;
    errno = e ;
    return -1 ;
  }
  fd_close(fd) ;
  return lk.l_type != F_UNLCK ;
}
