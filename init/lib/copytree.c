#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include "copytree.h"
#include "dirfd.h"

/* Service directories are a few levels deep; the bound also stops a link
   to one of its own ancestors (data/up -> ..) from copying forever. */
#define COPYTREE_MAXDEPTH 16

/* one copy: where from and to, and the path of the entry being copied
   relative to both, for messages and for the absolute path of a target */
struct copy_s
{
  char const *from ;
  char const *to ;
  stralloc rel ;
  unsigned int flags ;
} ;

static char const *src_path (struct copy_s *c, stralloc *sa)
{
  sa->len = 0 ;
  if (!stralloc_cats(sa, c->from) || !stralloc_catb(sa, "/", 1)
   || !stralloc_catb(sa, c->rel.s, c->rel.len) || !stralloc_0(sa)) return c->rel.s ;
  return sa->s ;
}

static void warn_sys (struct copy_s *c, char const *what, char const *where)
{
  strerr_warnwu("copy ", c->from, " to ", c->to, ": ", what, " ", where, ": ", strerror(errno)) ;
}

/* [R8]: the definition, the link and where it points, and the fix */
static void dangling (struct copy_s *c, int srcdir, char const *name)
{
  char target[PATH_MAX] ;
  ssize_t r = readlinkat(srcdir, name, target, sizeof(target) - 1) ;
  if (r < 0) { warn_sys(c, "stat", c->rel.s) ; return ; }
  target[r] = 0 ;
  strerr_warn(PROG, ": error: definition ", c->from, ": ", c->rel.s, " is a link to ", target,
    ", which points nowhere: make it point to a file of the image, or put the file there instead") ;
}

static int copy_fd (struct copy_s *c, int in, int out)
{
  char buf[8192] ;
  for (;;)
  {
    ssize_t r = read(in, buf, sizeof(buf)) ;
    if (r < 0 && errno == EINTR) continue ;
    if (r < 0) { warn_sys(c, "read", c->rel.s) ; return 0 ; }
    if (!r) return 1 ;
    if (allwrite(out, buf, (size_t)r) < (size_t)r) { warn_sys(c, "write", c->rel.s) ; return 0 ; }
  }
}

/* what was there goes first (an earlier copy: a file, a link of a noexec
   copy): the new file is created, never opened through a link */
static int copy_file (struct copy_s *c, int srcdir, int dstdir, char const *name, mode_t mode)
{
  int ok, in = openat(srcdir, name, O_RDONLY | O_CLOEXEC) ;
  int out ;
  if (in < 0) { warn_sys(c, "open", c->rel.s) ; return 0 ; }
  if (dirfd_rmrf(dstdir, name) < 0) { warn_sys(c, "replace", c->rel.s) ; close(in) ; return 0 ; }
  out = openat(dstdir, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode & 07777) ;
  if (out < 0) { warn_sys(c, "create", c->rel.s) ; close(in) ; return 0 ; }
  ok = copy_fd(c, in, out) ;
  if (fchmod(out, mode & 07777) < 0) { warn_sys(c, "chmod", c->rel.s) ; ok = 0 ; }
  close(in) ;
  if (close(out) < 0) { warn_sys(c, "write", c->rel.s) ; ok = 0 ; }
  return ok ;
}

/* On a noexec filesystem a copied program cannot run: it becomes a link
   to the image's file, by the absolute path of what any link resolves to.
   -1: no absolute path, copy it instead */
static int link_exec (struct copy_s *c, int dstdir, char const *name)
{
  stralloc sa = STRALLOC_ZERO ;
  char target[PATH_MAX] ;
  int ok = 1 ;
  if (!realpath(src_path(c, &sa), target))
  {
    strerr_warnw("cannot resolve ", sa.s ? sa.s : c->rel.s, " to link to it, copying it") ;
    stralloc_free(&sa) ;
    return -1 ;
  }
  stralloc_free(&sa) ;
  if (dirfd_rmrf(dstdir, name) < 0 || symlinkat(target, dstdir, name) < 0) { warn_sys(c, "create the link", c->rel.s) ; ok = 0 ; }
  return ok ;
}

static int copy_dir (struct copy_s *c, int src, int dst, unsigned int depth) ;

/* a directory, or a link to one: its content, then its mode */
static int copy_subdir (struct copy_s *c, int srcdir, int dstdir, char const *name, mode_t mode, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by COPYTREE_MAXDEPTH */
{
  int src, dst, ok ;
  if (depth >= COPYTREE_MAXDEPTH)
  {
    strerr_warn(PROG, ": error: definition ", c->from, ": ", c->rel.s, " is nested too deep to copy (a link to a directory above it?), skipping it") ;
    return 0 ;
  }
  src = openat(srcdir, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (src < 0) { warn_sys(c, "open", c->rel.s) ; return 0 ; }
  dst = dirfd_make(dstdir, name, mode & 07777, 0) ;
  if (dst < 0) { warn_sys(c, "create the directory", c->rel.s) ; close(src) ; return 0 ; }
  ok = copy_dir(c, src, dst, depth + 1) ;
  if (fchmod(dst, mode & 07777) < 0) { warn_sys(c, "chmod", c->rel.s) ; ok = 0 ; }
  close(dst) ;
  return ok ;
}

/* one entry of a source directory: links are followed [R8] */
static int copy_entry (struct copy_s *c, int srcdir, int dstdir, char const *name, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by COPYTREE_MAXDEPTH */
{
  struct stat st ;
  if (fstatat(srcdir, name, &st, 0) < 0)
  {
    struct stat lst ;
    if ((errno == ENOENT || errno == ELOOP) && fstatat(srcdir, name, &lst, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(lst.st_mode))
      dangling(c, srcdir, name) ;
    else warn_sys(c, "stat", c->rel.s) ;
    return 0 ;
  }
  if (S_ISDIR(st.st_mode)) return copy_subdir(c, srcdir, dstdir, name, st.st_mode, depth) ;
  if (!S_ISREG(st.st_mode)) return 1 ;
  if ((c->flags & COPYTREE_LINK_EXEC) && (st.st_mode & 0111))
  {
    int r = link_exec(c, dstdir, name) ;
    if (r >= 0) return r ;
  }
  return copy_file(c, srcdir, dstdir, name, st.st_mode) ;
}

/* every entry of src (closed at the end) into dst */
static int copy_dir (struct copy_s *c, int src, int dst, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by COPYTREE_MAXDEPTH */
{
  size_t base = c->rel.len ;
  int ok = 1 ;
  DIR *d = fdopendir(src) ;
  if (!d) { warn_sys(c, "list", base ? c->rel.s : c->from) ; close(src) ; return 0 ; }
  for (;;)
  {
    struct dirent *de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.' && (!de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2]))) continue ;
    c->rel.len = base ;
    if ((base && !stralloc_catb(&c->rel, "/", 1)) || !stralloc_cats(&c->rel, de->d_name) || !stralloc_0(&c->rel))
    {
      strerr_warnwu("copy ", c->from, ": out of memory") ;
      ok = 0 ;
      break ;
    }
    c->rel.len-- ;
    if (!copy_entry(c, dirfd(d), dst, de->d_name, depth)) ok = 0 ;
  }
  c->rel.len = base ;
  if (c->rel.s) c->rel.s[base] = 0 ;
  closedir(d) ;
  return ok ;
}

int copytree (char const *from, char const *to, unsigned int flags)
{
  struct copy_s c = { .from = from, .to = to, .rel = STRALLOC_ZERO, .flags = flags } ;
  struct stat st ;
  int existed, ok, dst, src = open(from, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (src < 0 || fstat(src, &st) < 0) { warn_sys(&c, "open", from) ; if (src >= 0) close(src) ; return 0 ; }
  existed = access(to, F_OK) == 0 ;
  dst = dirfd_make_path(to, st.st_mode & 07777) ;
  if (dst < 0) { warn_sys(&c, "create", to) ; close(src) ; return 0 ; }
  ok = copy_dir(&c, src, dst, 0) ;
  if (fchmod(dst, st.st_mode & 07777) < 0) { warn_sys(&c, "chmod", to) ; ok = 0 ; }
  close(dst) ;
  stralloc_free(&c.rel) ;
  if (!ok && !existed && !(flags & COPYTREE_KEEP_PARTIAL)) dirfd_rmrf(AT_FDCWD, to) ;
  return ok ;
}

int copytree_noexec (char const *dir)
{
  struct statvfs sv ;
  return statvfs(dir, &sv) == 0 && (sv.f_flag & ST_NOEXEC) ;
}
