/* logutil-newfifo [-m mode] [-o owner] FIFO: kept from s6-overlay [V6],
   deprecated there and here: (re)creates FIFO with mode (default 0600)
   owned by owner (a user name, or uid:gid; default root). */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "account.h"
#include "applets.h"
#include "dirfd.h"

#define USAGE "logutil-newfifo [ -m mode ] [ -o owner ] fifo"

static void owner_ids (char const *owner, uid_t *uid, gid_t *gid)
{
  int r ;
  if (strchr(owner, ':'))
  {
    gid_t list[1] ;
    size_t n ;
    if (!account_triple_scan(owner, uid, gid, list, 1, &n)) strerr_dief(100, "bad owner ", owner, ": give a user name or uid:gid") ;
    return ;
  }
  r = account_user(owner, uid, gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find user ", owner) ;
  if (!r) strerr_dief(1, "unknown user: ", owner, ", add it to /etc/passwd or give a numeric uid:gid") ;
}

int logutil_newfifo_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  unsigned int mode = 0600 ;
  char const *owner = "root" ;
  char const *fifo ;
  uid_t uid ;
  gid_t gid ;
  struct stat st ;
  int fd ;
  (void)envp ;
  PROG = "logutil-newfifo" ;
  for (int opt ; (opt = subgetopt_r(argc, argv, "m:o:", &l)) != -1 ;)
    switch (opt)
    {
      case 'm' : if (!uint0_oscan(l.arg, &mode) || mode > 07777) strerr_dieusage(100, USAGE) ; break ;
      case 'o' : owner = l.arg ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  if (l.ind + 1 != argc) strerr_dieusage(100, USAGE) ;
  fifo = argv[l.ind] ;
  strerr_warnw("this command is deprecated: create the fifo with mkfifo and chown instead") ;
  owner_ids(owner, &uid, &gid) ;
  if (rm_rf(fifo) < 0 && errno != ENOENT) strerr_diefusys(111, "remove ", fifo) ;
  if (mkfifo(fifo, (mode_t)mode) < 0) strerr_diefusys(111, "mkfifo ", fifo) ;
  /* exactly the mode asked for, whatever the umask; on the fifo made, not
     on a link put at its name (dirfd.h) */
  fd = dirfd_pin(AT_FDCWD, fifo, 0, &st) ;
  if (fd < 0 || !S_ISFIFO(st.st_mode)) strerr_diefusys(111, "open the fifo ", fifo) ;
  if (dirfd_chmod(fd, (mode_t)mode) < 0) strerr_diefusys(111, "chmod ", fifo) ;
  if (dirfd_chown(fd, uid, gid) < 0) strerr_diefusys(111, "chown ", fifo) ;
  close(fd) ;
  return 0 ;
}
