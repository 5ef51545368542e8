#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/types.h>
#include "dirfd.h"

#ifndef O_PATH
#define O_PATH 010000000
#endif

/* Linux says ENOTDIR for a link with O_DIRECTORY | O_NOFOLLOW: ELOOP
   tells the caller, and the user, that a link was refused */
int dirfd_open (int at, char const *name)
{
  struct stat st ;
  int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) ;
  if (fd < 0 && errno == ENOTDIR)
    errno = fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) ? ELOOP : ENOTDIR ;
  return fd ;
}

int dirfd_pin (int at, char const *name, int follow, struct stat *st)
{
  int fd = openat(at, name, O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW)) ;
  if (fd < 0) return -1 ;
  if (fstat(fd, st) < 0)
  {
    int e = errno ;
    close(fd) ;
    errno = e ;
    return -1 ;
  }
  return fd ;
}

/* "." looked up in the pinned directory itself: no name is resolved again */
int dirfd_reopen (int pinned)
{
  return openat(pinned, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
}

int dirfd_chown (int fd, uid_t uid, gid_t gid)
{
  return fchownat(fd, "", uid, gid, AT_EMPTY_PATH) ;
}

/* A pinned fd cannot be fchmod'ed (EBADF): its /proc/self/fd entry names
   the very inode it holds, whatever happened to the path since. */
int dirfd_chmod (int fd, mode_t mode)
{
  char name[UINT_FMT] ;
  int procfd, r, e ;
  if (fchmod(fd, mode) == 0) return 0 ;
  if (errno != EBADF) return -1 ;
  procfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (procfd < 0) return -1 ;
  name[uint_fmt(name, (unsigned int)fd)] = 0 ;
  r = fchmodat(procfd, name, mode, 0) ;
  e = errno ;
  close(procfd) ;
  errno = e ;
  return r ;
}

int dirfd_make (int at, char const *name, mode_t mode, int fresh)
{
  int made = mkdirat(at, name, mode) == 0 ;
  int fd ;
  if (!made && (errno != EEXIST || fresh)) return -1 ;
  fd = dirfd_open(at, name) ;
  if (fd < 0) return -1 ;
  if (made && fchmod(fd, mode) < 0)
  {
    int e = errno ;
    close(fd) ;
    errno = e ;
    return -1 ;
  }
  return fd ;
}

int dirfd_make_path (char const *path, mode_t mode)
{
  char const *slash = strrchr(path, '/') ;
  int parent, fd, e ;
  if (!slash) return dirfd_make(AT_FDCWD, path, mode, 0) ;
  if (slash == path) parent = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  else
  {
    char dir[PATH_MAX] ;
    if ((size_t)(slash - path) >= sizeof(dir)) return (errno = ENAMETOOLONG, -1) ;
    memcpy(dir, path, (size_t)(slash - path)) ;
    dir[slash - path] = 0 ;
    parent = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  }
  if (parent < 0) return -1 ;
  fd = dirfd_make(parent, slash + 1, mode, 0) ;
  e = errno ;
  close(parent) ;
  errno = e ;
  return fd ;
}

int dirfd_write (int at, char const *name, char const *s, size_t len, mode_t mode)
{
  int fd = openat(at, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode) ;
  int e ;
  if (fd < 0) return -1 ;
  if (allwrite(fd, s, len) < len) { e = errno ; close(fd) ; errno = e ; return -1 ; }
  return close(fd) ;
}

static int rmrf_depth (int at, char const *name, unsigned int depth) ;

/* every entry of the open directory fd, then fd is closed */
static int rmrf_entries (int fd, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by DIRFD_MAXDEPTH */
{
  DIR *d = fdopendir(fd) ;
  int r = 0 ;
  if (!d) { int e = errno ; close(fd) ; errno = e ; return -1 ; }
  for (;;)
  {
    struct dirent *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) { if (errno) r = -1 ; break ; }
    if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2]))) continue ;
    if (rmrf_depth(dirfd(d), de->d_name, depth + 1) < 0) { r = -1 ; break ; }
  }
  { int e = errno ; closedir(d) ; errno = e ; }
  return r ;
}

static int rmrf_depth (int at, char const *name, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by DIRFD_MAXDEPTH */
{
  int fd ;
  if (unlinkat(at, name, 0) == 0 || errno == ENOENT) return 0 ;
  if (errno != EISDIR && errno != EPERM) return -1 ;
  if (depth >= DIRFD_MAXDEPTH) return (errno = ELOOP, -1) ;
  fd = dirfd_open(at, name) ;
  /* swapped for a link since: that link goes, what it points to stays */
  if (fd < 0 && errno == ELOOP) return unlinkat(at, name, 0) == 0 || errno == ENOENT ? 0 : -1 ;
  if (fd < 0) return errno == ENOENT ? 0 : -1 ;
  if (rmrf_entries(fd, depth) < 0) return -1 ;
  return unlinkat(at, name, AT_REMOVEDIR) == 0 || errno == ENOENT ? 0 : -1 ;
}

int dirfd_rmrf (int at, char const *name)
{
  return rmrf_depth(at, name, 0) ;
}
