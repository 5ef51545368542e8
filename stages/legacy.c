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
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include <stdlib.h>
#include "copytree.h"
#include "svappear.h"
#include "svcontrol.h"
#include "svlisten.h"
#include "svstatus.h"
#include "dirlist.h"
#include "legacy.h"
#include "spawn.h"

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

static void set_prog (void *prog)
{
  PROG = prog ;
}

static int run_script (char const *path, char const *label, unsigned int maxtime, char const *const *envp)
{
  char const *argv[2] = { path, 0 } ;
  char prog[64] ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  /* the boot goes on without it: a warning, not a fatal [B12] */
  snprintf(prog, sizeof(prog), "bosun: %s", label) ;
  sp.argv = argv ; sp.envp = envp ; sp.inchild = &set_prog ; sp.ctx = prog ;
  pid = spawn_start(&sp) ;
  if (pid < 0) { strerr_warn(label, ": warning: unable to fork for ", path) ; return -1 ; }
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

/* whether LINK already points to TO: a copy linked by an earlier up of
   legacy-services, or another entry of the same name (-1, said) */
static int linked (char const *link, char const *to, char const *name, char const *fromdir)
{
  char target[PATH_MAX] ;
  ssize_t r ;
  if (symlink(to, link) == 0) return 0 ;
  if (errno != EEXIST) { strerr_warnwusys("link ", link) ; return -1 ; }
  r = readlink(link, target, sizeof(target) - 1) ;
  if (r > 0) target[r] = 0 ;
  if (r > 0 && !strcmp(target, to)) return 1 ;
  strerr_warnw("service ", name, " of ", fromdir, ": ", link, " already exists (an s6-rc.d longrun of the same name?), rename one of them") ;
  return -1 ;
}

/* [B12]: s6-overlay's line, which images grep */
static void say_copying (char const *from, char const *name)
{
  char nf[PATH_MAX] ;
  int notif = (size_t)snprintf(nf, sizeof(nf), "%s/notification-fd", from) < sizeof(nf) && access(nf, R_OK) == 0 ;
  strerr_warn("services-up: info: copying legacy longrun ", name, notif ? "" : " (no readiness notification)") ;
}

/* one services.d entry: copied (unless an earlier up of legacy-services
   left its copy supervised: a live service's files are not rewritten
   under it), linked, remembered; its copy also goes into upwanted unless
   its services.d directory has a down file, and into revive when it was
   already supervised: a fresh copy's supervisor starts it by itself, and
   telling it up again would undo a start that failed for good [R9][E2] */
static int copy_one (char const *fromdir, char const *name, char const *servicedir, int noexec, unsigned int verbosity, stralloc *copies, stralloc *upwanted, stralloc *revive)
{
  char from[PATH_MAX], to[PATH_MAX], link[PATH_MAX], down[PATH_MAX] ;
  struct stat st ;
  int r ;
  if ((size_t)snprintf(from, sizeof(from), "%s/%s", fromdir, name) >= sizeof(from)
   || (size_t)snprintf(to, sizeof(to), "%s/%s", LEGACY_SERVICES_COPY, name) >= sizeof(to)
   || (size_t)snprintf(down, sizeof(down), "%s/down", from) >= sizeof(down)
   || (size_t)snprintf(link, sizeof(link), "%s/%s", servicedir, name) >= sizeof(link)) return 0 ;
  if (stat(from, &st) < 0 || !S_ISDIR(st.st_mode)) return 1 ;
  r = lstat(to, &st) == 0 && S_ISDIR(st.st_mode) && svcontrol_supervised(to) == 1 ;
  if (!r && verbosity >= 2) say_copying(from, name) ;
  if (!r && (!copytree(from, to, noexec ? COPYTREE_LINK_EXEC : 0) || !svappear_prepare(to)))
  {
    strerr_warnw("service ", name, " of ", fromdir, " could not be copied completely") ;
    return 0 ;
  }
  if (linked(link, to, name, fromdir) < 0) return 0 ;
  if (!stralloc_catb(copies, to, strlen(to) + 1)
   || (access(down, F_OK) < 0 && (!stralloc_catb(upwanted, to, strlen(to) + 1)
                                  || (r && !stralloc_catb(revive, to, strlen(to) + 1)))))
  {
    strerr_warnwu("remember ", to, ": out of memory") ;
    return 0 ;
  }
  return 1 ;
}

/* [B11]: each services.d directory is copied under /run (the image is
   never written) and linked into the scanned directory; the scanner is
   then asked to rescan. Fills copies with the copies made. */
static unsigned int copy_and_link (char const *fromdir, char const *servicedir, unsigned int verbosity, stralloc *copies, stralloc *upwanted, stralloc *revive)
{
  dirlist dl = DIRLIST_ZERO ;
  unsigned int failed = 0 ;
  int noexec = copytree_noexec(LEGACY_SERVICES_COPY_PARENT) ;
  if (!dirlist_read(&dl, fromdir)) { strerr_warnwusys("list ", fromdir) ; return 1 ; }
  if (dl.n && mkdir(LEGACY_SERVICES_COPY, 0755) < 0 && errno != EEXIST) { strerr_warnwusys("create " LEGACY_SERVICES_COPY) ; dirlist_free(&dl) ; return 1 ; }
  for (size_t i = 0 ; i < dl.n ; i++)
    if (!copy_one(fromdir, dirlist_name(&dl, i), servicedir, noexec, verbosity, copies, upwanted, revive)) failed++ ;
  dirlist_free(&dl) ;
  return failed ;
}

/* the copies as an array of paths; 0 when out of memory */
static char const **copies_list (stralloc const *copies, size_t *n)
{
  char const **v ;
  *n = 0 ;
  for (size_t k = 0 ; k < copies->len ; k += strlen(copies->s + k) + 1) (*n)++ ;
  v = malloc((*n + 1) * sizeof(char const *)) ;
  if (!v) return 0 ;
  *n = 0 ;
  for (size_t k = 0 ; k < copies->len ; k += strlen(copies->s + k) + 1) v[(*n)++] = copies->s + k ;
  return v ;
}

/* a service that will not be restarted: its finish exited 125, or its
   env files do not parse [E2]; its own output said which */
#define LEGACY_GAVE_UP " failed for good and will not be restarted, see its output above"

/* Read after subscribing: down, not wanted up and no down file means it
   failed for good before we listened (an env/env that does not parse
   [E2]), and its O event is gone: waiting would never end. */
static int gave_up (char const *dir)
{
  char down[PATH_MAX] ;
  svstatus st ;
  if ((size_t)snprintf(down, sizeof(down), "%s/down", dir) >= sizeof(down) || !access(down, F_OK)) return 0 ;
  return svstatus_read(dir, &st) && !st.pid && !(st.flags & SVSTATUS_WANTUP) ;
}

/* Waits for all of l[0..m) until the deadline. A service that fails for
   good (finish exited 125: the O event) or whose supervisor died is named
   and dropped, and the wait goes on for the others; those still waited
   for at the deadline are named as late. Ends every subscription. */
static unsigned int wait_rest (svlisten *l, size_t m, tain const *deadline)
{
  unsigned int failed = 0 ;
  while (m)
  {
    int r = svlisten_wait(l, (unsigned int)m, 1, deadline) ;
    if (r == SVLISTEN_OK) break ;
    if (r != SVLISTEN_FAILED)
    {
      for (size_t k = 0 ; k < m ; k++)
        if (!l[k].done) { strerr_warnw("service ", l[k].dir, " is not up yet (S6_CMD_WAIT_FOR_SERVICES_MAXTIME)") ; failed++ ; }
      break ;
    }
    for (size_t k = 0 ; k < m ; )
      if (!l[k].done && (l[k].failed || l[k].died))
      {
        strerr_warnw("service ", l[k].dir, l[k].failed
          ? LEGACY_GAVE_UP
          : ": its supervisor exited before the service came up") ;
        failed++ ;
        svlisten_end(&l[k]) ;
        l[k] = l[--m] ;
      }
      else k++ ;
  }
  for (size_t k = 0 ; k < m ; k++) svlisten_end(&l[k]) ;
  return failed ;
}

/* up, or ready where the service has a notification-fd */
static unsigned int wait_up (char const *const *dirs, size_t n, unsigned int maxtime)
{
  svlisten *l = calloc(n + 1, sizeof(svlisten)) ;
  unsigned int failed = 0 ;
  size_t m = 0 ;
  tain deadline ;
  if (!l) return (unsigned int)n ;
  for (size_t k = 0 ; k < n ; k++)
  {
    char nf[PATH_MAX] ;
    char const *what ;
    struct stat st ;
    int ready = (size_t)snprintf(nf, sizeof(nf), "%s/notification-fd", dirs[k]) < sizeof(nf) && !stat(nf, &st) ;
    if (!svlisten_start(&l[m], dirs[k], ready ? 'U' : 'u', &what)) { strerr_warnwusys(what, dirs[k]) ; failed++ ; }
    else if (gave_up(dirs[k])) { strerr_warnw("service ", dirs[k], LEGACY_GAVE_UP) ; svlisten_end(&l[m]) ; failed++ ; }
    else m++ ;
  }
  tain_now_g() ;
  if (maxtime) { tain_from_millisecs(&deadline, (int)maxtime) ; tain_add_g(&deadline, &deadline) ; }
  else { deadline = tain_infinite_relative ; tain_add_g(&deadline, &deadline) ; }
  failed += wait_rest(l, m, &deadline) ;
  free(l) ;
  return failed ;
}

/* [R9]: up, whatever each supervisor was doing: down (legacy-services
   went down with a service of user), finishing (it restarts once finish
   ends), already up (the command is a no-op, no second start). */
static unsigned int tell_up (char const *const *dirs, size_t n)
{
  unsigned int failed = 0 ;
  for (size_t k = 0 ; k < n ; k++)
    if (svcontrol_write(dirs[k], "supervise", "u", 1) <= 0)
    {
      strerr_warnw("unable to bring up ", dirs[k], ": its supervisor does not read its control fifo, is the scanner of /run/service running?") ;
      failed++ ;
    }
  return failed ;
}

unsigned int legacy_services_up (char const *fromdir, char const *servicedir, config const *cfg)
{
  stralloc copies = STRALLOC_ZERO, upwanted = STRALLOC_ZERO, revive = STRALLOC_ZERO ;
  unsigned int failed = copy_and_link(fromdir, servicedir, cfg->verbosity, &copies, &upwanted, &revive) ;
  size_t n, nup, nrevive ;
  char const **dirs = copies_list(&copies, &n) ;
  char const **updirs = copies_list(&upwanted, &nup) ;
  char const **revivedirs = copies_list(&revive, &nrevive) ;
  if (!dirs || !updirs || !revivedirs) failed++ ;
  else if (n)
  {
    /* S6_SERVICES_READYTIME was s6-overlay's guess of how long the scanner
       takes; bosun waits for the supervisors' start events instead, and
       uses the variable as the least it allows for them */
    unsigned int bound = cfg->services_readytime > 5000 ? cfg->services_readytime : 5000 ;
    failed += (unsigned int)svappear_wait(servicedir, dirs, n, bound) ;
    failed += tell_up(revivedirs, nrevive) ;
    /* a service that starts down (a down file) is not waited for */
    if (cfg->cmd_wait && nup) failed += wait_up(updirs, nup, cfg->cmd_wait_maxtime) ;
  }
  free(dirs) ;
  free(updirs) ;
  free(revivedirs) ;
  stralloc_free(&copies) ;
  stralloc_free(&upwanted) ;
  stralloc_free(&revive) ;
  return failed ;
}

/* [S3]: down, and finish done, within the grace time */
/* A consumer of a pipeline [R6] is left to the scanner, which stops it
   with the loggers once its producers are gone and its pipe is closed:
   it then reads every line to the end instead of dying by TERM with
   lines still in the pipe. */
static int is_consumer (dirlist const *dl, size_t i)
{
  char path[PATH_MAX] ;
  char const *name = dirlist_name(dl, i) ;
  if ((size_t)snprintf(path, sizeof(path), "%s/%s/consumer-for", LEGACY_SERVICES_COPY, name) < sizeof(path) && !access(path, F_OK)) return 1 ;
  for (size_t k = 0 ; k < dl->n ; k++)
  {
    char buf[NAME_MAX + 2] ;
    ssize_t r ;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s/producer-for", LEGACY_SERVICES_COPY, dirlist_name(dl, k)) >= sizeof(path)) continue ;
    r = openreadnclose(path, buf, sizeof(buf) - 1) ;
    if (r <= 0) continue ;
    while (r && (buf[r - 1] == '\n' || buf[r - 1] == ' ')) r-- ;
    buf[r] = 0 ;
    if (!strcmp(buf, name)) return 1 ;
  }
  return 0 ;
}

/* past S6_SERVICES_GRACETIME: each one still not down is named and gets
   SIGKILL from its supervisor, which then runs its finish [S3] */
static void kill_stuck (svlisten const *l, size_t m, char const *servicedir)
{
  for (size_t k = 0 ; k < m ; k++)
  {
    char dir[PATH_MAX] ;
    if (l[k].done) continue ;
    strerr_warnw("services.d service ", l[k].dir, " is still not down after S6_SERVICES_GRACETIME, sending it SIGKILL") ;
    if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", servicedir, l[k].dir) < sizeof(dir)) svcontrol_write(dir, "supervise", "k", 1) ;
  }
}

void legacy_services_down (char const *servicedir, unsigned int gracetime)
{
  dirlist dl = DIRLIST_ZERO ;
  svlisten *l ;
  size_t m = 0 ;
  tain deadline ;
  if (!dirlist_read(&dl, LEGACY_SERVICES_COPY)) return ;
  l = calloc(dl.n + 1, sizeof(svlisten)) ;
  if (!l) { dirlist_free(&dl) ; return ; }
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char dir[PATH_MAX] ;
    char const *what ;
    if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", servicedir, dirlist_name(&dl, i)) >= sizeof(dir)) continue ;
    if (is_consumer(&dl, i)) continue ;
    if (!svlisten_start(&l[m], dir, 'D', &what)) continue ;
    l[m].dir = dirlist_name(&dl, i) ;
    if (svcontrol_write(dir, "supervise", "d", 1) > 0) m++ ;
    else svlisten_end(&l[m]) ;
  }
  tain_now_g() ;
  tain_from_millisecs(&deadline, (int)gracetime) ;
  tain_add_g(&deadline, &deadline) ;
  if (m && svlisten_wait(l, (unsigned int)m, 1, &deadline) == SVLISTEN_TIMEOUT) kill_stuck(l, m, servicedir) ;
  for (size_t k = 0 ; k < m ; k++) svlisten_end(&l[k]) ;
  free(l) ;
  dirlist_free(&dl) ;
}
