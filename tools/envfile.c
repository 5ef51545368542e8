/* bosun-envfile FILE PROG...: run PROG with FILE's KEY=value lines added
   to the environment [E1]; the same parser a supervisor applies to env/env.
   Not called "envfile": that name is execline's own command, shipped too.
   Exit 100 on usage or a malformed line, 111 when FILE cannot be read,
   126/127 when PROG cannot be run. */
#include <errno.h>
#include <skalibs/exec.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "applets.h"
#include "envfile.h"

int envfile_main (int argc, char const *const *argv, char const *const *envp)
{
  stralloc modifs = STRALLOC_ZERO ;
  envfile_error err ;
  PROG = "bosun: envfile" ;
  if (argc < 3) strerr_dieusage(100, "bosun-envfile FILE PROG...") ;
  if (!envfile_load(argv[1], &modifs, &err))
  {
    char fmt[SIZE_FMT] ;
    if (!err.why) strerr_diefusys(111, "read ", argv[1]) ;
    fmt[size_fmt(fmt, err.line)] = 0 ;
    strerr_dief(100, argv[1], " line ", fmt, ": ", err.why, ", fix that line (KEY=value, # for comments)") ;
  }
  mexec_aem(argv[2], argv + 2, envp, modifs.s, modifs.len) ;
  strerr_dieexec(errno == ENOENT ? 127 : 126, argv[2]) ;
}
