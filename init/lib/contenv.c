#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "contenv.h"

static int path_has (char const *path, char const *dir)
{
  size_t dlen = strlen(dir) ;
  for (char const *p = path ; *p ; )
  {
    size_t len = strcspn(p, ":") ;
    if (len == dlen && !memcmp(p, dir, dlen)) return 1 ;
    p += len ;
    if (*p) p++ ;
  }
  return 0 ;
}

/* [L3]: /command first, then the image's PATH without /command, then
   /usr/bin and /bin if they were missing. */
int contenv_path (stralloc *sa, char const *path)
{
  if (!path) path = "" ;
  if (!stralloc_cats(sa, "/command")) return 0 ;
  for (char const *p = path ; *p ; )
  {
    size_t len = strcspn(p, ":") ;
    if (len && !(len == 8 && !memcmp(p, "/command", 8)))
      if (!stralloc_catb(sa, ":", 1) || !stralloc_catb(sa, p, len)) return 0 ;
    p += len ;
    if (*p) p++ ;
  }
  if (!path_has(path, "/usr/bin") && !stralloc_cats(sa, ":/usr/bin")) return 0 ;
  if (!path_has(path, "/bin") && !stralloc_cats(sa, ":/bin")) return 0 ;
  return stralloc_0(sa) ;
}

/* A name must be usable both as a file name and as a variable name. */
int contenv_name_ok (char const *name, size_t len)
{
  if (!len || name[0] == '.') return 0 ;
  for (size_t i = 0 ; i < len ; i++)
    if (name[i] == '/' || name[i] == '=' || !name[i]) return 0 ;
  return 1 ;
}

/* Drops the one trailing newline that the snapshot adds. */
size_t contenv_value_len (char const *s, size_t len)
{
  return len && s[len-1] == '\n' ? len - 1 : len ;
}

int contenv_write (char const *dir, char const *const *envp)
{
  stralloc path = STRALLOC_ZERO ;
  int ok = 1 ;
  for (; *envp ; envp++)
  {
    char const *eq = strchr(*envp, '=') ;
    size_t namelen = eq ? (size_t)(eq - *envp) : strlen(*envp) ;
    if (!eq || !contenv_name_ok(*envp, namelen))
    {
      strerr_warnw("not saving variable ", *envp, " in ", dir, ": its name cannot be a file name") ;
      continue ;
    }
    path.len = 0 ;
    if (!stralloc_cats(&path, dir) || !stralloc_catb(&path, "/", 1)
     || !stralloc_catb(&path, *envp, namelen) || !stralloc_0(&path)
     || !stralloc_cats(&path, eq + 1) || !stralloc_catb(&path, "\n", 1))
    {
      ok = 0 ;
      break ;
    }
    {
      size_t valstart = strlen(path.s) + 1 ;
      if (!openwritenclose_unsafe(path.s, path.s + valstart, path.len - valstart))
      {
        strerr_warnwusys("write ", path.s) ;
        ok = 0 ;
      }
    }
  }
  stralloc_free(&path) ;
  return ok ;
}

static int load_one (char const *dir, char const *name, stralloc *modifs, stralloc *tmp)
{
  size_t valstart ;
  tmp->len = 0 ;
  if (!stralloc_cats(tmp, dir) || !stralloc_catb(tmp, "/", 1) || !stralloc_cats(tmp, name) || !stralloc_0(tmp)) return 0 ;
  valstart = tmp->len ;
  if (!openslurpclose(tmp, tmp->s))
  {
    if (errno == EISDIR || errno == ENOENT) return 1 ;
    strerr_warnwusys("read ", tmp->s) ;
    return 1 ;
  }
  if (memchr(tmp->s + valstart, 0, tmp->len - valstart))
  {
    strerr_warnw("ignoring ", tmp->s, ": a variable value cannot contain a NUL byte") ;
    return 1 ;
  }
  return stralloc_cats(modifs, name) && stralloc_catb(modifs, "=", 1)
      && stralloc_catb(modifs, tmp->s + valstart, contenv_value_len(tmp->s + valstart, tmp->len - valstart))
      && stralloc_0(modifs) ;
}

/* Appends NAME=value\0 for every file of dir to modifs. */
int contenv_load (char const *dir, stralloc *modifs)
{
  stralloc tmp = STRALLOC_ZERO ;
  DIR *d = opendir(dir) ;
  int ok = 1 ;
  if (!d) return 0 ;
  for (;;)
  {
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) { if (errno) ok = 0 ; break ; }
    if (!contenv_name_ok(de->d_name, strlen(de->d_name))) continue ;
    if (!load_one(dir, de->d_name, modifs, &tmp)) { ok = 0 ; break ; }
  }
  dir_close(d) ;
  stralloc_free(&tmp) ;
  return ok ;
}

/* 1 and the value in *value, 0 when unset, -1 on error (errno set). */
int contenv_get (char const *dir, char const *name, stralloc *value)
{
  stralloc path = STRALLOC_ZERO ;
  int r ;
  if (!contenv_name_ok(name, strlen(name))) return 0 ;
  if (!stralloc_cats(&path, dir) || !stralloc_catb(&path, "/", 1) || !stralloc_cats(&path, name) || !stralloc_0(&path)) return -1 ;
  r = openslurpclose(value, path.s) ;
  stralloc_free(&path) ;
  if (!r) return errno == ENOENT || errno == EISDIR ? 0 : -1 ;
  value->len = contenv_value_len(value->s, value->len) ;
  return 1 ;
}
