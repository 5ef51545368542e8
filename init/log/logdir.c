/* Log directory I/O. Crash safety comes from the order of operations:
   current is fsynced and marked 0744 before it is renamed to previous;
   a processor writes processed and newstate, which are renamed over
   state and to the archive name before previous is removed. A logger
   killed between any two steps leaves files that logdir_open recognises
   and completes, so no line is lost or stored twice.
   The processor runs beside the logger, not instead of it: while it works
   on previous, lines go on into a new current (the writer never waits
   for a gzip), and a failed run is retried by the caller's event loop,
   LOGDIR_PROC_TRIES times at most, so TERM is heard meanwhile. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include <skalibs/tai.h>
#include "logdir.h"
#include "spawn.h"

#define RETRY_DEFAULT_MS 1000

/* dir/name into buf; 0 if it does not fit */
static int mkpath (char *buf, size_t n, char const *dir, char const *name)
{
  int r = snprintf(buf, n, "%s/%s", dir, name) ;
  return r > 0 && (size_t)r < n ;
}

/* l: never more than half the size, as s6-log refuses more */
static unsigned long tolerance (logdir const *ld)
{
  return ld->conf.tolerance < ld->conf.size / 2 ? ld->conf.tolerance : ld->conf.size / 2 ;
}

static void pause_ms (unsigned long ms)
{
  struct timespec ts = { (time_t)(ms / 1000), (long)(ms % 1000) * 1000000L } ;
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) ;
}

/* One failure of a retried operation: said once per episode, then a
   pause of r ms (a full disk needs time, not a busy loop). */
static void retry (logdir *ld, char const *what)
{
  unsigned long ms = ld->conf.retry_ms ? ld->conf.retry_ms : RETRY_DEFAULT_MS ;
  if (!ld->failing)
  {
    char fmt[ULONG_FMT] ;
    fmt[ulong_fmt(fmt, ms)] = 0 ;
    strerr_warnwu6sys(what, " in ", ld->path, " (retrying every ", fmt, " ms)") ;
    ld->failing = 1 ;
  }
  pause_ms(ms) ;
}

static void recovered (logdir *ld)
{
  if (!ld->failing) return ;
  ld->failing = 0 ;
  strerr_warni3x("logging to ", ld->path, " again") ;
}

/* name of a new archive: @<tai64n>.<kind> */
static void archive_name (char *buf, char kind)
{
  tain now ;
  tain_wallclock_read(&now) ;
  size_t n = timestamp_fmt(buf, &now) ;
  buf[n] = '.' ; buf[n + 1] = kind ; buf[n + 2] = 0 ;
}

/* rename dir/from to a fresh archive name, retried until it works */
static void to_archive (logdir *ld, char const *from, char kind)
{
  char src[4096], dst[4096], name[TIMESTAMP + 3] ;
  if (!mkpath(src, sizeof src, ld->path, from)) return ;
  for (;;)
  {
    archive_name(name, kind) ;
    if (!mkpath(dst, sizeof dst, ld->path, name)) return ;
    if (access(dst, F_OK) == 0) continue ;   /* same nanosecond: take the next one */
    if (rename(src, dst) == 0) break ;
    retry(ld, "rename to an archive") ;
  }
  recovered(ld) ;
}

typedef struct archive { char name[TIMESTAMP + 3] ; unsigned long size ; } archive ;

static int archive_cmp (void const *a, void const *b)
{
  return strcmp(((archive const *)a)->name, ((archive const *)b)->name) ;
}

static int is_archive (char const *s)
{
  size_t n = strlen(s) ;
  return n == TIMESTAMP + 2 && s[0] == '@' && s[n - 2] == '.' && (s[n - 1] == 's' || s[n - 1] == 'u') ;
}

/* n and S: the oldest archives go first; names sort by time (TAI64N). */
static void enforce_caps (logdir *ld)
{
  archive *a = 0 ;
  size_t len = 0, cap = 0 ;
  unsigned long total = 0 ;
  DIR *d = opendir(ld->path) ;
  struct dirent *e ;
  if (!d) { strerr_warnwu2sys("open directory ", ld->path) ; return ; }
  while ((e = readdir(d)))
  {
    char fn[4096] ;
    struct stat st ;
    if (!is_archive(e->d_name) || !mkpath(fn, sizeof fn, ld->path, e->d_name) || stat(fn, &st) < 0) continue ;
    if (len == cap)
    {
      archive *b = realloc(a, (cap = cap ? cap * 2 : 16) * sizeof *a) ;
      if (!b) { strerr_warnwu1sys("list archives") ; break ; }
      a = b ;
    }
    memcpy(a[len].name, e->d_name, TIMESTAMP + 3) ;
    a[len].size = (unsigned long)st.st_size ;
    total += a[len++].size ;
  }
  closedir(d) ;
  if (len) qsort(a, len, sizeof *a, &archive_cmp) ;
  for (size_t i = 0 ; i < len && (len - i > ld->conf.count || (ld->conf.total && total > ld->conf.total)) ; i++)
  {
    char fn[4096] ;
    if (mkpath(fn, sizeof fn, ld->path, a[i].name) && unlink(fn) < 0 && errno != ENOENT)
      strerr_warnwu2sys("remove old archive ", fn) ;
    total -= a[i].size ;
  }
  free(a) ;
}

/* Never through a link: on a shared volume another process could plant
   current -> /etc/passwd. The files made here are regular files of the
   logger's own, so a link in the place of one is removed (unlink does not
   follow it) and the file made anew. */
static int open_in (logdir const *ld, char const *name, int flags)
{
  char fn[4096] ;
  int fd ;
  if (!mkpath(fn, sizeof fn, ld->path, name)) return (errno = ENAMETOOLONG, -1) ;
  fd = open(fn, flags | O_NOFOLLOW | O_CLOEXEC, 0644) ;
  if (fd >= 0 || errno != ELOOP || !(flags & O_CREAT)) return fd ;
  strerr_warnw3x("replacing the symbolic link ", fn, " by the logger's own file") ;
  if (unlink(fn) < 0 && errno != ENOENT) return -1 ;
  return open(fn, flags | O_NOFOLLOW | O_CLOEXEC, 0644) ;
}

/* previous on 0, processed on 1, state on 4, newstate on 5, the
   logger's stderr on 2; nothing else of the logger's (its input, its
   notification fd). Run by /bin/sh for a "!" processor, by
   execlineb for a "!!" one. */
static pid_t proc_spawn (logdir const *ld, int const fds[4])
{
  int map[6] = { fds[0], fds[1], -1, SPAWN_CLOSE, fds[2], fds[3] } ;
  char const *sh[4] = { "/bin/sh", "-c", ld->conf.processor, 0 } ;
  char const *el[4] = { "execlineb", "-Pc", ld->conf.processor, 0 } ;
  spawn sp = SPAWN_ZERO ;
  sp.who = "processor" ;
  sp.argv = ld->conf.proc == LOGPROC_SH ? sh : el ;
  if (ld->conf.proc != LOGPROC_SH && access("/command/execlineb", X_OK) == 0) sp.file = "/command/execlineb" ;
  sp.cwd = ld->path ;
  sp.fds = map ; sp.nfds = 6 ;
  sp.flags = SPAWN_CLOSEFROM ;
  return spawn_start(&sp) ;
}

/* Starts the processor on previous; 1 if it runs. */
static int proc_start (logdir *ld)
{
  int fds[4] ;
  pid_t pid ;
  fds[0] = open_in(ld, "previous", O_RDONLY) ;
  fds[1] = open_in(ld, "processed", O_WRONLY | O_CREAT | O_TRUNC) ;
  fds[2] = open_in(ld, "state", O_RDONLY | O_CREAT) ;
  fds[3] = open_in(ld, "newstate", O_WRONLY | O_CREAT | O_TRUNC) ;
  pid = fds[0] < 0 || fds[1] < 0 || fds[2] < 0 || fds[3] < 0 ? -1 : proc_spawn(ld, fds) ;
  for (int i = 0 ; i < 4 ; i++) if (fds[i] >= 0) close(fds[i]) ;
  if (pid < 0) { strerr_warnwu2sys("start the processor for ", ld->path) ; return 0 ; }
  ld->proc = pid ;
  return 1 ;
}

/* processed is complete: make it durable and executable (0744, the mark
   of a finished file), then commit state and the archive. */
static int proc_commit (logdir *ld)
{
  char st[4096], nst[4096] ;
  int fd = open_in(ld, "processed", O_RDONLY) ;
  if (fd < 0) return 0 ;
  if (fd_sync(fd) < 0 || fd_chmod(fd, 0744) < 0) { close(fd) ; return 0 ; }
  close(fd) ;
  if (!mkpath(st, sizeof st, ld->path, "state") || !mkpath(nst, sizeof nst, ld->path, "newstate")) return 0 ;
  if (rename(nst, st) < 0) return 0 ;
  to_archive(ld, "processed", 's') ;
  return 1 ;
}

static void remove_in (logdir const *ld, char const *name)
{
  char fn[4096] ;
  if (mkpath(fn, sizeof fn, ld->path, name) && unlink(fn) < 0 && errno != ENOENT)
    strerr_warnwu2sys("remove ", fn) ;
}

/* A run failed: again after r ms, up to LOGDIR_PROC_TRIES runs; then
   previous is archived as it is, so that its lines stay and the next
   rotation is not held back for ever. */
static void proc_failed (logdir *ld)
{
  if (++ld->proctries < LOGDIR_PROC_TRIES)
  {
    tain d ;
    tain_from_millisecs(&d, (int)(ld->conf.retry_ms ? ld->conf.retry_ms : RETRY_DEFAULT_MS)) ;
    tain_now_g() ;
    tain_add_g(&ld->procretry, &d) ;
    ld->procwait = 1 ;
    return ;
  }
  {
    char fmt[UINT_FMT] ;
    fmt[uint_fmt(fmt, ld->proctries)] = 0 ;
    strerr_warnw5x("processor failed ", fmt, " times in a row in ", ld->path, ", archiving previous unprocessed: fix the processor") ;
  }
  ld->proctries = 0 ;
  remove_in(ld, "processed") ;
  remove_in(ld, "newstate") ;
  to_archive(ld, "previous", 's') ;
  enforce_caps(ld) ;
}

/* previous exists: turn it into an archive, through the processor if
   there is one (started here, finished by logdir_reap). */
static void finish_previous (logdir *ld)
{
  if (ld->conf.proc == LOGPROC_NONE) { to_archive(ld, "previous", 's') ; enforce_caps(ld) ; return ; }
  ld->procwait = 0 ;
  if (!proc_start(ld)) proc_failed(ld) ;
}

/* The processor ended: commit what it made, or count a failure. */
static void proc_ended (logdir *ld, int wstat)
{
  ld->proc = 0 ;
  if (WIFSIGNALED(wstat)) strerr_warnw2x("processor crashed in ", ld->path) ;
  else if (WEXITSTATUS(wstat)) strerr_warnw2x("processor failed in ", ld->path) ;
  else if (!proc_commit(ld)) strerr_warnwu2sys("commit what the processor made in ", ld->path) ;
  else
  {
    ld->proctries = 0 ;
    remove_in(ld, "previous") ;
    enforce_caps(ld) ;
    return ;
  }
  proc_failed(ld) ;
}

void logdir_reap (logdir *ld)
{
  int wstat ;
  pid_t r ;
  if (!ld->proc) return ;
  r = waitpid(ld->proc, &wstat, WNOHANG) ;
  if (r == ld->proc) proc_ended(ld, wstat) ;
  else if (r < 0 && errno == ECHILD) { ld->proc = 0 ; proc_failed(ld) ; }
  /* what waited for the processor to end: a rotation that came due */
  if (logdir_busy(ld) || ld->fd < 0) return ;
  if (ld->cursize > ld->conf.size - tolerance(ld)) logdir_rotate(ld) ;
}

void logdir_tick (logdir *ld, tain *deadline)
{
  if (!ld->procwait) return ;
  if (!tain_less(&STAMP, &ld->procretry)) { finish_previous(ld) ; return ; }
  if (tain_less(&ld->procretry, deadline)) *deadline = ld->procretry ;
}

int logdir_busy (logdir const *ld)
{
  return ld->proc || ld->procwait ;
}

/* current is as full as it may get and cannot rotate yet: the caller
   stops taking lines (as s6-log -b does) until the processor is done */
int logdir_held (logdir const *ld)
{
  return ld->fd >= 0 && logdir_busy(ld) && ld->cursize > ld->conf.size - tolerance(ld) ;
}

static void open_current (logdir *ld)
{
  struct stat st ;
  while ((ld->fd = open_in(ld, "current", O_WRONLY | O_APPEND | O_CREAT)) < 0
      || fstat(ld->fd, &st) < 0 || fd_chmod(ld->fd, 0644) < 0)
  {
    if (ld->fd >= 0) close(ld->fd) ;
    retry(ld, "open current") ;
  }
  recovered(ld) ;
  ld->cursize = (unsigned long)st.st_size ;
}

/* What a dead logger left: previous (rotation under way) is finished;
   a processed without previous was already committed; a current not
   marked 0744 was being written when the logger died: it is set aside
   as a .u archive, whole, and a new current starts. */
static void recover (logdir *ld)
{
  char fn[4096] ;
  struct stat st ;
  /* the processor runs while the new current is written */
  if (mkpath(fn, sizeof fn, ld->path, "previous") && access(fn, F_OK) == 0) finish_previous(ld) ;
  else if (mkpath(fn, sizeof fn, ld->path, "processed")) unlink(fn) ;
  if (mkpath(fn, sizeof fn, ld->path, "current") && stat(fn, &st) == 0 && st.st_size && !(st.st_mode & S_IXUSR))
    to_archive(ld, "current", 'u') ;
}

int logdir_open (logdir *ld, char const *path, logdir_conf const *conf)
{
  int fd ;
  memset(ld, 0, sizeof *ld) ;
  ld->path = path ; ld->conf = *conf ; ld->fd = -1 ;
  if (!(ld->buf = malloc(LOGDIR_BUF))) { strerr_warnwu2sys("allocate a buffer for ", path) ; return -1 ; }
  if (mkdir(path, 02700) < 0 && errno != EEXIST) { strerr_warnwu2sys("mkdir ", path) ; return -1 ; }
  if ((ld->lockfd = open_in(ld, "lock", O_WRONLY | O_CREAT)) < 0) { strerr_warnwu3sys("open ", path, "/lock") ; return -1 ; }
  switch (fd_lock(ld->lockfd, 1, 1))
  {
    case 1 : break ;
    case 0 :
      strerr_warnw3x("another logger already runs on ", path, " (its lock is taken)") ;
      close(ld->lockfd) ; errno = EBUSY ; return -1 ;
    default :
      strerr_warnwu3sys("lock ", path, "/lock") ; close(ld->lockfd) ; return -1 ;
  }
  if ((fd = open_in(ld, "state", O_RDONLY | O_CREAT)) < 0) { strerr_warnwu3sys("create ", path, "/state") ; close(ld->lockfd) ; return -1 ; }
  close(fd) ;
  recover(ld) ;
  enforce_caps(ld) ;
  open_current(ld) ;
  return 0 ;
}

void logdir_rotate (logdir *ld)
{
  char cur[4096], prev[4096] ;
  logdir_flush(ld) ;
  /* previous is still being processed: current grows past its size
     until then (logdir_reap rotates as soon as it can) */
  if (!ld->cursize || logdir_busy(ld)) return ;
  if (fd_sync(ld->fd) < 0) strerr_warnwu3sys("sync ", ld->path, "/current") ;
  if (fd_chmod(ld->fd, 0744) < 0) strerr_warnwu3sys("chmod ", ld->path, "/current") ;
  close(ld->fd) ; ld->fd = -1 ;
  if (!mkpath(cur, sizeof cur, ld->path, "current") || !mkpath(prev, sizeof prev, ld->path, "previous")) return ;
  while (rename(cur, prev) < 0) retry(ld, "rename current") ;
  open_current(ld) ;
  finish_previous(ld) ;
}

static void write_all (logdir *ld, char const *s, size_t len)
{
  while (len)
  {
    ssize_t w = write(ld->fd, s, len) ;
    if (w < 0)
    {
      if (errno != EINTR) retry(ld, "write to current") ;
      continue ;
    }
    recovered(ld) ;
    s += w ; len -= (size_t)w ;
  }
}

void logdir_flush (logdir *ld)
{
  if (!ld->buflen) return ;
  write_all(ld, ld->buf, ld->buflen) ;
  ld->buflen = 0 ;
}

void logdir_write (logdir *ld, char const *s, size_t len)
{
  unsigned long tol = tolerance(ld) ;
  int busy = logdir_busy(ld) ;
  if (!busy && ld->cursize && ld->cursize + len > ld->conf.size) logdir_rotate(ld) ;
  if (ld->buflen + len > LOGDIR_BUF) logdir_flush(ld) ;
  if (len > LOGDIR_BUF) write_all(ld, s, len) ;
  else { memcpy(ld->buf + ld->buflen, s, len) ; ld->buflen += len ; }
  ld->cursize += (unsigned long)len ;
  if (!busy && ld->cursize > ld->conf.size - tol) logdir_rotate(ld) ;
}

void logdir_close (logdir *ld)
{
  /* TERM: a run under way is stopped; previous stays, and the next
     logger on this directory processes it (recover) */
  if (ld->proc)
  {
    int wstat ;
    kill(ld->proc, SIGKILL) ;
    waitpid(ld->proc, &wstat, 0) ;
    ld->proc = 0 ;
  }
  if (ld->fd >= 0)
  {
    logdir_flush(ld) ;
    if (fd_sync(ld->fd) < 0) strerr_warnwu3sys("sync ", ld->path, "/current") ;
    if (fd_chmod(ld->fd, 0744) < 0) strerr_warnwu3sys("chmod ", ld->path, "/current") ;
    close(ld->fd) ;
    ld->fd = -1 ;
  }
  if (ld->lockfd >= 0) close(ld->lockfd) ;
  ld->lockfd = -1 ;
  free(ld->buf) ;
  ld->buf = 0 ;
}
