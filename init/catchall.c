/* The catch-all logger: see catchall.h. Why PID 1 holds the pipe rather
   than the logger owning it: a logger killed with SIGKILL is respawned on
   the same read end, so what was written meanwhile waits in the pipe
   instead of being lost, and writers never get EPIPE. The cost: while the
   logger is stuck (a full disk) the pipe fills and every writer, PID 1's
   own warnings included, waits for it, as under s6-linux-init. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "account.h"
#include "catchall.h"
#include "log/logwords.h"
#include "s6var.h"
#include "spawn.h"
#include "dirfd.h"

#define READY_MS 5000
#define QUICK_DEATH_MS 1000
#define QUICK_DEATHS_MAX 5

/* The first t and T words of S6_LOGGING_SCRIPT pick the stamps [contract
   s.10]; unset means its default, whose T gives ISO 8601 stamps. */
static void read_stamps (catchall *ca, char const *const *envp)
{
  char const *script = env_get2(envp, "S6_LOGGING_SCRIPT") ;
  size_t len ;
  if (!script) script = LOGWORDS_DEFAULT ;
  len = strlen(script) ;
  {
    char buf[len + 1] ;
    char const *words[len / 2 + 1] ;
    int n ;
    memcpy(buf, script, len + 1) ;
    n = logwords_split(buf, words, len / 2 + 1) ;
    if (n < 0)
    {
      strerr_warnw("S6_LOGGING_SCRIPT has an unterminated double quote, the catch-all logger uses ISO 8601 stamps: fix the quotes") ;
      ca->stamps[0] = "T" ; ca->nstamps = 1 ;
      return ;
    }
    ca->nstamps = (unsigned int)logwords_stamps(words, (size_t)n, ca->stamps) ;
  }
}

/* S6_CATCHALL_USER: a user name, or uid:gid for images without
   /etc/passwd. As in s6-overlay it only applies when the container runs
   as root; a user that does not exist is fatal, since the logs would
   otherwise belong to someone the image did not ask for. */
static void read_user (catchall *ca, char const *const *envp)
{
  char const *user = env_get2(envp, "S6_CATCHALL_USER") ;
  int r ;
  if (!user || !*user || geteuid()) return ;
  if (strchr(user, ':'))
  {
    gid_t list[1] ;
    size_t n ;
    r = account_triple_scan(user, &ca->uid, &ca->gid, list, 1, &n) ;
  }
  else r = account_user(user, &ca->uid, &ca->gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find S6_CATCHALL_USER=", user) ;
  if (!r) strerr_dief(100, "S6_CATCHALL_USER=", user, " is not a user of this image: add it to /etc/passwd, give a numeric uid:gid, or unset S6_CATCHALL_USER") ;
  ca->setuser = 1 ;
}

/* argv of the logger: s6-log -bp [-d3] -- [1] [t] [T] DIR. -p: the
   sweep's TERM is not for it; it ends at end of file. After a crash loop,
   only the copy to stderr, which needs no directory. */
static pid_t logger_spawn (catchall *ca, int notif)
{
  static char const *const noenv[1] = { 0 } ;
  char const *argv[9] ;
  unsigned int n = 0 ;
  pid_t pid ;
  int fallback = ca->quickdeaths >= QUICK_DEATHS_MAX ;
  argv[n++] = "s6-log" ; argv[n++] = "-bp" ;
  if (notif >= 0) argv[n++] = "-d3" ;
  argv[n++] = "--" ;
  if (ca->mode == 1 || fallback) argv[n++] = "1" ;
  if (!fallback)
  {
    for (unsigned int i = 0 ; i < ca->nstamps ; i++) argv[n++] = ca->stamps[i] ;
    argv[n++] = CATCHALL_DIR ;
  }
  argv[n] = 0 ;
  {
    /* the pipe on 0, the container's stderr on 1 (the copy of mode 1) and
       on 2 (the logger's own messages must not feed its input), the
       readiness pipe on 3; nothing else */
    int fds[4] = { ca->rfd, ca->saved[1], ca->saved[1], notif } ;
    spawn sp = SPAWN_ZERO ;
    sp.who = "catch-all logger" ; sp.level = "fatal" ;
    sp.argv = argv ; sp.envp = noenv ; sp.cwd = "/" ;
    sp.fds = fds ; sp.nfds = notif >= 0 ? 4 : 3 ;
    sp.flags = SPAWN_SESSION | SPAWN_CLOSEFROM | (ca->setuser ? SPAWN_ACCOUNT : 0) ;
    sp.uid = ca->uid ; sp.gid = ca->gid ;
    sp.file = ca->self ;   /* this very binary, by its path, named s6-log */
    pid = spawn_start(&sp) ;
  }
  if (pid < 0) { strerr_warnwusys("fork the catch-all logger") ; return 0 ; }
  tain_now_g() ;
  ca->started = STAMP ;
  return pid ;
}

/* [B6]: nothing else starts before the logger has opened its directory;
   bounded, since the lines would wait in the pipe anyway. */
static void wait_ready (int fd)
{
  iopause_fd x = { .fd = fd, .events = IOPAUSE_READ } ;
  tain deadline ;
  char c ;
  tain_from_millisecs(&deadline, READY_MS) ;
  tain_now_g() ;
  tain_add_g(&deadline, &deadline) ;
  for (;;)
  {
    int r = iopause_g(&x, 1, &deadline) ;
    if (r < 0 && errno == EINTR) continue ;
    if (r > 0 && read(fd, &c, 1) == 1) return ;
    break ;
  }
  strerr_warnw("the catch-all logger is not ready after 5 seconds, going on: check " CATCHALL_DIR " and its owner") ;
}

static void make_dir (catchall const *ca)
{
  /* on a directory fd: a link planted in a shared /run is refused, never
     followed by the change of owner (dirfd.h) */
  int fd = dirfd_make_path(CATCHALL_DIR, 02750) ;
  if (fd < 0) strerr_diefusys(111, "create " CATCHALL_DIR " (a directory, not a link)") ;
  if (ca->setuser && dirfd_chown(fd, ca->uid, ca->gid) < 0)
    strerr_diefusys(111, "give " CATCHALL_DIR " to S6_CATCHALL_USER") ;
  close(fd) ;
}

/* The container's stdout and stderr, for the CMD with S6_CMD_USE_TERMINAL:
   stage 2 is a fork of PID 1 and has no catchall of its own to ask. */
static int container_fds[2] = { -1, -1 } ;

void catchall_cmd_terminal (void)
{
  if (container_fds[0] < 0) return ;
  if (dup2(container_fds[0], 1) < 0 || dup2(container_fds[1], 2) < 0)
    strerr_warnwusys("give the CMD the container's stdout and stderr (S6_CMD_USE_TERMINAL)") ;
}

/* fds 1 and 2 become the pipe; the originals are kept, close-on-exec,
   for the logger's copy and for the end. */
static void take_fds (catchall *ca)
{
  for (int i = 0 ; i < 2 ; i++)
  {
    ca->saved[i] = fcntl(i + 1, F_DUPFD_CLOEXEC, 3) ;
    /* a container started with its stdout closed gets /dev/null there */
    if (ca->saved[i] < 0) ca->saved[i] = open("/dev/null", O_WRONLY | O_CLOEXEC) ;
    if (ca->saved[i] < 0) strerr_diefusys(111, "keep the container's stdout and stderr") ;
    container_fds[i] = ca->saved[i] ;
  }
}

void catchall_start (catchall *ca, char const *const *envp, char const *self)
{
  int notif[2] ;
  unsigned int mode = s6var_uint(envp, "S6_LOGGING", 0, 0xffffffffU) ;
  ca->pid = 0 ; ca->rfd = ca->wfd = -1 ; ca->self = self ; ca->quickdeaths = 0 ;
  ca->setuser = 0 ;
  /* as s6-overlay: only 1 and 2 mean a logger */
  ca->mode = mode == 1 || mode == 2 ? mode : 0 ;
  if (!ca->mode) return ;
  read_stamps(ca, envp) ;
  read_user(ca, envp) ;
  make_dir(ca) ;
  {
    int p[2] ;
    take_fds(ca) ;
    if (pipecoe(p) < 0) strerr_diefusys(111, "create the catch-all logger's pipe") ;
    ca->rfd = p[0] ; ca->wfd = p[1] ;
  }
  if (pipecoe(notif) < 0) strerr_diefusys(111, "create the catch-all logger's readiness pipe") ;
  ca->pid = logger_spawn(ca, notif[1]) ;
  close(notif[1]) ;
  if (!ca->pid) strerr_dief(111, "start the catch-all logger") ;
  wait_ready(notif[0]) ;
  close(notif[0]) ;
  if (dup2(ca->wfd, 1) < 0 || dup2(ca->wfd, 2) < 0) strerr_diefusys(111, "send fds 1 and 2 to the catch-all logger") ;
}

int catchall_reaped (catchall *ca, pid_t pid)
{
  tain quick ;
  if (!ca->pid || pid != ca->pid) return 0 ;
  ca->pid = 0 ;
  if (ca->wfd < 0) return 1 ;          /* finishing: it was meant to end */
  /* a logger that keeps dying at once (a directory it cannot write) is
     replaced by a plain copy to stderr, so the pipe never stays full */
  tain_from_millisecs(&quick, QUICK_DEATH_MS) ;
  tain_add(&quick, &ca->started, &quick) ;
  tain_now_g() ;
  if (tain_less(&STAMP, &quick)) ca->quickdeaths++ ; else ca->quickdeaths = 0 ;
  if (ca->quickdeaths == QUICK_DEATHS_MAX)
    strerr_warnw("the catch-all logger keeps dying: its lines now go to the container's stderr only, check " CATCHALL_DIR) ;
  ca->pid = logger_spawn(ca, -1) ;
  return 1 ;
}

pid_t catchall_pid (catchall const *ca)
{
  return ca->pid ;
}

/* [S6]: every other process is gone; once PID 1's write ends are closed
   the logger reads end of file, writes what is left and exits. */
void catchall_finish (catchall *ca, int selfpipe, unsigned int ms)
{
  iopause_fd x = { .fd = selfpipe, .events = IOPAUSE_READ } ;
  tain deadline ;
  if (!ca->mode) return ;
  if (dup2(ca->saved[0], 1) < 0 || dup2(ca->saved[1], 2) < 0)
    strerr_warnwusys("give fds 1 and 2 back to the container") ;
  fd_close(ca->wfd) ; ca->wfd = -1 ;
  fd_close(ca->rfd) ; ca->rfd = -1 ;
  tain_from_millisecs(&deadline, (int)ms) ;
  tain_now_g() ;
  tain_add_g(&deadline, &deadline) ;
  while (ca->pid)
  {
    int wstat ;
    pid_t r = waitpid(ca->pid, &wstat, WNOHANG) ;
    if (r == ca->pid || (r < 0 && errno == ECHILD)) { ca->pid = 0 ; break ; }
    if (!tain_future(&deadline))
    {
      strerr_warnw("the catch-all logger has not finished writing " CATCHALL_DIR " in time, exiting anyway") ;
      break ;
    }
    if (iopause_g(&x, 1, &deadline) > 0) while (selfpipe_read() > 0) ;
  }
}
