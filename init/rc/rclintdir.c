/* The directory-level checks of rclint.h: env files, fds, links, and the
   walk over a definition and over the legacy directories. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "dirlist.h"
#include "envdir.h"
#include "envfile.h"
#include "rootpath.h"
#include "rc/rclint.h"
#include "rc/rcparse.h"

#define LINK_DEPTH 8

static int join (char *buf, size_t max, char const *dir, char const *file)
{
  return (size_t)snprintf(buf, max, "%s/%s", dir, file) < max ;
}

/* the host path where DIR/FILE really is, if it exists in the image */
static int real_path (rclint const *l, char const *dir, char const *file, stralloc *real)
{
  char p[4096] ;
  return join(p, sizeof(p), dir, file) && rclint_real(l, p, real) ;
}

static void lint_envfile (rclint const *l, char const *dir, char const *real)
{
  stralloc modifs = STRALLOC_ZERO ;
  envfile_error err ;
  char p[4096], fmt[SIZE_FMT] ;
  if (!envfile_load(real, &modifs, &err) && err.why && join(p, sizeof(p), dir, "env/env"))
  {
    fmt[size_fmt(fmt, err.line)] = 0 ;
    rc_error(l->d, p, "line ", fmt, ": ", err.why, ", fix that line (KEY=value, # for comments): the service would not start") ;
  }
  stralloc_free(&modifs) ;
}

void rclint_env (rclint const *l, char const *dir)
{
  stralloc real = STRALLOC_ZERO, modifs = STRALLOC_ZERO, where = STRALLOC_ZERO ;
  struct stat st ;
  if (real_path(l, dir, "env/env", &real) && !stat(real.s, &st) && S_ISREG(st.st_mode))
    lint_envfile(l, dir, real.s) ;
  else if (real_path(l, dir, "env", &real) && !stat(real.s, &st) && S_ISDIR(st.st_mode)
        && !envdir_load(real.s, 0, '\n', &modifs, &where))
    rc_error(l->d, where.len ? where.s : real.s, "cannot be read as a variable of the env/ directory (", strerror(errno),
      "): make it a file holding the value, or remove it: the service would not start") ;
  stralloc_free(&real) ;
  stralloc_free(&modifs) ;
  stralloc_free(&where) ;
}

/* [H3]: the held sockets are fds 3, 4... one per line of listen */
static unsigned int listen_count (rclint const *l, char const *dir)
{
  stralloc real = STRALLOC_ZERO, text = STRALLOC_ZERO ;
  unsigned int n = 0 ;
  if (real_path(l, dir, "listen", &real) && openslurpclose(&text, real.s))
    for (size_t pos = 0 ; pos < text.len ; )
    {
      char const *nl = memchr(text.s + pos, '\n', text.len - pos) ;
      size_t end = nl ? (size_t)(nl - text.s) : text.len, i = pos ;
      while (i < end && (text.s[i] == ' ' || text.s[i] == '\t' || text.s[i] == '\r')) i++ ;
      if (i < end && text.s[i] != '#') n++ ;
      pos = end + 1 ;
    }
  stralloc_free(&real) ;
  stralloc_free(&text) ;
  return n ;
}

void rclint_fds (rclint const *l, char const *dir, int hasnotif, unsigned int notif, int haslock, unsigned int lock)
{
  char p[4096], fmt[UINT_FMT] ;
  unsigned int socks ;
  if (!hasnotif || !join(p, sizeof(p), dir, "notification-fd")) return ;
  fmt[uint_fmt(fmt, notif)] = 0 ;
  socks = listen_count(l, dir) ;
  if (notif <= 2)
    rc_error(l->d, p, "is ", fmt, ", which is the service's ", notif == 0 ? "stdin" : notif == 1 ? "stdout" : "stderr",
      ": write 3 or more (the fd the program writes its readiness line to)") ;
  else if (haslock && lock == notif)
    rc_error(l->d, p, "is ", fmt, ", the same fd as lock-fd: give them different numbers") ;
  else if (notif < 3 + socks)
    rc_error(l->d, p, "is ", fmt, ", which is one of the sockets of listen (fds 3 and up, one per line): pick an fd above them") ;
}

static void lint_link (rclint const *l, char const *path)
{
  stralloc real = STRALLOC_ZERO ;
  char target[4096] ;
  ssize_t r = readlink(path, target, sizeof(target) - 1) ;
  char const *inside = rootpath_inside(l->root, path) ;
  int found ;
  if (r < 0 || !inside) return ;
  target[r] = 0 ;
  found = rootpath_resolve(l->root, inside, &real) ;
  if (!found)
    rc_error(l->d, path, "is a link to \"", target, "\", which points nowhere in the image (",
      errno == ELOOP ? "a loop of links" : real.s, "): fix the link, or add the file it names") ;
  stralloc_free(&real) ;
}

/* the links of one directory; its subdirectories are pushed on pending
   ('A' + depth, then the path and its \0: never a \0 before the path) */
static int scan_dir (rclint const *l, char const *dir, unsigned char depth, stralloc *pending)
{
  DIR *d = opendir(dir) ;
  int ok = 1 ;
  if (!d) return 1 ;
  for (direntry *de = readdir(d) ; ok && de ; de = readdir(d))
  {
    char p[4096] ;
    struct stat st ;
    if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") || !join(p, sizeof(p), dir, de->d_name)) continue ;
    if (lstat(p, &st) < 0) continue ;
    if (S_ISLNK(st.st_mode)) lint_link(l, p) ;
    else if (S_ISDIR(st.st_mode) && depth < LINK_DEPTH)
      ok = stralloc_catb(pending, &(char){ (char)('A' + depth + 1) }, 1) && stralloc_cats(pending, p) && stralloc_0(pending) ;
  }
  dir_close(d) ;
  return ok ;
}

/* depth-first, without recursion; a link to a directory is not entered */
void rclint_links (rclint const *l, char const *dir)
{
  stralloc pending = STRALLOC_ZERO ;
  if (!stralloc_catb(&pending, "A", 1) || !stralloc_cats(&pending, dir) || !stralloc_0(&pending)) { l->d->nomem = 1 ; return ; }
  while (pending.len)
  {
    size_t start = pending.len - 1 ;
    char path[4096] ;
    unsigned char depth ;
    while (start && pending.s[start - 1]) start-- ;   /* the last entry's depth byte */
    depth = (unsigned char)(pending.s[start] - 'A') ;
    if (pending.len - start - 1 > sizeof(path)) { pending.len = start ; continue ; }
    memcpy(path, pending.s + start + 1, pending.len - start - 1) ;
    pending.len = start ;
    if (!scan_dir(l, path, depth, &pending)) { l->d->nomem = 1 ; break ; }
  }
  stralloc_free(&pending) ;
}
