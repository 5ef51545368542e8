#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <skalibs/direntry.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include "copytree.h"

static int copy_file (char const *from, char const *to, mode_t mode)
{
  char buf[8192] ;
  int ok = 1 ;
  int in = open(from, O_RDONLY | O_CLOEXEC) ;
  int out ;
  if (in < 0) { strerr_warnwusys("open ", from) ; return 0 ; }
  out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 07777) ;
  if (out < 0) { strerr_warnwusys("create ", to) ; close(in) ; return 0 ; }
  for (;;)
  {
    ssize_t r = read(in, buf, sizeof(buf)) ;
    if (r < 0 && errno == EINTR) continue ;
    if (r < 0) { strerr_warnwusys("read ", from) ; ok = 0 ; break ; }
    if (!r) break ;
    if (allwrite(out, buf, (size_t)r) < (size_t)r) { strerr_warnwusys("write ", to) ; ok = 0 ; break ; }
  }
  if (fchmod(out, mode & 07777) < 0) { strerr_warnwusys("chmod ", to) ; ok = 0 ; }
  close(in) ;
  if (close(out) < 0) { strerr_warnwusys("write ", to) ; ok = 0 ; }
  return ok ;
}

static int copy_link (char const *from, char const *to)
{
  char target[PATH_MAX] ;
  ssize_t r = readlink(from, target, sizeof(target) - 1) ;
  if (r < 0) { strerr_warnwusys("read link ", from) ; return 0 ; }
  target[r] = 0 ;
  if (symlink(target, to) < 0) { strerr_warnwusys("create link ", to) ; return 0 ; }
  return 1 ;
}

/* Service directories are a few levels deep; the bound keeps a hostile or
   looping tree from exhausting the stack (each level holds two paths). */
#define COPYTREE_MAXDEPTH 16

static int copy_at_depth (char const *from, char const *to, unsigned int depth, unsigned int flags) ;

int copytree (char const *from, char const *to, unsigned int flags)
{
  return copy_at_depth(from, to, 0, flags) ;
}

int copytree_noexec (char const *dir)
{
  struct statvfs sv ;
  return statvfs(dir, &sv) == 0 && (sv.f_flag & ST_NOEXEC) ;
}

/* On a noexec filesystem a copied program cannot run: it becomes a link
   to the original, which the kernel executes from the image. */
static int link_exec (char const *from, char const *to)
{
  if (from[0] != '/') { strerr_warnw("cannot link to the relative path ", from, ", copying it") ; return -1 ; }
  if (symlink(from, to) < 0) { strerr_warnwusys("create link ", to) ; return 0 ; }
  return 1 ;
}

static int copy_at_depth (char const *from, char const *to, unsigned int depth, unsigned int flags) /* NOLINT(misc-no-recursion): bounded by COPYTREE_MAXDEPTH */
{
  struct stat st ;
  DIR *d ;
  int ok = 1 ;
  if (lstat(from, &st) < 0) { strerr_warnwusys("stat ", from) ; return 0 ; }
  if (S_ISLNK(st.st_mode)) return copy_link(from, to) ;
  if (S_ISREG(st.st_mode) && (flags & COPYTREE_LINK_EXEC) && (st.st_mode & 0111))
  {
    int r = link_exec(from, to) ;
    if (r >= 0) return r ;
  }
  if (S_ISREG(st.st_mode)) return copy_file(from, to, st.st_mode) ;
  if (!S_ISDIR(st.st_mode)) return 1 ;
  if (depth >= COPYTREE_MAXDEPTH) { strerr_warnw(from, " is nested too deep to copy, skipping it") ; return 0 ; }
  if (mkdir(to, st.st_mode & 07777) < 0 && errno != EEXIST) { strerr_warnwusys("create ", to) ; return 0 ; }
  d = opendir(from) ;
  if (!d) { strerr_warnwusys("open ", from) ; return 0 ; }
  for (;;)
  {
    char f[PATH_MAX], t[PATH_MAX] ;
    direntry *de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2]))) continue ;
    if ((size_t)snprintf(f, sizeof(f), "%s/%s", from, de->d_name) >= sizeof(f)
     || (size_t)snprintf(t, sizeof(t), "%s/%s", to, de->d_name) >= sizeof(t))
    {
      strerr_warnw("path too long under ", from, ", skipping ", de->d_name) ;
      ok = 0 ;
      continue ;
    }
    if (!copy_at_depth(f, t, depth + 1, flags)) ok = 0 ;
  }
  dir_close(d) ;
  if (chmod(to, st.st_mode & 07777) < 0) { strerr_warnwusys("chmod ", to) ; ok = 0 ; }
  return ok ;
}
