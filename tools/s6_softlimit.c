/* s6-softlimit [-a bytes] [-c bytes] [-d bytes] [-f bytes] [-l bytes]
   [-m bytes] [-o n] [-p n] [-r bytes] [-s bytes] [-t secs] PROG...: lower
   (or raise, up to the hard limit) soft resource limits, then exec PROG
   [N2]. A value above the hard limit is the hard limit; "=" means the
   hard limit itself. -m sets the data, stack and address-space limits
   at once, as s6's does. */
#include <sys/resource.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"
#include "spawn.h"

#define USAGE "s6-softlimit [ -a allbytes ] [ -c corebytes ] [ -d databytes ] [ -f filebytes ] [ -l lockbytes ] [ -m membytes ] [ -o openfiles ] [ -p processes ] [ -r residentbytes ] [ -s stackbytes ] [ -t cpusecs ] prog..."

/* "=": the hard limit; else a number, capped at the hard limit */
static void set_soft (int resource, char const *value, char const *name)
{
  struct rlimit r ;
  uint64_t n ;
  if (getrlimit(resource, &r) < 0) strerr_diefusys(111, "read the ", name, " limit") ;
  if (value[0] == '=' && !value[1]) r.rlim_cur = r.rlim_max ;
  else
  {
    size_t len = uint64_scan(value, &n) ;
    if (!len || value[len]) strerr_dieusage(100, USAGE) ;
    r.rlim_cur = r.rlim_max != RLIM_INFINITY && n > (uint64_t)r.rlim_max ? r.rlim_max : (rlim_t)n ;
  }
  if (setrlimit(resource, &r) < 0) strerr_diefusys(111, "set the ", name, " limit to ", value) ;
}

int s6_softlimit_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  PROG = "s6-softlimit" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "a:c:d:f:l:m:o:p:r:s:t:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'a' : set_soft(RLIMIT_AS, l.arg, "address space") ; break ;
      case 'c' : set_soft(RLIMIT_CORE, l.arg, "core size") ; break ;
      case 'd' : set_soft(RLIMIT_DATA, l.arg, "data size") ; break ;
      case 'f' : set_soft(RLIMIT_FSIZE, l.arg, "file size") ; break ;
      case 'l' : set_soft(RLIMIT_MEMLOCK, l.arg, "locked memory") ; break ;
      case 'm' :
        set_soft(RLIMIT_DATA, l.arg, "data size") ;
        set_soft(RLIMIT_STACK, l.arg, "stack size") ;
        set_soft(RLIMIT_AS, l.arg, "address space") ;
        break ;
      case 'o' : set_soft(RLIMIT_NOFILE, l.arg, "open files") ; break ;
      case 'p' : set_soft(RLIMIT_NPROC, l.arg, "processes") ; break ;
      case 'r' : set_soft(RLIMIT_RSS, l.arg, "resident size") ; break ;
      case 's' : set_soft(RLIMIT_STACK, l.arg, "stack size") ; break ;
      case 't' : set_soft(RLIMIT_CPU, l.arg, "CPU time") ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  spawn_exec(argv, envp) ;
}
