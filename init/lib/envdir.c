#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include "envdir.h"

int envdir_name_ok (char const *name)
{
  return name[0] && name[0] != '.' && !strchr(name, '=') ;
}

static int blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' ;
}

/* Turns the file's bytes s[0..len) into the value in place; returns its length. */
size_t envdir_value (char *s, size_t len, unsigned int flags, char nullis)
{
  if (!(flags & ENVDIR_NOCLAMP) && len > ENVDIR_CLAMP) len = ENVDIR_CLAMP ;
  if (flags & ENVDIR_VERBATIM)
  {
    if (!(flags & ENVDIR_NOCHOMP) && len && s[len-1] == '\n') len-- ;
  }
  else
  {
    char const *nl = memchr(s, '\n', len) ;
    if (nl) len = (size_t)(nl - s) ;
    if (!(flags & ENVDIR_NOCHOMP)) while (len && blank(s[len-1])) len-- ;
  }
  for (size_t i = 0 ; i < len ; i++) if (!s[i]) s[i] = nullis ;
  return len ;
}

/* Reads at most ENVDIR_CLAMP bytes unless NOCLAMP: a huge file costs nothing. */
static int read_file (char const *path, unsigned int flags, stralloc *sa)
{
  struct stat st ;
  ssize_t r ;
  int fd ;
  if (flags & ENVDIR_NOCLAMP) return openslurpclose(sa, path) ;
  fd = open_read(path) ;
  if (fd < 0) return 0 ;
  if (fstat(fd, &st) < 0) { fd_close(fd) ; return 0 ; }
  if (S_ISDIR(st.st_mode)) { fd_close(fd) ; return (errno = EISDIR, 0) ; }
  if (!stralloc_readyplus(sa, ENVDIR_CLAMP)) { fd_close(fd) ; return 0 ; }
  r = (ssize_t)allread(fd, sa->s + sa->len, ENVDIR_CLAMP) ;
  if (r < ENVDIR_CLAMP && errno && errno != EPIPE) { fd_close(fd) ; return 0 ; }
  sa->len += (size_t)r ;
  fd_close(fd) ;
  return 1 ;
}

static int load_one (char const *dir, char const *name, unsigned int flags, char nullis, stralloc *modifs, stralloc *where)
{
  size_t start ;
  where->len = 0 ;
  if (!stralloc_cats(where, dir) || !stralloc_catb(where, "/", 1)
   || !stralloc_cats(where, name) || !stralloc_0(where)) return 0 ;
  if (!stralloc_cats(modifs, name)) return 0 ;
  start = modifs->len ;
  if (!stralloc_catb(modifs, "=", 1)) return 0 ;
  errno = 0 ;
  if (!read_file(where->s, flags, modifs)) return 0 ;
  if (modifs->len == start + 1) modifs->len = start ;  /* empty file: unset */
  else modifs->len = start + 1 + envdir_value(modifs->s + start + 1, modifs->len - start - 1, flags, nullis) ;
  return stralloc_0(modifs) ;
}

/* where names the file or directory an error is about; errno survives it. */
static int fail (stralloc *where, char const *dir)
{
  int e = errno ;
  where->len = 0 ;
  if (stralloc_cats(where, dir)) stralloc_0(where) ;
  errno = e ;
  return 0 ;
}

/* Appends NAME=value\0 (or NAME\0 to unset) per file of dir to modifs.
   0 on error with errno set and the file (or dir) in where. */
int envdir_load (char const *dir, unsigned int flags, char nullis, stralloc *modifs, stralloc *where)
{
  DIR *d = opendir(dir) ;
  if (!d) return fail(where, dir) ;
  for (;;)
  {
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de)
    {
      if (!errno) break ;
      dir_close(d) ;
      return fail(where, dir) ;
    }
    if (!envdir_name_ok(de->d_name)) continue ;
    if (!load_one(dir, de->d_name, flags, nullis, modifs, where))
    {
      int e = errno ;
      dir_close(d) ;
      errno = e ;
      return 0 ;
    }
  }
  dir_close(d) ;
  return 1 ;
}
