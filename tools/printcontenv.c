/* printcontenv NAME: print a variable of the container environment [V5];
   exit 1 when it is not set, 100 without a name. */
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "applets.h"
#include "contenv.h"
#include "paths.h"

int printcontenv_main (int argc, char const *const *argv, char const *const *envp)
{
  stralloc value = STRALLOC_ZERO ;
  int r ;
  (void)envp ;
  PROG = "printcontenv" ;
  if (argc < 2) strerr_dieusage(100, "printcontenv NAME") ;
  r = contenv_get(BOSUN_CONTENV, argv[1], &value) ;
  if (r < 0) strerr_diefusys(111, "read ", BOSUN_CONTENV, "/", argv[1]) ;
  if (!r) return 1 ;
  if (buffer_put(buffer_1, value.s, value.len) < 0 || buffer_putflush(buffer_1, "\n", 1) < 0)
    strerr_diefusys(111, "write to stdout") ;
  return 0 ;
}
