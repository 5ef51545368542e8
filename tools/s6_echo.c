/* s6-echo [-n] [-s sep] ARGS...: print ARGS separated by the first
   character of sep (a space), then a newline unless -n [V4]. No escapes. */
#include <skalibs/buffer.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include "applets.h"

#define USAGE "s6-echo [ -n ] [ -s sep ] args..."

int s6_echo_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  char sep = ' ' ;
  int newline = 1 ;
  (void)envp ;
  PROG = "s6-echo" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "ns:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'n' : newline = 0 ; break ;
      case 's' : sep = *l.arg ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  for (int i = 0 ; i < argc ; i++)
    if ((i && buffer_put(buffer_1, &sep, 1) < 0) || buffer_puts(buffer_1, argv[i]) < 0)
      strerr_diefusys(111, "write to stdout") ;
  if ((newline && buffer_put(buffer_1, "\n", 1) < 0) || !buffer_flush(buffer_1))
    strerr_diefusys(111, "write to stdout") ;
  return 0 ;
}
