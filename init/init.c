/* /init: the container's PID 1 (or a child subreaper when something else is
   PID 1 [B1]). What it does, in order:
     1. stage 1: wait for the manager's go [B2], prepare /run [B3], save the
        environment [B4], build the children's environment [B5];
     2. start the scanner on /run/service [B6], then stage 2 in a child,
        which ends by becoming the CMD [X1];
     3. loop: reap every child and orphan [I3], re-spawn supervisors, turn
        signals [S2] and halt requests [S1] into a shutdown, note the CMD's
        exit status [X2];
     4. shutdown: the rc engine brings every active service down in
        reverse dependency order (cont-finish.d and services.d included)
        [S3], then whatever the tree still runs goes down (bounded by
        S6_SERVICES_GRACETIME), then the loggers [S6], then TERM (and CONT)
        to every process, KILL after S6_KILL_GRACETIME, stop waiting as
        soon as none is left [S4];
     5. exit with the exitcode file's status (contract s.6).
   PID 1 never exits before step 5: every error in the loop is a warning. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "catchall.h"
#include "config.h"
#include "control.h"
#include "exitcode.h"
#include "paths.h"
#include "scanner.h"
#include "stages.h"

/* KILL's own bound when S6_KILL_GRACETIME is shorter: time for the kernel
   to end what it was told to */
#define SWEEP_KILL_MIN_MS 1000

enum phase { RUNNING, RC_DOWN, SERVICES_DOWN, LOGGERS_DOWN, SWEEP_TERM, SWEEP_KILL, DONE } ;

struct init_state
{
  config cfg ;
  int ispid1 ;
  enum phase phase ;
  tain deadline ;
  pid_t stage2 ;       /* stage 2, then the CMD: the same process */
  int report ;         /* stage 2's report pipe, -1 once closed */
  int cmd_running ;    /* stage 2 has become the CMD */
  char stage2_step ;   /* where stage 2 said it was; STAGE2_REPORT_CMD once
                          a death is the CMD's own */
  int control ;        /* the halt fifo */
  int selfpipe ;
  scanner sc ;
  pid_t rcdown ;       /* the stage 3 runner of the rc engine */
  unsigned int repass_ms ; /* SWEEP_KILL: the next pass, if no child dies first */
  tain repass ;
  char const *const *childenv ;
  catchall ca ;        /* S6_LOGGING's logger [S6] */
  exitcode_keeper code ; /* [X2] */
} ;

static void deadline_in (struct init_state *st, unsigned int ms)
{
  tain d ;
  tain_from_millisecs(&d, (int)ms) ;
  tain_add_g(&st->deadline, &d) ;
}

/* The steps of the shutdown, each ended by its condition or its deadline:
   services down, loggers down, then the sweep. */
static void phase_enter (struct init_state *st, enum phase phase)
{
  st->phase = phase ;
  switch (phase)
  {
    case RC_DOWN :
      st->rcdown = stage3_rc_spawn(&st->cfg, st->childenv) ;
      break ;
    case SERVICES_DOWN :
      scanner_stop_services(&st->sc) ;
      deadline_in(st, st->cfg.services_gracetime) ;
      break ;
    case LOGGERS_DOWN :
      scanner_stop_loggers(&st->sc) ;
      deadline_in(st, 3000) ;
      break ;
    case SWEEP_TERM :
      stage3_signal_all(SIGTERM, st->ispid1, catchall_pid(&st->ca)) ;
      stage3_signal_all(SIGCONT, st->ispid1, catchall_pid(&st->ca)) ;
      deadline_in(st, st->cfg.kill_gracetime) ;
      break ;
    case SWEEP_KILL :
      /* KILL cannot be caught; only a process stuck in the kernel survives
         it, and the container must end anyway. The pass is repeated
         (sweep_again) for what was forked while /proc was walked [I4]. */
      stage3_signal_all(SIGKILL, st->ispid1, catchall_pid(&st->ca)) ;
      deadline_in(st, st->cfg.kill_gracetime > SWEEP_KILL_MIN_MS ? st->cfg.kill_gracetime : SWEEP_KILL_MIN_MS) ;
      st->repass_ms = 1 ;
      tain_copynow(&st->repass) ;
      break ;
    default : break ;
  }
}

/* [I4]: a second stop signal while stage 3 runs skips to the final
   sweep; the supervisors are told to exit and the loggers' pipes are
   closed first, so that nothing the sweep ends is re-spawned. */
static void skip_to_sweep (struct init_state *st)
{
  if (st->phase >= SWEEP_TERM) return ;
  strerr_warnw("a second stop signal during the shutdown, skipping to the final TERM and KILL: what was still stopping gets TERM now") ;
  scanner_stop_services(&st->sc) ;
  scanner_stop_loggers(&st->sc) ;
  phase_enter(st, SWEEP_TERM) ;
}

static void phase_advance (struct init_state *st)
{
  if (st->phase == RC_DOWN && !st->rcdown) phase_enter(st, SERVICES_DOWN) ;
  if (st->phase == SERVICES_DOWN && !scanner_running(&st->sc, 0)) phase_enter(st, LOGGERS_DOWN) ;
  if (st->phase == LOGGERS_DOWN && !scanner_running(&st->sc, 1)) phase_enter(st, SWEEP_TERM) ;
}

/* Every trigger of [S1] ends here. code >= 0 is written to the exitcode
   file first (the CMD's status; 130 for INT); later writers may still
   change it. */
static void shutdown_begin (struct init_state *st, int code)
{
  if (st->phase != RUNNING) return ;
  if (code >= 0) exitcode_keep(&st->code, (unsigned int)code) ;
  /* [S5]: stage 2 may still be booting; what it started is swept later */
  if (st->stage2 && !st->cmd_running) kill(st->stage2, SIGTERM) ;
  phase_enter(st, RC_DOWN) ;
  phase_advance(st) ;
}

static void read_report (struct init_state *st)
{
  char buf[64] ;
  for (;;)
  {
    ssize_t r = read(st->report, buf, sizeof(buf)) ;
    if (r < 0 && errno == EINTR) continue ;
    if (r < 0) return ;                  /* EAGAIN: nothing more for now */
    if (!r)
    {
      fd_close(st->report) ;
      st->report = -1 ;
      if (st->stage2) st->cmd_running = 1 ;
      return ;
    }
    for (ssize_t i = 0 ; i < r ; i++)
    {
      if (buf[i] == STAGE2_REPORT_NOCMD) st->stage2 = 0 ;
      else if (buf[i] != STAGE2_REPORT_FATAL) st->stage2_step = buf[i] ;
      else if (buf[i] == STAGE2_REPORT_FATAL && i + 1 < r)
      {
        st->stage2 = 0 ;
        shutdown_begin(st, (unsigned char)buf[++i]) ;
      }
    }
  }
}

static void reap (struct init_state *st)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = wait_nohang(&wstat) ;
    if (pid <= 0) return ;
    if (catchall_reaped(&st->ca, pid)) continue ;
    if (scanner_reaped(&st->sc, pid)) continue ;
    if (pid == st->rcdown) { st->rcdown = 0 ; continue ; }
    if (pid != st->stage2) continue ;
    if (st->report >= 0) read_report(st) ;
    if (st->stage2 == pid)
    {
      int code = (int)exitcode_of_wstat(wstat) ;
      st->stage2 = 0 ;
      st->cmd_running = 0 ;
      /* stage 2 itself died (OOM killer, kill -9), not the CMD; unless PID 1
         was stopping it: say where, and end as a failed boot [B7] */
      if (st->phase == RUNNING && st->stage2_step != STAGE2_REPORT_CMD) { stage2_died(wstat, st->stage2_step) ; code = 1 ; }
      shutdown_begin(st, code) ;
    }
  }
}

static void forward_or_halt (struct init_state *st, int sig, int code)
{
  if (st->cfg.cmd_receive_signals && st->cmd_running)
  {
    if (kill(st->stage2, sig) < 0) strerr_warnwusys("forward a signal to the CMD") ;
    return ;
  }
  if (st->phase != RUNNING) { skip_to_sweep(st) ; return ; }
  shutdown_begin(st, code) ;
}

static void handle_signals (struct init_state *st)
{
  for (;;)
  {
    int sig = selfpipe_read() ;
    switch (sig)
    {
      case -1 : strerr_warnwusys("read the selfpipe") ; return ;
      case 0 : return ;
      case SIGCHLD : reap(st) ; break ;
      case SIGINT : forward_or_halt(st, sig, 130) ; break ;
      case SIGTERM : case SIGQUIT : case SIGUSR1 : case SIGUSR2 :
#ifdef SIGPWR
      case SIGPWR :
#endif
        forward_or_halt(st, sig, -1) ; break ;
      case SIGWINCH :
        if (st->cfg.cmd_receive_signals && st->cmd_running) kill(st->stage2, sig) ;
        break ;
      case SIGHUP : scanner_scan(&st->sc, 0) ; break ;
      default : break ;
    }
  }
}

static void handle_control (struct init_state *st)
{
  char buf[64] ;
  ssize_t r = read(st->control, buf, sizeof(buf)) ;
  for (ssize_t i = 0 ; i < r ; i++)
    if (control_is_halt(buf[i])) shutdown_begin(st, -1) ;
}

static void handle_deadline (struct init_state *st)
{
  switch (st->phase)
  {
    case SERVICES_DOWN :
      strerr_warnw("some services are still not down after S6_SERVICES_GRACETIME, going on: they will be killed") ;
      phase_enter(st, LOGGERS_DOWN) ;
      break ;
    case LOGGERS_DOWN : phase_enter(st, SWEEP_TERM) ; break ;
    case SWEEP_TERM : phase_enter(st, SWEEP_KILL) ; break ;
    case SWEEP_KILL :
      strerr_warnw("some processes survived SIGKILL until the end of S6_KILL_GRACETIME (stuck in the kernel?), exiting anyway") ;
      st->phase = DONE ;
      break ;
    default : break ;
  }
}

static void trapped_set (sigset_t *set)
{
  sigemptyset(set) ;
  sigaddset(set, SIGCHLD) ; sigaddset(set, SIGTERM) ; sigaddset(set, SIGINT) ;
  sigaddset(set, SIGQUIT) ; sigaddset(set, SIGHUP) ; sigaddset(set, SIGUSR1) ;
  sigaddset(set, SIGUSR2) ; sigaddset(set, SIGWINCH) ;
#ifdef SIGPWR
  sigaddset(set, SIGPWR) ;
#endif
}

/* First thing: as PID 1, a signal that comes while its disposition is
   still the default is dropped by the kernel (docker stop during stage 1
   would be lost); a blocked one stays pending for the selfpipe. */
static void block_signals (void)
{
  sigset_t set ;
  trapped_set(&set) ;
  sigprocmask(SIG_BLOCK, &set, 0) ;
}

static int trap_signals (void)
{
  int fd ;
  sigset_t set ;
  trapped_set(&set) ;
  fd = selfpipe_init() ;
  if (fd < 0 || !selfpipe_trapset(&set)) strerr_diefusys(111, "trap signals") ;
  /* PID 1 writes to a console that may go away */
  sig_ignore(SIGPIPE) ;
  return fd ;
}

/* The next thing to happen by itself: the phase's deadline, or a
   supervisor's paced respawn. Returns 0 when there is none. */
static tain const *next_deadline (struct init_state *st, tain *t)
{
  int has = st->phase != RUNNING && st->phase != RC_DOWN ;
  if (has) *t = st->deadline ;
  if (st->phase == SWEEP_KILL && tain_less(&st->repass, t)) *t = st->repass ;
  {
    tain respawn ;
    if (scanner_deadline(&st->sc, &respawn) && (!has || tain_less(&respawn, t))) { *t = respawn ; has = 1 ; }
  }
  return has ? t : 0 ;
}

/* [S4] whether anything but the catch-all logger is left: with it PID 1
   always has a child, so /proc is asked; without it, whether PID 1 has a
   child at all (as PID 1 every orphan is one; as a subreaper, every
   descendant). */
static int others_left (struct init_state *st)
{
  pid_t spare = catchall_pid(&st->ca) ;
  siginfo_t si ;
  if (spare) return stage3_others_left(st->ispid1, spare) ;
  memset(&si, 0, sizeof(si)) ;
  return waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) == 0 ;
}

/* The one place that decides that PID 1 is done [S4]: in the final
   sweep, once nothing is left but the catch-all logger, or when KILL has
   had its bound (phase DONE). */
static int shutdown_done (struct init_state *st)
{
  if (st->phase == DONE) return 1 ;
  if (st->phase < SWEEP_TERM) return 0 ;
  return !others_left(st) ;
}

/* [I4]: a KILL pass that walks /proc misses what is forked during the
   walk; passes are repeated 1, 2, 4... then every 64 ms until nothing is
   left or the phase's bound. Not at each child's death: with thousands
   of processes each pass costs a walk of /proc. */
static void sweep_again (struct init_state *st)
{
  tain d ;
  if (st->phase != SWEEP_KILL || tain_future(&st->repass)) return ;
  stage3_signal_all(SIGKILL, st->ispid1, catchall_pid(&st->ca)) ;
  if (st->repass_ms < 64) st->repass_ms <<= 1 ;
  tain_from_millisecs(&d, (int)st->repass_ms) ;
  tain_add_g(&st->repass, &d) ;
}

static void loop (struct init_state *st)
{
  while (!shutdown_done(st))
  {
    iopause_fd x[4] ;
    unsigned int n = 0, ireport = 4, icontrol = 4, iscan = 4 ;
    tain t ;
    int r ;
    x[n].fd = st->selfpipe ; x[n++].events = IOPAUSE_READ ;
    if (st->report >= 0) { ireport = n ; x[n].fd = st->report ; x[n++].events = IOPAUSE_READ ; }
    if (st->control >= 0) { icontrol = n ; x[n].fd = st->control ; x[n++].events = IOPAUSE_READ ; }
    if (st->sc.control >= 0) { iscan = n ; x[n].fd = st->sc.control ; x[n++].events = IOPAUSE_READ ; }
    r = iopause_g(x, n, next_deadline(st, &t)) ;
    if (r < 0) { strerr_warnwusys("iopause") ; continue ; }
    if (!r)
    {
      if (st->phase != RUNNING && !tain_future(&st->deadline)) handle_deadline(st) ;
    }
    else
    {
      if (ireport < n && x[ireport].revents) read_report(st) ;
      if (x[0].revents) handle_signals(st) ;
      if (icontrol < n && x[icontrol].revents) handle_control(st) ;
      if (iscan < n && x[iscan].revents && scanner_control(&st->sc) == SCANNER_HALT) shutdown_begin(st, -1) ;
    }
    scanner_respawn_due(&st->sc) ;
    phase_advance(st) ;
    if (st->phase >= SWEEP_TERM) reap(st) ;
    if (!shutdown_done(st)) sweep_again(st) ;
  }
}

/* Supervisors are this very binary under another name; /init may have
   been moved, so ask the kernel where it is. */
static void find_self (char *self, size_t len)
{
  ssize_t r = readlink("/proc/self/exe", self, len - 1) ;
  if (r <= 0 || (size_t)r >= len - 1) { snprintf(self, len, "%s", BOSUN_SELF_FALLBACK) ; return ; }
  self[r] = 0 ;
}

int init_main (int argc, char const *const *argv, char const *const *envp)
{
  struct init_state st = { .phase = RUNNING, .report = -1, .control = -1, .code = EXITCODE_KEEPER_ZERO } ;
  stralloc childenv = STRALLOC_ZERO ;
  PROG = "bosun: init" ;
  block_signals() ;
  st.ispid1 = getpid() == 1 ;
  if (!st.ispid1 && prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) < 0)
    strerr_warnwusys("become a child subreaper: orphans will not be reaped") ;
  config_read(&st.cfg, envp) ;
  tain_now_set_stopwatch_g() ;
  stage1_wait_start_fd(&st.cfg) ;
  stage1_prepare_run(&st.cfg) ;
  stage1_link_package() ;
  stage1_environment(&st.cfg, envp, &childenv) ;
  st.selfpipe = trap_signals() ;
  st.control = control_setup() ;
  {
    size_t n = byte_count(childenv.s, childenv.len, '\0') ;
    char const *v[n + 1] ;
    char self[PATH_MAX] ;
    if (!env_make(v, n, childenv.s, childenv.len)) strerr_diefusys(111, "build the environment") ;
    v[n] = 0 ;
    find_self(self, sizeof(self)) ;
    st.childenv = v ;
    catchall_start(&st.ca, envp, self) ;
    scanner_init(&st.sc, BOSUN_SERVICEDIR, self, v) ;
    scanner_scan(&st.sc, 0) ;
    st.stage2 = stage2_spawn(&st.cfg, argv + 1, argc > 1 ? (unsigned int)argc - 1 : 0, v, &st.report) ;
    loop(&st) ;
  }
  catchall_finish(&st.ca, st.selfpipe, 5000) ;
  if (st.cfg.sync_disks) sync() ;
  return exitcode_final(&st.code) ;
}
