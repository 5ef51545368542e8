#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include "control.h"
#include "paths.h"

static char const *const basedir_commands[] = { "halt", "poweroff", "reboot", "shutdown", 0 } ;

/* The commands in /run/s6/basedir/bin are links to this very binary, which
   may live anywhere (/init can be moved). */
static void link_commands (void)
{
  char self[PATH_MAX] ;
  ssize_t r = readlink("/proc/self/exe", self, sizeof(self) - 1) ;
  char const *target = self ;
  if (r <= 0) target = BOSUN_SELF_FALLBACK ;
  else self[r] = 0 ;
  for (char const *const *p = basedir_commands ; *p ; p++)
  {
    char path[sizeof(BOSUN_BASEDIR_BIN) + 16] = BOSUN_BASEDIR_BIN "/" ;
    size_t len = sizeof(BOSUN_BASEDIR_BIN) ;
    for (char const *s = *p ; *s ; s++) path[len++] = *s ;
    path[len] = 0 ;
    if (symlink(target, path) < 0 && errno != EEXIST) strerr_warnwusys("link ", path) ;
  }
}

/* Opened read-write so that the fifo never reads end-of-file when a writer
   goes away. Returns the fd, or -1 (halt will then say nobody listens). */
int control_setup (void)
{
  int fd ;
  link_commands() ;
  if (mkfifo(BOSUN_CONTROL, 0600) < 0 && errno != EEXIST)
  {
    strerr_warnwusys("create " BOSUN_CONTROL ": halt will not work, stop the container with SIGTERM") ;
    return -1 ;
  }
  fd = open(BOSUN_CONTROL, O_RDWR | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) strerr_warnwusys("open " BOSUN_CONTROL ": halt will not work, stop the container with SIGTERM") ;
  return fd ;
}

int control_is_halt (char c)
{
  return c == CONTROL_HALT || c == CONTROL_POWEROFF || c == CONTROL_REBOOT ;
}

/* 1 on success, 0 with errno set: ENXIO means no init is reading. */
int control_send (char c)
{
  int fd = open(BOSUN_CONTROL, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
  ssize_t r ;
  if (fd < 0) return 0 ;
  r = write(fd, &c, 1) ;
  close(fd) ;
  return r == 1 ;
}
