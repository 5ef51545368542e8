/* s6-chmod MODE FILE: set FILE's permissions to the octal MODE [V4]. */
#include <fcntl.h>
#include <sys/stat.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"
#include "dirfd.h"

#define USAGE "s6-chmod mode file"

int s6_chmod_main (int argc, char const *const *argv, char const *const *envp)
{
  unsigned int mode ;
  struct stat st ;
  int fd ;
  (void)envp ;
  PROG = "s6-chmod" ;
  if (argc < 3 || !uint0_oscan(argv[1], &mode) || mode > 07777) strerr_dieusage(100, USAGE) ;
  /* the file named, link followed as the chmod command does, held by an fd so the
     change lands on what was looked up (dirfd.h) */
  fd = dirfd_pin(AT_FDCWD, argv[2], 1, &st) ;
  if (fd < 0 || dirfd_chmod(fd, (mode_t)mode) < 0) strerr_diefusys(111, "chmod ", argv[2]) ;
  return 0 ;
}
