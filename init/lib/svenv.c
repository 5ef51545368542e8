#include <sys/stat.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "envdir.h"
#include "envfile.h"
#include "svenv.h"

int svenv_load (char const *name, stralloc *modifs)
{
  struct stat st ;
  if (stat("env/env", &st) == 0 && S_ISREG(st.st_mode))
  {
    envfile_error err ;
    char fmt[SIZE_FMT] ;
    if (envfile_load("env/env", modifs, &err)) return 1 ;
    if (!err.why) { strerr_warnwu("read env/env of service ", name) ; return 0 ; }
    fmt[size_fmt(fmt, err.line)] = 0 ;
    strerr_warn(PROG, ": error: service ", name, ": env/env line ", fmt, ": ", err.why,
      ", fix that line (KEY=value, # for comments); not starting the service this time", 0) ;
    return 0 ;
  }
  if (stat("env", &st) == 0 && S_ISDIR(st.st_mode))
  {
    stralloc where = STRALLOC_ZERO ;
    int r = envdir_load("env", 0, '\n', modifs, &where) ;
    if (!r) strerr_warnwu("read ", where.len ? where.s : "env", " of service ", name, ", not starting the service this time") ;
    stralloc_free(&where) ;
    return r ;
  }
  return 1 ;
}
