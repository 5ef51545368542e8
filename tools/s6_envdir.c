/* s6-envdir [-I|-i] [-n] [-f] [-L] [-c nullchar] DIR PROG...: set (or unset)
   one variable per file of DIR, then exec PROG [V4][E1]; the rules are in
   init/lib/envdir.h. -I: a missing DIR is not an error; -i (default): it is.
   -n: no chomping; -f: whole file; -L: no 4095-byte clamp; -c: what NUL
   bytes become instead of newlines. */
#include <errno.h>
#include <string.h>
#include <skalibs/exec.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "applets.h"
#include "envdir.h"

#define USAGE "s6-envdir [ -I | -i ] [ -n ] [ -f ] [ -L ] [ -c nullchar ] dir prog..."

int s6_envdir_main (int argc, char const *const *argv, char const *const *envp)
{
  stralloc modifs = STRALLOC_ZERO ;
  stralloc where = STRALLOC_ZERO ;
  subgetopt l = SUBGETOPT_ZERO ;
  unsigned int flags = 0 ;
  int loose = 0 ;
  char nullis = '\n' ;
  PROG = "s6-envdir" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "IinfLc:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'I' : loose = 1 ; break ;
      case 'i' : loose = 0 ; break ;
      case 'n' : flags |= ENVDIR_NOCHOMP ; break ;
      case 'f' : flags |= ENVDIR_VERBATIM ; break ;
      case 'L' : flags |= ENVDIR_NOCLAMP ; break ;
      case 'c' : nullis = *l.arg ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 2) strerr_dieusage(100, USAGE) ;
  if (!envdir_load(argv[0], flags, nullis, &modifs, &where))
  {
    /* where is the directory itself, or one of its files */
    int whole = !where.len || !where.s || !strcmp(where.s, argv[0]) ;
    if (whole && loose && errno == ENOENT) xexec_e(argv + 1, envp) ;
    if (whole) strerr_diefusys(111, "read envdir ", argv[0], " (use -I if it may be missing)") ;
    strerr_diefusys(111, "read ", where.s, " in envdir ", argv[0]) ;
  }
  xmexec_em(argv + 1, envp, modifs.s, modifs.len) ;
}
