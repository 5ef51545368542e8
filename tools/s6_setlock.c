/* s6-setlock [-n|-N|-t ms] [-r|-w] [-d fd] FILE PROG...: take a lock on
   FILE (made if missing), then exec PROG holding it: it lasts as long as
   PROG and what PROG leaves the fd to [N2]. Exit 1 when the lock cannot
   be had (-n: taken; -t: not free within ms), 111 on a system error.
   The locks are POSIX record locks (fcntl), those of s6's own
   s6-setlock, so the two exclude each other. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "spawn.h"

#define USAGE "s6-setlock [ -n | -N | -t timeout ] [ -r | -w ] [ -d fd ] lockfile prog..."

struct probe
{
  char const *file ;
  int w ;
} ;

/* In a child: wait, without bound, until the lock can be had, then let it
   go by exiting. A record lock belongs to a process, so the child cannot
   take it for its parent; it only says when trying again is worth it. */
static void probe_child (void *ctx)
{
  struct probe const *p = ctx ;
  int fd = open(p->file, p->w ? O_WRONLY : O_RDONLY) ;
  _exit(fd >= 0 && fd_lock(fd, p->w, 0) > 0 ? 0 : 1) ;
}

/* Waits until the probe ends (its end of the pipe closes) or deadline.
   1: it ended; 0: the deadline came first. */
static int probe_wait (struct probe *p, tain const *deadline)
{
  int pfd[2] ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  iopause_fd x ;
  int r ;
  if (pipecoe(pfd) < 0) strerr_diefusys(111, "create a pipe") ;
  /* the child holds the write end until it exits: no exec, no close */
  sp.who = "lock probe" ; sp.inchild = &probe_child ; sp.ctx = p ;
  pid = spawn_start(&sp) ;
  if (pid < 0) strerr_diefusys(111, "spawn a child to wait for the lock") ;
  close(pfd[1]) ;
  x.fd = pfd[0] ; x.events = IOPAUSE_READ ;
  do r = iopause_g(&x, 1, deadline) ;
  while (r < 0 && errno == EINTR) ;
  if (r < 0) strerr_diefusys(111, "wait for the lock") ;
  close(pfd[0]) ;
  if (!r) kill(pid, SIGKILL) ;
  if (wait_pid(pid, 0) < 0) strerr_diefusys(111, "wait for the lock probe") ;
  return r > 0 ;
}

/* -t: try, and while the lock is taken wait for it to be free, until the
   deadline */
static int lock_timed (int fd, struct probe *p, unsigned int ms)
{
  tain deadline ;
  tain_now_set_stopwatch_g() ;
  tain_from_millisecs(&deadline, (int)(ms > 0x7fffffffU ? 0x7fffffffU : ms)) ;
  tain_add_g(&deadline, &deadline) ;
  for (;;)
  {
    int r = fd_lock(fd, p->w, 1) ;
    if (r) return r ;
    if (!probe_wait(p, &deadline)) return 0 ;
  }
}

static int open_lockfile (char const *file, int w)
{
  int fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0644) ;
  /* a shared lock only needs to read: a file we may not write will do */
  if (fd < 0 && !w && errno == EACCES) fd = open(file, O_RDONLY | O_CLOEXEC) ;
  if (fd < 0) strerr_diefusys(111, "open ", file, " for writing") ;
  return fd ;
}

int s6_setlock_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  unsigned int timeout = 0, dest = 0 ;
  int nb = 0, w = 1, hasdest = 0, fd, r ;
  PROG = "s6-setlock" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "nNt:rwd:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'n' : nb = 1 ; timeout = 0 ; break ;
      case 'N' : nb = 0 ; timeout = 0 ; break ;
      case 't' : if (!uint0_scan(l.arg, &timeout)) strerr_dieusage(100, USAGE) ; nb = 0 ; break ;
      case 'r' : w = 0 ; break ;
      case 'w' : w = 1 ; break ;
      case 'd' : if (!uint0_scan(l.arg, &dest)) strerr_dieusage(100, USAGE) ; hasdest = 1 ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 2) strerr_dieusage(100, USAGE) ;
  fd = open_lockfile(argv[0], w) ;
  if (timeout)
  {
    struct probe p = { .file = argv[0], .w = w } ;
    r = lock_timed(fd, &p, timeout) ;
    if (!r) strerr_dief(1, "unable to acquire lock on ", argv[0], ": timed out") ;
  }
  else r = fd_lock(fd, w, nb) ;
  if (r < 0) strerr_diefusys(111, "lock ", argv[0]) ;
  if (!r) strerr_dief(1, "unable to acquire lock on ", argv[0], ": it is held by another process") ;
  /* the fd that holds the lock goes on into PROG: on -d's number, or as it is */
  if (hasdest) { if ((unsigned int)fd != dest ? fd_move((int)dest, fd) < 0 : uncoe(fd) < 0) strerr_diefusys(111, "move the lock to the fd given with -d") ; }
  else if (uncoe(fd) < 0) strerr_diefusys(111, "keep the lock open for ", argv[1]) ;
  spawn_exec(argv + 1, envp) ;
}
