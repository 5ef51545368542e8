/* bosun compat layer: cspawn() and gcspawn(), the spawning API of skalibs
 * >= 2.14, for skalibs 2.13.1.1 (see include/skalibs/cspawn.h and
 * README.md). skalibs documents posix_spawn() as its preferred backend and
 * fork() + execve() as its fallback; this layer always forks, because
 * CSPAWN_FLAGS_SELFPIPE_FINISH has to run skalibs' selfpipe_finish() in the
 * child, which posix_spawn() cannot do.
 *
 * Errors met in the child before the program is running (setsid, a file
 * action, the exec itself) travel to the parent as an errno value over a
 * close-on-exec pipe: end of file on that pipe means the exec succeeded. */

#include <skalibs/nonposix.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/exec.h>
#include <skalibs/nsig.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sig.h>
#include <skalibs/cspawn.h>

/* Gives the child descriptor `to` the file `from` points to. When both are
 * the same number dup2() would do nothing, yet the caller wants the child
 * to get that descriptor: clear its close-on-exec flag instead, as POSIX
 * specifies for posix_spawn_file_actions_adddup2() with equal descriptors. */
static int fa_dup (int to, int from)
{
  if (to == from) return uncoe(from) ;
  while (dup2(from, to) == -1)
    if (errno != EINTR) return -1 ;
  return 0 ;
}

static int fa_run (cspawn_fileaction const *fa, size_t n)
{
  for (size_t i = 0 ; i < n ; i++)
  {
    switch (fa[i].type)
    {
      case CSPAWN_FA_CLOSE :
        /* closing a descriptor that is already closed is what was asked */
        if (close(fa[i].x.fd) == -1 && errno != EBADF && errno != EINTR) return -1 ;
        break ;
      case CSPAWN_FA_COPY :
        if (fa_dup(fa[i].x.fd2[0], fa[i].x.fd2[1]) == -1) return -1 ;
        break ;
      case CSPAWN_FA_MOVE :
        if (fa_dup(fa[i].x.fd2[0], fa[i].x.fd2[1]) == -1) return -1 ;
        if (fa[i].x.fd2[0] != fa[i].x.fd2[1]) fd_close(fa[i].x.fd2[1]) ;
        break ;
      case CSPAWN_FA_OPEN :
      {
        int fd = open(fa[i].x.openinfo.file, fa[i].x.openinfo.oflag, fa[i].x.openinfo.mode) ;
        if (fd == -1) return -1 ;
        if (fd != fa[i].x.openinfo.fd)
        {
          if (fa_dup(fa[i].x.openinfo.fd, fd) == -1) return -1 ;
          fd_close(fd) ;
        }
        break ;
      }
      default :
        errno = EINVAL ;
        return -1 ;
    }
  }
  return 0 ;
}

/* The error pipe must survive the file actions: if any action names its
 * descriptor (possible when the parent had 0, 1 or 2 closed), move it above
 * every descriptor the actions name. */
static int errfd_clear (int errfd, cspawn_fileaction const *fa, size_t n)
{
  int max = -1 ;
  for (size_t i = 0 ; i < n ; i++)
  {
    int a = -1, b = -1 ;
    switch (fa[i].type)
    {
      case CSPAWN_FA_CLOSE : a = fa[i].x.fd ; break ;
      case CSPAWN_FA_COPY :
      case CSPAWN_FA_MOVE : a = fa[i].x.fd2[0] ; b = fa[i].x.fd2[1] ; break ;
      case CSPAWN_FA_OPEN : a = fa[i].x.openinfo.fd ; break ;
      default : break ;
    }
    if (a > max) max = a ;
    if (b > max) max = b ;
  }
  if (errfd > max) return errfd ;
  {
    int fd = fcntl(errfd, F_DUPFD_CLOEXEC, max + 1) ;
    if (fd >= 0) fd_close(errfd) ;
    return fd ;
  }
}

/* Runs in the child, with every signal blocked; never returns. */
static void child (int errfd, char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n, sigset_t const *mask)
{
  int e ;

  /* Handlers inherited from the parent must never run here: they would act
   * on the parent's state (its selfpipe, for one). exec resets caught
   * signals to SIG_DFL anyway, so do it now, before anything is unblocked.
   * Ignored signals stay ignored, as they do across any exec. */
  for (int sig = 1 ; sig < SKALIBS_NSIG ; sig++)
  {
    struct sigaction sa ;
    if (sigaction(sig, 0, &sa) == -1) continue ;
    if (sa.sa_handler == SIG_DFL || sa.sa_handler == SIG_IGN) continue ;
    sa.sa_handler = SIG_DFL ;
    sa.sa_flags = 0 ;
    sigemptyset(&sa.sa_mask) ;
    sigaction(sig, &sa, 0) ;
  }

  /* The program starts with the caller's mask unless a flag says otherwise. */
  sigprocmask(SIG_SETMASK, mask, 0) ;
  if (flags & CSPAWN_FLAGS_SELFPIPE_FINISH) selfpipe_finish() ;
  if (flags & CSPAWN_FLAGS_SIGBLOCKNONE) sig_blocknone() ;
  if ((flags & CSPAWN_FLAGS_SETSID) && setsid() == -1) goto err ;

  {
    int fd = errfd_clear(errfd, fa, n) ;
    if (fd == -1) goto err ;  /* errfd is still open then */
    errfd = fd ;
  }
  if (fa_run(fa, n) == -1) goto err ;
  exec_ae(file, argv, envp) ;

 err:
  e = errno ;
  allwrite(errfd, (char const *)&e, sizeof e) ;
  _exit(127) ;
}

/* Called with every signal blocked; `mask` is the mask the program gets. */
static pid_t spawn_blocked (char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n, sigset_t const *mask)
{
  int p[2] ;
  int e ;
  pid_t pid ;
  if (pipecoe(p) == -1) return 0 ;
  pid = fork() ;
  if (pid == -1)
  {
    e = errno ;
    fd_close(p[1]) ;
    fd_close(p[0]) ;
    errno = e ;
    return 0 ;
  }
  if (!pid)
  {
    fd_close(p[0]) ;
    child(p[1], file, argv, envp, flags, fa, n, mask) ;
  }
  fd_close(p[1]) ;
  /* signals are blocked, so the read cannot be interrupted */
  if (allread(p[0], (char *)&e, sizeof e) == sizeof e)
  {
    int wstat ;
    fd_close(p[0]) ;
    wait_pid(pid, &wstat) ;
    errno = e ;
    return 0 ;
  }
  fd_close(p[0]) ;
  return pid ;
}

pid_t cspawn (char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n)
{
  sigset_t full, old ;
  pid_t pid ;
  int e ;
  /* Block everything across the fork, so no signal reaches a parent's
   * handler in the child before child() has reset the dispositions. */
  sigfillset(&full) ;
  if (sigprocmask(SIG_SETMASK, &full, &old) == -1) return 0 ;
  pid = spawn_blocked(file, argv, envp, flags, fa, n, &old) ;
  e = errno ;
  sigprocmask(SIG_SETMASK, &old, 0) ;
  errno = e ;
  return pid ;
}

struct gcspawn_msg_s
{
  pid_t pid ;
  int err ;
} ;

pid_t gcspawn (char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n)
{
  struct gcspawn_msg_s m = { .pid = 0, .err = 0 } ;
  sigset_t full, old ;
  int p[2] ;
  int e ;
  pid_t mid ;
  sigfillset(&full) ;
  if (sigprocmask(SIG_SETMASK, &full, &old) == -1) return 0 ;
  if (pipecoe(p) == -1)
  {
    m.err = errno ;
    goto end ;
  }
  mid = fork() ;
  if (mid == -1)
  {
    m.err = errno ;
    fd_close(p[1]) ;
    fd_close(p[0]) ;
    goto end ;
  }
  if (!mid)
  {
    /* the intermediate child: spawn, report, and exit so that the program
     * is re-parented; its mask stays full so it runs no handler. */
    fd_close(p[0]) ;
    m.pid = spawn_blocked(file, argv, envp, flags, fa, n, &old) ;
    m.err = m.pid ? 0 : errno ;
    _exit(allwrite(p[1], (char const *)&m, sizeof m) == sizeof m ? 0 : 111) ;
  }
  fd_close(p[1]) ;
  if (allread(p[0], (char *)&m, sizeof m) != sizeof m)
  {
    /* the intermediate child died before reporting */
    m.pid = 0 ;
    m.err = EPIPE ;
  }
  fd_close(p[0]) ;
  {
    int wstat ;
    wait_pid(mid, &wstat) ;
  }

 end:
  e = m.pid ? errno : m.err ;
  sigprocmask(SIG_SETMASK, &old, 0) ;
  errno = e ;
  return m.pid ;
}
