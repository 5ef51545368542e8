#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/bytestr.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "envdir.h"
#include "envfile.h"
#include "svenv.h"

/* [E2]: said once per start; the caller fails that start for good */
#define SVENV_NOSTART "; the service is not started (it starts again when told to, e.g. s6-svc -u)"

static int load_file (char const *name, stralloc *modifs)
{
  envfile_error err ;
  char fmt[SIZE_FMT] ;
  if (envfile_load("env/env", modifs, &err)) return 1 ;
  if (!err.why)
  {
    strerr_warn(PROG, ": error: service ", name, ": env/env cannot be read (", strerror(errno), "), fix its permissions", SVENV_NOSTART, 0) ;
    return 0 ;
  }
  fmt[size_fmt(fmt, err.line)] = 0 ;
  strerr_warn(PROG, ": error: service ", name, ": env/env line ", fmt, ": ", err.why,
    ", fix that line (KEY=value, # for comments)", SVENV_NOSTART, 0) ;
  return 0 ;
}

static int load_dir (char const *name, stralloc *modifs)
{
  stralloc where = STRALLOC_ZERO ;
  int r = envdir_load("env", 0, '\n', modifs, &where) ;
  if (!r)
    strerr_warn(PROG, ": error: service ", name, ": ", where.len ? where.s : "env", " cannot be read as a variable of the env/ directory (",
      strerror(errno), "), make it a file holding the value", SVENV_NOSTART, 0) ;
  stralloc_free(&where) ;
  return r ;
}

/* Names the variables the service set (or unset) in SVENV_VAR, so that
   with-contenv, which starts from an empty environment, puts them back on
   top of the container environment [E1]. A name holding the separator
   (only an envdir file name can) is left out: with-contenv drops it. */
static int mark_names (stralloc *modifs, size_t from)
{
  stralloc names = STRALLOC_ZERO ;
  size_t i = from ;
  int ok ;
  if (from == modifs->len) return 1 ;
  if (!stralloc_cats(&names, SVENV_VAR "=")) return 0 ;
  while (i < modifs->len)
  {
    char const *entry = modifs->s + i ;
    size_t len = strlen(entry) ;
    size_t namelen = byte_chr(entry, len, '=') ;
    if (byte_chr(entry, namelen, SVENV_SEP) == namelen)
    {
      if (names.s[names.len - 1] != '=' && !stralloc_append(&names, SVENV_SEP)) goto err ;
      if (!stralloc_catb(&names, entry, namelen)) goto err ;
    }
    i += len + 1 ;
  }
  ok = stralloc_0(&names) && stralloc_catb(modifs, names.s, names.len) ;
  stralloc_free(&names) ;
  return ok ;
 err:
  stralloc_free(&names) ;
  return 0 ;
}

int svenv_load (char const *name, stralloc *modifs)
{
  struct stat st ;
  size_t from = modifs->len ;
  int r = 1 ;
  if (stat("env/env", &st) == 0 && S_ISREG(st.st_mode)) r = load_file(name, modifs) ;
  else if (stat("env", &st) == 0 && S_ISDIR(st.st_mode)) r = load_dir(name, modifs) ;
  if (r && !mark_names(modifs, from))
  {
    strerr_warn(PROG, ": error: service ", name, ": unable to build its environment (", strerror(errno), ")", SVENV_NOSTART, 0) ;
    return 0 ;
  }
  return r ;
}
