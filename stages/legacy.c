#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "copytree.h"
#include "dirlist.h"
#include "legacy.h"
#include "sigreset.h"

/* Waits for pid; with a bound, kills it when the bound is reached. SIGCHLD
   is blocked by the caller so that sigtimedwait can wait for it. */
static int wait_bounded (pid_t pid, unsigned int maxtime, char const *label, char const *path)
{
  int wstat ;
  sigset_t chld ;
  struct timespec left = { .tv_sec = maxtime / 1000, .tv_nsec = (long)(maxtime % 1000) * 1000000 } ;
  sigemptyset(&chld) ;
  sigaddset(&chld, SIGCHLD) ;
  while (maxtime)
  {
    struct timespec before, after ;
    pid_t r = waitpid(pid, &wstat, WNOHANG) ;
    if (r == pid) return wstat ;
    if (r < 0 && errno != EINTR) return -1 ;
    clock_gettime(CLOCK_MONOTONIC, &before) ;
    if (sigtimedwait(&chld, 0, &left) < 0 && errno == EAGAIN)
    {
      strerr_warn(label, ": warning: ", path, " is still running after S6_KILL_FINISH_MAXTIME, killing it") ;
      kill(pid, SIGKILL) ;
      break ;
    }
    clock_gettime(CLOCK_MONOTONIC, &after) ;
    left.tv_sec -= after.tv_sec - before.tv_sec ;
    left.tv_nsec -= after.tv_nsec - before.tv_nsec ;
    while (left.tv_nsec < 0) { left.tv_nsec += 1000000000 ; left.tv_sec-- ; }
    if (left.tv_sec < 0) left.tv_sec = 0, left.tv_nsec = 0 ;
  }
  return waitpid_nointr(pid, &wstat, 0) == pid ? wstat : -1 ;
}

static int run_script (char const *path, char const *label, unsigned int maxtime, char const *const *envp)
{
  char const *argv[2] = { path, 0 } ;
  pid_t pid = fork() ;
  if (pid < 0) { strerr_warn(label, ": warning: unable to fork for ", path) ; return -1 ; }
  if (!pid)
  {
    sigreset_for_child() ;
    execve(path, (char *const *)argv, (char *const *)envp) ;
    if (errno == EACCES)
      strerr_dief(126, "unable to run ", path, ": it is not executable, make it so (chmod +x) in the image") ;
    strerr_diefusys(errno == ENOENT ? 127 : 126, "unable to run ", path, " (check its #! line)") ;
  }
  return wait_bounded(pid, maxtime, label, path) ;
}

/* Runs every entry of dir in byte order [F3]; returns how many failed. */
unsigned int legacy_scripts (char const *dir, char const *label, unsigned int maxtime, char const *const *envp, unsigned int verbosity)
{
  dirlist dl = DIRLIST_ZERO ;
  unsigned int failed = 0 ;
  sigset_t chld, old ;
  if (!dirlist_read(&dl, dir)) { strerr_warnwusys("list ", dir) ; return 1 ; }
  sigemptyset(&chld) ;
  sigaddset(&chld, SIGCHLD) ;
  sigprocmask(SIG_BLOCK, &chld, &old) ;
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char path[PATH_MAX] ;
    char fmt[UINT_FMT] ;
    int wstat ;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, dirlist_name(&dl, i)) >= sizeof(path)) continue ;
    if (verbosity >= 2) strerr_warn(label, ": info: running ", path) ;
    wstat = run_script(path, label, maxtime, envp) ;
    if (wstat < 0) { failed++ ; continue ; }
    if (WIFSIGNALED(wstat))
    {
      fmt[uint_fmt(fmt, WTERMSIG(wstat))] = 0 ;
      strerr_warn(label, ": warning: ", path, " was killed by signal ", fmt) ;
      failed++ ;
      continue ;
    }
    fmt[uint_fmt(fmt, WEXITSTATUS(wstat))] = 0 ;
    if (verbosity >= 2) strerr_warn(label, ": info: ", path, " exited ", fmt) ;
    if (WEXITSTATUS(wstat)) failed++ ;
  }
  sigprocmask(SIG_SETMASK, &old, 0) ;
  dirlist_free(&dl) ;
  return failed ;
}

/* [B11]: each services.d directory is copied under /run (the image is
   never written) and linked into the scanned directory; the scanner is
   then asked to rescan. Returns how many could not be set up. */
unsigned int legacy_services_up (char const *servicedir)
{
  dirlist dl = DIRLIST_ZERO ;
  unsigned int failed = 0 ;
  char path[PATH_MAX] ;
  int fd ;
  if (!dirlist_read(&dl, LEGACY_SERVICES)) { strerr_warnwusys("list " LEGACY_SERVICES) ; return 1 ; }
  if (!dl.n) { dirlist_free(&dl) ; return 0 ; }
  if (mkdir(LEGACY_SERVICES_COPY, 0755) < 0 && errno != EEXIST) { strerr_warnwusys("create " LEGACY_SERVICES_COPY) ; return dl.n ; }
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char from[PATH_MAX], to[PATH_MAX], link[PATH_MAX] ;
    char const *name = dirlist_name(&dl, i) ;
    struct stat st ;
    if ((size_t)snprintf(from, sizeof(from), "%s/%s", LEGACY_SERVICES, name) >= sizeof(from)
     || (size_t)snprintf(to, sizeof(to), "%s/%s", LEGACY_SERVICES_COPY, name) >= sizeof(to)
     || (size_t)snprintf(link, sizeof(link), "%s/%s", servicedir, name) >= sizeof(link)) { failed++ ; continue ; }
    if (stat(from, &st) < 0 || !S_ISDIR(st.st_mode)) continue ;
    if (!copytree(from, to)) { strerr_warnw("service ", name, " of " LEGACY_SERVICES " could not be copied completely") ; failed++ ; continue ; }
    if (symlink(to, link) < 0 && errno != EEXIST) { strerr_warnwusys("link ", link) ; failed++ ; }
  }
  dirlist_free(&dl) ;
  if ((size_t)snprintf(path, sizeof(path), "%s/.s6-svscan/control", servicedir) < sizeof(path))
  {
    fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC) ;
    if (fd < 0 || write(fd, "a", 1) != 1) strerr_warnwusys("ask the scanner to rescan ", servicedir) ;
    if (fd >= 0) close(fd) ;
  }
  return failed ;
}
