/* s6-chown [-U] [-u uid] [-g gid] FILE: set FILE's numeric owner and/or
   group [V4]; -U takes them from UID and GID (as s6-envuidgid sets them).
   What is not given stays. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/env.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include "account.h"
#include "applets.h"
#include "dirfd.h"

#define USAGE "s6-chown [ -U ] [ -u uid ] [ -g gid ] file"

static unsigned int id (char const *s, char const *what)
{
  unsigned int n ;
  if (!s) strerr_dief(100, what, " not set, run s6-envuidgid before s6-chown -U") ;
  if (!account_id_scan(s, strlen(s), &n)) strerr_dieusage(100, USAGE) ;
  return n ;
}

int s6_chown_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  uid_t uid = (uid_t)-1 ;
  gid_t gid = (gid_t)-1 ;
  struct stat st ;
  int fd ;
  PROG = "s6-chown" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "Uu:g:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'U' : uid = id(env_get2(envp, "UID"), "UID") ; gid = id(env_get2(envp, "GID"), "GID") ; break ;
      case 'u' : uid = id(l.arg, "uid") ; break ;
      case 'g' : gid = id(l.arg, "gid") ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  /* link followed as the chown command does, the change made on the fd (dirfd.h) */
  fd = dirfd_pin(AT_FDCWD, argv[0], 1, &st) ;
  if (fd < 0 || dirfd_chown(fd, uid, gid) < 0) strerr_diefusys(111, "chown ", argv[0]) ;
  return 0 ;
}
