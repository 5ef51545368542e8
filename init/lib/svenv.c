#include <errno.h>
#include <string.h>
#include <sys/stat.h>
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

int svenv_load (char const *name, stralloc *modifs)
{
  struct stat st ;
  if (stat("env/env", &st) == 0 && S_ISREG(st.st_mode)) return load_file(name, modifs) ;
  if (stat("env", &st) == 0 && S_ISDIR(st.st_mode)) return load_dir(name, modifs) ;
  return 1 ;
}
