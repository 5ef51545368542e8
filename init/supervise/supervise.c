/* s6-supervise NAME: one supervisor per service directory [V1][V2][V3],
   speaking s6 2.11's protocol so that s6's tools and bosun's drive it.
     - cwd = NAME; supervise/lock held for life (a second supervisor exits
       100), supervise/control fifo, event/ fifodir, supervise/status
       rewritten at every change;
     - ./run in a new session, restarted while wanted up, at least one
       second between spawns (so a service that ran for more than a second
       restarts at once); ./finish after each death, bounded by
       timeout-finish, exit 125 = do not restart;
     - events: s at start, u at spawn, U at readiness, d at death, D when
       down and finish done, x at exit.
     - [V7] a re-spawn after a killed supervisor keeps the wanted state
       and stops the old child (orphan.h); only a first start reads ./down.
   One iopause loop over the selfpipe, the control fifo and the
   notification pipe, with one deadline (restart pacing, timeout-kill,
   timeout-finish): it never spins. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "dtally.h"
#include "fifodir.h"
#include "orphan.h"
#include "svconf.h"
#include "svspawn.h"
#include "svenv.h"
#include "svstatus.h"

enum svstate { SV_DOWN, SV_UP, SV_FINISH, SV_WAIT } ;

typedef struct sv_s sv ;
struct sv_s
{
  char const *name ;
  int keepstdin ;          /* a logger's or a consumer's: ./run reads the supervisor's stdin */
  char const *const *envp ;
  svconf conf ;
  svstatus st ;
  enum svstate state ;
  pid_t pid ;              /* ./run, or ./finish in SV_FINISH */
  pid_t runpgid ;          /* the session of the last ./run */
  int notif ;              /* read end of the notification pipe, or -1 */
  int control ;
  int exiting ;
  int killarmed ;          /* deadline is timeout-kill's */
  tain deadline ;
  tain lastspawn ;
  uint64_t spawns ;
  orphan_rec rec ;         /* this tree and the child last started [V7] */
  stralloc modifs ;
} ;

static void sv_event (char ev)
{
  if (!fifodir_notify("event", &ev, 1) && errno != ENOENT)
    strerr_warnwu("send an event to event/") ;
}

static void sv_write_status (sv *s)
{
  if (!svstatus_write(".", &s->st))
    strerr_warnwusys("write supervise/status of service ", s->name) ;
}

/* [V7] what a supervisor started next must find if this one is killed */
static void sv_record (sv *s, pid_t pid, char kind)
{
  if (!orphan_write(&s->rec, pid, kind))
    strerr_warnwusys("write " ORPHAN_FILE " of service ", s->name) ;
}

static void sv_set_wantup (sv *s, int up)
{
  if (up) s->st.flags |= SVSTATUS_WANTUP ;
  else s->st.flags &= (unsigned char)~SVSTATUS_WANTUP ;
}

static int sv_wantup (sv const *s)
{
  return !!(s->st.flags & SVSTATUS_WANTUP) ;
}

/* env/env (a file) or env/ (an envdir) [E1]. 0: malformed, already said. */
static int sv_load_env (sv *s)
{
  s->modifs.len = 0 ;
  return svenv_load(s->name, &s->modifs) ;
}

static void sv_wait_then_spawn (sv *s)
{
  tain_addsec(&s->deadline, &s->lastspawn, 1) ;
  s->killarmed = 0 ;
  s->state = SV_WAIT ;
}

/* [E2]: an environment that cannot be read fails this start for good,
   like a run that cannot be executed, but said once: retrying every
   second would print the same message forever and hold the boot (the rc
   engine waits for up). The O event tells waiters; s6-svc -u tries again. */
static void sv_env_failed (sv *s)
{
  sv_set_wantup(s, 0) ;
  s->state = SV_DOWN ;
  s->st.wstat = 126 << 8 ;
  s->st.stamp = STAMP ;
  sv_write_status(s) ;
  sv_event('O') ;
}

static void sv_spawn (sv *s)
{
  tain next ;
  int p[2] = { -1, -1 } ;
  svspawn sp = { .name = s->name, .keepstdin = s->keepstdin, .envp = s->envp } ;
  tain_addsec(&next, &s->lastspawn, 1) ;
  if (tain_less(&STAMP, &next)) { sv_wait_then_spawn(s) ; return ; }
  s->lastspawn = STAMP ;
  svconf_read(&s->conf, s->name) ;
  if (!sv_load_env(s)) { sv_env_failed(s) ; return ; }
  sp.modifs = s->modifs.s ; sp.modiflen = s->modifs.len ;
  if (s->conf.notif_fd >= 0 && pipenbcoe(p) < 0)
  {
    strerr_warnwusys("create the notification pipe of service ", s->name) ;
    p[0] = p[1] = -1 ;
  }
  s->pid = svspawn_run(&sp, p[1], s->conf.notif_fd) ;
  if (p[1] >= 0) fd_close(p[1]) ;
  if (s->pid < 0)
  {
    strerr_warnwusys("fork for service ", s->name) ;
    if (p[0] >= 0) fd_close(p[0]) ;
    s->pid = 0 ;
    sv_wait_then_spawn(s) ;
    return ;
  }
  sv_record(s, s->pid, 'r') ;
  s->notif = p[0] ;
  s->runpgid = s->pid ;
  s->state = SV_UP ;
  s->killarmed = 0 ;
  s->st.pid = (uint64_t)s->pid ;
  s->st.stamp = STAMP ;
  s->st.flags &= (unsigned char)~(SVSTATUS_READY | SVSTATUS_PAUSED | SVSTATUS_FINISHING) ;
  if (s->spawns++ && !svstatus_restarts_write(".", s->spawns - 1))
    strerr_warnwusys("write supervise/bosun-restarts of service ", s->name) ;
  sv_write_status(s) ;
  sv_event('u') ;
}

static void sv_exit (sv *s)
{
  sv_write_status(s) ;
  sv_event('x') ;
  _exit(0) ;
}

/* down and finished: what next */
static void sv_down_done (sv *s)
{
  s->state = SV_DOWN ;
  s->pid = 0 ;
  s->killarmed = 0 ;
  s->st.flags &= (unsigned char)~SVSTATUS_FINISHING ;
  s->st.flags |= SVSTATUS_READY ;
  s->st.readystamp = STAMP ;
  sv_write_status(s) ;
  sv_event('D') ;
  if (s->exiting) sv_exit(s) ;
  if (sv_wantup(s)) sv_spawn(s) ;
}

static void sv_close_notif (sv *s)
{
  if (s->notif >= 0) fd_close(s->notif) ;
  s->notif = -1 ;
}

static void sv_run_died (sv *s, int wstat)
{
  sv_close_notif(s) ;
  s->st.pid = 0 ;
  s->st.wstat = (uint16_t)wstat ;
  s->st.stamp = STAMP ;
  s->st.flags &= (unsigned char)~(SVSTATUS_READY | SVSTATUS_PAUSED) ;
  if (!dtally_append(&STAMP, wstat, s->conf.max_death_tally))
    strerr_warnwusys("write supervise/death_tally of service ", s->name) ;
  sv_event('d') ;
  if (access("finish", F_OK) == 0)
  {
    svspawn sp = { .name = s->name, .keepstdin = s->keepstdin, .envp = s->envp,
                   .modifs = s->modifs.s, .modiflen = s->modifs.len } ;
    pid_t pid = svspawn_finish(&sp, wstat, s->runpgid) ;
    if (pid > 0)
    {
      sv_record(s, pid, 'f') ;
      s->pid = pid ;
      s->state = SV_FINISH ;
      s->st.flags |= SVSTATUS_FINISHING ;
      s->killarmed = 0 ;
      if (s->conf.timeout_finish)
      {
        tain t ;
        tain_from_millisecs(&t, (int)s->conf.timeout_finish) ;
        tain_add_g(&s->deadline, &t) ;
      }
      else s->deadline = tain_infinite ;
      sv_write_status(s) ;
      return ;
    }
    strerr_warnwusys("fork ./finish for service ", s->name) ;
  }
  sv_down_done(s) ;
}

static void sv_finish_died (sv *s, int wstat)
{
  /* finish exiting 125 means: this service must not be restarted [V2];
     the O event, as s6-supervise sends it, ends the waits for up
     (s6-svwait, the legacy stage) with a failure instead of forever */
  if (WIFEXITED(wstat) && WEXITSTATUS(wstat) == 125)
  {
    sv_set_wantup(s, 0) ;
    sv_write_status(s) ;
    sv_event('O') ;
  }
  sv_down_done(s) ;
}

static void sv_reap (sv *s)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) return ;
    if (pid != s->pid) continue ;
    if (s->state == SV_UP) sv_run_died(s, wstat) ;
    else if (s->state == SV_FINISH) sv_finish_died(s, wstat) ;
  }
}

static void sv_kill (sv const *s, int sig)
{
  if (s->state == SV_UP && s->pid > 0 && kill(s->pid, sig) < 0 && errno != ESRCH)
    strerr_warnwusys("signal service ", s->name) ;
}

/* the down signal, then CONT so that a stopped process gets it too, then
   KILL after timeout-kill if it is still there */
static void sv_bring_down (sv *s)
{
  if (s->state != SV_UP) return ;
  sv_kill(s, s->conf.down_signal) ;
  sv_kill(s, SIGCONT) ;
  if (s->conf.timeout_kill && !s->killarmed)
  {
    tain t ;
    tain_from_millisecs(&t, (int)s->conf.timeout_kill) ;
    tain_add_g(&s->deadline, &t) ;
    s->killarmed = 1 ;
  }
}

static void sv_want_down (sv *s)
{
  sv_set_wantup(s, 0) ;
  if (s->state == SV_WAIT) s->state = SV_DOWN ;
  sv_bring_down(s) ;
}

static void sv_want_exit (sv *s)
{
  s->exiting = 1 ;
  if (s->state == SV_DOWN || s->state == SV_WAIT) sv_exit(s) ;
}

static int sv_command_signal (char c)
{
  switch (c)
  {
    case 'a' : return SIGALRM ;
    case 'b' : return SIGABRT ;
    case 'q' : return SIGQUIT ;
    case 'h' : return SIGHUP ;
    case 'k' : return SIGKILL ;
    case 't' : return SIGTERM ;
    case 'i' : return SIGINT ;
    case '1' : return SIGUSR1 ;
    case '2' : return SIGUSR2 ;
    case 'p' : return SIGSTOP ;
    case 'c' : return SIGCONT ;
    case 'y' : return SIGWINCH ;
    default : return 0 ;
  }
}

/* one byte of the control fifo, with s6-svc's meaning [V3][V4] */
static void sv_command (sv *s, char c)
{
  int sig = sv_command_signal(c) ;
  if (sig)
  {
    sv_kill(s, sig) ;
    if (s->state == SV_UP && c == 'p') s->st.flags |= SVSTATUS_PAUSED ;
    if (c == 'c') s->st.flags &= (unsigned char)~SVSTATUS_PAUSED ;
    return ;
  }
  switch (c)
  {
    case 'u' :
      sv_set_wantup(s, 1) ;
      if (s->state == SV_DOWN) sv_spawn(s) ;
      break ;
    case 'd' : sv_want_down(s) ; break ;
    case 'o' :   /* once: start it if down, never restart it */
      if (s->state == SV_DOWN) sv_spawn(s) ;
      sv_set_wantup(s, 0) ;
      if (s->state == SV_WAIT) s->state = SV_DOWN ;
      break ;
    case 'O' :   /* do not restart it when it dies, do not start it */
      sv_set_wantup(s, 0) ;
      if (s->state == SV_WAIT) s->state = SV_DOWN ;
      break ;
    case 'r' :   /* restart: bring it down, it comes back up */
      sv_set_wantup(s, 1) ;
      sv_bring_down(s) ;
      break ;
    case 'x' : case 'X' : sv_want_exit(s) ; break ;
    default : break ;
  }
}

static void sv_read_control (sv *s)
{
  char buf[64] ;
  for (;;)
  {
    ssize_t r = fd_read(s->control, buf, sizeof(buf)) ;
    if (r <= 0) break ;
    for (ssize_t i = 0 ; i < r ; i++) sv_command(s, buf[i]) ;
  }
  sv_write_status(s) ;
}

/* readiness: a newline on the notification pipe [V1]; EOF without one
   means the service gave up notifying, it stays up but not ready */
static void sv_read_notif (sv *s)
{
  char buf[512] ;
  ssize_t r = fd_read(s->notif, buf, sizeof(buf)) ;
  if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return ;
  if (r > 0 && !memchr(buf, '\n', (size_t)r)) return ;
  sv_close_notif(s) ;
  if (r <= 0) return ;
  s->st.flags |= SVSTATUS_READY ;
  s->st.readystamp = STAMP ;
  sv_write_status(s) ;
  sv_event('U') ;
}

static void sv_deadline (sv *s)
{
  if (s->state == SV_WAIT) sv_spawn(s) ;
  else if (s->state == SV_UP && s->killarmed)
  {
    char fmt[UINT_FMT] ;
    fmt[uint_fmt(fmt, s->conf.timeout_kill)] = 0 ;
    strerr_warnw("service ", s->name, " still up ", fmt, " ms after its down signal (timeout-kill), sending SIGKILL") ;
    s->killarmed = 0 ;
    sv_kill(s, SIGKILL) ;
  }
  else if (s->state == SV_FINISH)
  {
    char fmt[UINT_FMT] ;
    fmt[uint_fmt(fmt, s->conf.timeout_finish)] = 0 ;
    strerr_warnw("finish of service ", s->name, " still running after ", fmt, " ms (timeout-finish), sending SIGKILL") ;
    if (kill(s->pid, SIGKILL) < 0 && errno != ESRCH) strerr_warnwusys("kill finish of service ", s->name) ;
    s->deadline = tain_infinite ;
  }
}

/* SIGTERM and SIGQUIT: like s6-svc -dx; SIGHUP: like -x; SIGINT: INT to
   the service's process group first, then like -dx */
static void sv_signals (sv *s)
{
  for (;;)
  {
    int sig = selfpipe_read() ;
    switch (sig)
    {
      case -1 : strerr_warnwusys("read the selfpipe") ; return ;
      case 0 : return ;
      case SIGCHLD : sv_reap(s) ; break ;
      case SIGINT :
        if (s->state == SV_UP) kill(-s->runpgid, SIGINT) ;
        sv_want_down(s) ; sv_want_exit(s) ; sv_write_status(s) ; break ;
      case SIGTERM : case SIGQUIT :
        sv_want_down(s) ; sv_want_exit(s) ; sv_write_status(s) ; break ;
      case SIGHUP : sv_want_exit(s) ; break ;
      default : break ;
    }
  }
}

static int sv_has_deadline (sv const *s)
{
  return s->state == SV_WAIT || s->state == SV_FINISH || (s->state == SV_UP && s->killarmed) ;
}

static void sv_loop (sv *s, int sfd)
{
  for (;;)
  {
    iopause_fd x[3] ;
    unsigned int n = 2 ;
    int r ;
    x[0].fd = sfd ; x[0].events = IOPAUSE_READ ;
    x[1].fd = s->control ; x[1].events = IOPAUSE_READ ;
    if (s->notif >= 0) { x[2].fd = s->notif ; x[2].events = IOPAUSE_READ ; n = 3 ; }
    r = iopause_g(x, n, sv_has_deadline(s) ? &s->deadline : 0) ;
    if (r < 0) strerr_diefusys(111, "iopause") ;
    if (r)
    {
      /* commands first: one sent before a death applies to it (the
         scanner's "x" to a logger or a consumer, which then reads end of
         file, must keep it from being restarted) */
      if (x[1].revents & IOPAUSE_READ) sv_read_control(s) ;
      if (x[0].revents & IOPAUSE_READ) sv_signals(s) ;
      if (n == 3 && s->notif == x[2].fd && x[2].revents & IOPAUSE_READ) sv_read_notif(s) ;
    }
    /* checked even when fds were ready, so that no deadline starves */
    if (sv_has_deadline(s) && !tain_future(&s->deadline)) sv_deadline(s) ;
  }
}

static void sv_lock (char const *name)
{
  int fd = open("supervise/lock", O_WRONLY | O_CREAT | O_CLOEXEC, 0644) ;
  int r ;
  if (fd < 0) strerr_diefusys(111, "open ", name, "/supervise/lock") ;
  r = fd_lock(fd, 1, 1) ;
  if (r < 0) strerr_diefusys(111, "lock ", name, "/supervise/lock") ;
  if (!r) strerr_dief(100, "another supervisor already runs on ", name, ", not starting a second one: control the running one with s6-svc") ;
}

/* the fifo plus a write end of our own, so that it never reads EOF */
static int sv_control_open (char const *name)
{
  int fd ;
  if (mkfifo("supervise/control", 0600) < 0 && errno != EEXIST)
    strerr_diefusys(111, "mkfifo ", name, "/supervise/control") ;
  fd = open("supervise/control", O_RDONLY | O_NONBLOCK | O_CLOEXEC) ;
  if (fd < 0) strerr_diefusys(111, "open ", name, "/supervise/control") ;
  if (open("supervise/control", O_WRONLY | O_NONBLOCK | O_CLOEXEC) < 0)
    strerr_diefusys(111, "open ", name, "/supervise/control for writing") ;
  return fd ;
}

static void sv_setup_dirs (char const *name)
{
  if (chdir(name) < 0) strerr_diefusys(111, "chdir to ", name) ;
  if (mkdir("supervise", 0700) < 0 && errno != EEXIST)
    strerr_diefusys(111, "mkdir ", name, "/supervise") ;
  sv_lock(name) ;
  if (!fifodir_make("event")) strerr_diefusys(111, "create ", name, "/event") ;
  {
    int fd = open(DTALLY_FILE, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) ;
    if (fd < 0) strerr_warnwusys("create ", name, "/" DTALLY_FILE) ;
    else fd_close(fd) ;
  }
}

static int sv_trap_signals (void)
{
  sigset_t set ;
  int fd ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGCHLD) ; sigaddset(&set, SIGTERM) ; sigaddset(&set, SIGQUIT) ;
  sigaddset(&set, SIGHUP) ; sigaddset(&set, SIGINT) ;
  fd = selfpipe_init() ;
  if (fd < 0 || !selfpipe_trapset(&set)) strerr_diefusys(111, "trap signals") ;
  /* a fifodir listener that goes away must not kill us */
  sig_ignore(SIGPIPE) ;
  return fd ;
}

/* a logger is NAME/log (or log): its stdin is the pipe from its service */
static int sv_is_logger (char const *name)
{
  size_t len = strlen(name) ;
  while (len > 1 && name[len - 1] == '/') len-- ;
  return (len == 3 || (len > 3 && name[len - 4] == '/')) && !strncmp(name + len - 3, "log", 3) ;
}

/* A pipe on stdin is what the scanner gives a consumer of a pipeline [R6]
   (every other service gets /dev/null from it, as run does from here) */
static int sv_stdin_is_pipe (void)
{
  struct stat st ;
  return !fstat(0, &st) && S_ISFIFO(st.st_mode) ;
}

/* [V7] A re-spawn in the same tree (the previous supervisor was killed)
   keeps the state the service was wanted in, from the old status file,
   and stops the old child if it still runs; a first start obeys ./down. */
static void sv_take_over (sv *s)
{
  orphan_rec old ;
  svstatus oldst ;
  int again ;
  orphan_here(&s->rec) ;
  again = orphan_read(&old) && orphan_same_tree(&old, &s->rec) && svstatus_read(".", &oldst) ;
  if (again)
  {
    pid_t pid = orphan_alive(&old) ;
    uint64_t restarts ;
    if (pid) orphan_stop(s->name, pid, old.kind == 'r', s->conf.down_signal, s->conf.timeout_kill) ;
    if (svstatus_restarts_read(".", &restarts)) s->spawns = restarts + 1 ;
  }
  sv_record(s, 0, '-') ;
  s->st.stamp = s->st.readystamp = STAMP ;
  s->st.flags = SVSTATUS_READY ;
  if (again ? !!(oldst.flags & SVSTATUS_WANTUP) : access("down", F_OK) < 0) sv_set_wantup(s, 1) ;
  if (!again && !svstatus_restarts_write(".", 0)) strerr_warnwusys("write supervise/bosun-restarts of service ", s->name) ;
}

int s6_supervise_main (int argc, char const *const *argv, char const *const *envp)
{
  sv s = { .notif = -1, .control = -1, .state = SV_DOWN, .st = SVSTATUS_ZERO,
           .lastspawn = TAIN_ZERO, .deadline = TAIN_INFINITE, .modifs = STRALLOC_ZERO } ;
  int sfd ;
  PROG = "bosun: supervise" ;
  if (argc < 2 || !argv[1][0]) strerr_dieusage(100, "s6-supervise SERVICEDIR") ;
  s.name = argv[1] ;
  s.keepstdin = sv_is_logger(s.name) || sv_stdin_is_pipe() ;
  s.envp = envp ;
  sv_setup_dirs(s.name) ;
  s.control = sv_control_open(s.name) ;
  sfd = sv_trap_signals() ;
  tain_now_set_stopwatch_g() ;
  svconf_read(&s.conf, s.name) ;
  sv_take_over(&s) ;
  sv_write_status(&s) ;
  sv_event('s') ;
  if (sv_wantup(&s)) sv_spawn(&s) ;
  sv_loop(&s, sfd) ;
  return 111 ;
}
