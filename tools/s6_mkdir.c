/* s6-mkdir [-p] [-v] [-m mode] DIR...: create directories [V4]; -p also
   the missing parents and no error if DIR exists; -m octal mode (0777
   less the umask by default); -v says what it created. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "applets.h"
#include "dirfd.h"

#define USAGE "s6-mkdir [ -p ] [ -v ] [ -m mode ] dir..."

static int verbose = 0 ;

static void make (char const *dir, mode_t mode, int parents)
{
  if (mkdir(dir, mode) == 0)
  {
    if (verbose) strerr_warni("created directory ", dir) ;
    return ;
  }
  if (parents && errno == EEXIST)
  {
    struct stat st ;
    if (stat(dir, &st) == 0 && S_ISDIR(st.st_mode)) return ;
    errno = EEXIST ;
  }
  strerr_diefusys(111, "mkdir ", dir) ;
}

/* Every prefix ending before a slash first, with the default mode, as mkdir -p. */
static void make_parents (char const *dir, mode_t mode)
{
  size_t len = strlen(dir) ;
  char tmp[len + 1] ;
  memcpy(tmp, dir, len + 1) ;
  for (size_t i = 1 ; i < len ; i++)
    if (tmp[i] == '/' && tmp[i-1] != '/')
    {
      tmp[i] = 0 ;
      make(tmp, 0777, 1) ;
      tmp[i] = '/' ;
    }
  make(dir, mode, 1) ;
}

int s6_mkdir_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  unsigned int mode = 0777 ;
  int parents = 0 ;
  (void)envp ;
  PROG = "s6-mkdir" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "pvm:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'p' : parents = 1 ; break ;
      case 'v' : verbose = 1 ; break ;
      case 'm' : if (!uint0_oscan(l.arg, &mode)) strerr_dieusage(100, USAGE) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  for (int i = 0 ; i < argc ; i++)
  {
    if (parents) make_parents(argv[i], (mode_t)mode) ;
    else make(argv[i], (mode_t)mode, 0) ;
    /* mkdir's mode goes through the umask; an explicit -m must not. On
       an fd of what the name holds, links followed as the chmod command does
       (dirfd.h) */
    if (mode != 0777)
    {
      struct stat st ;
      int fd = dirfd_pin(AT_FDCWD, argv[i], 1, &st) ;
      if (fd < 0 || dirfd_chmod(fd, (mode_t)mode) < 0) strerr_diefusys(111, "chmod ", argv[i]) ;
      close(fd) ;
    }
  }
  return 0 ;
}
