#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "paths.h"
#include "svcontrol.h"
#include "svlisten.h"
#include "rc/rclive.h"
#include "rc/rcstate.h"
#include "rc/rctrans.h"
#include "rc/rcexec.h"

enum jobstate { J_IDLE, J_WAIT, J_RUN, J_DONE, J_FAIL } ;

struct job
{
  unsigned char st ;
  pid_t pid ;            /* a oneshot's child */
  int listening ;        /* a longrun's event subscription */
  svlisten l ;
  tain deadline ;        /* TAIN_INFINITE when it has no timeout */
  int killarmed ;        /* going down: SIGKILL due at killat [I4] */
  tain killat ;
  int gracebound ;       /* the deadline is kill_after: no timeout-down [I4] */
} ;

struct engine
{
  rcgraph const *g ;
  unsigned char *up ;
  rctrans_opts const *o ;
  struct job *jobs ;
  rcidx *rdeps ;         /* per service: who depends on it */
  size_t running ;
  int failed ;
  int interrupted ;
  tain deadline ;
} ;

static void say (struct engine const *e, size_t i, char const *what)
{
  if (e->o->verbosity >= 2) strerr_warn("s6-rc: info: service ", rcgraph_name(e->g, i), what) ;
}

/* s6-rc's line, "unable to start service NAME: WHY MORE TAIL" */
static void job_fail3 (struct engine *e, size_t i, char const *why, char const *more, char const *tail)
{
  struct job *j = &e->jobs[i] ;
  if (j->st == J_RUN) e->running-- ;
  if (j->listening) { svlisten_end(&j->l) ; j->listening = 0 ; }
  j->st = J_FAIL ;
  e->failed = 1 ;
  if (e->o->verbosity >= 1)
    strerr_warn("s6-rc: warning: unable to ", e->o->up ? "start" : "stop", " service ", rcgraph_name(e->g, i), ": ", why, more, tail) ;
}

static void job_fail (struct engine *e, size_t i, char const *why, char const *more)
{
  job_fail3(e, i, why, more, "") ;
}

static void job_done (struct engine *e, size_t i)
{
  struct job *j = &e->jobs[i] ;
  if (j->st == J_RUN) e->running-- ;
  if (j->listening) { svlisten_end(&j->l) ; j->listening = 0 ; }
  j->st = J_DONE ;
  say(e, i, e->o->up ? " successfully started" : " successfully stopped") ;
  if (e->o->dryrun) return ;
  e->up[i] = (unsigned char)e->o->up ;
  if (!rcstate_write(e->g, e->up)) strerr_warnwusys("write the state file " BOSUN_RC_STATE) ;
}

/* whether service d counts as up for the others' sake */
static int is_up (struct engine const *e, size_t d)
{
  if (e->jobs[d].st == J_DONE) return e->o->up ;
  return e->up[d] ;
}

/* SIZE_MAX: i may go; SIZE_MAX - 1: it must wait; otherwise the failed
   service that it was waiting for */
#define GO ((size_t)-1)
#define WAIT ((size_t)-2)
static size_t blocker (struct engine const *e, size_t i)
{
  rcidx const *x = e->o->up ? &e->g->deps[i] : &e->rdeps[i] ;
  size_t r = GO ;
  for (size_t k = 0 ; k < x->n ; k++)
  {
    size_t d = x->v[k] ;
    unsigned char st = e->jobs[d].st ;
    if (e->o->up ? is_up(e, d) : !is_up(e, d)) continue ;
    if (st == J_FAIL || st == J_IDLE) return d ;
    r = WAIT ;
  }
  return r ;
}

static void arm (struct engine *e, size_t i)
{
  rcdef const *def = rcgraph_def(e->g, i) ;
  enum rc_num which = e->o->up ? RCN_TIMEOUT_UP : RCN_TIMEOUT_DOWN ;
  struct job *j = &e->jobs[i] ;
  unsigned int ms = def->has & RCF_NUM(which) ? def->num[which] : 0 ;
  j->st = J_RUN ;
  e->running++ ;
  /* [I4]: in stage 3 a oneshot's down without timeout-down is bounded by
     kill_after too; a built-in's down (cont-finish.d) has bounds of its own */
  j->gracebound = !ms && !e->o->up && def->type == RC_ONESHOT && !def->builtin && e->o->kill_after ;
  if (j->gracebound) ms = e->o->kill_after ;
  if (!ms) { j->deadline = tain_infinite_relative ; tain_add_g(&j->deadline, &j->deadline) ; return ; }
  tain_from_millisecs(&j->deadline, (int)ms) ;
  tain_add_g(&j->deadline, &j->deadline) ;
}

/* Tells the supervisor; the wait is for up (u), ready (U, with a
   notification-fd [R5]) or down with finish done (D). */
static void launch_longrun (struct engine *e, size_t i)
{
  struct job *j = &e->jobs[i] ;
  rcdef const *def = rcgraph_def(e->g, i) ;
  char dir[4096] ;
  char const *what ;
  char want = 'D' ;
  if (e->o->up) want = def->has & RCF_NUM(RCN_NOTIFICATION_FD) ? 'U' : 'u' ;
  if (e->o->dryrun) { strerr_warn("s6-rc-dryrun: s6-svc -", e->o->up ? "u" : "d", " ", rcgraph_name(e->g, i)) ; job_done(e, i) ; return ; }
  if (!rclive_dir(e->g, i, dir, sizeof(dir))) { job_fail(e, i, "its service directory name is too long", "") ; return ; }
  arm(e, i) ;
  if (!svlisten_start(&j->l, dir, want, &what))
  {
    job_fail(e, i, "its supervisor does not answer (", "no status file in " BOSUN_RC_SERVICEDIRS "): is the supervision tree running?") ;
    return ;
  }
  j->l.dir = rcgraph_name(e->g, i) ;
  j->listening = 1 ;
  if (j->l.done) { job_done(e, i) ; return ; }
  /* [I4]: the supervisor kills after timeout-kill by itself; without one,
     a longrun that ignores its down-signal would hold stage 3 forever */
  if (!e->o->up && e->o->kill_after && !((def->has & RCF_NUM(RCN_TIMEOUT_KILL)) && def->num[RCN_TIMEOUT_KILL]))
  {
    tain_from_millisecs(&j->killat, (int)e->o->kill_after) ;
    tain_add_g(&j->killat, &j->killat) ;
    j->killarmed = 1 ;
  }
  if (svcontrol_write(dir, "supervise", e->o->up ? "u" : "d", 1) <= 0)
    job_fail(e, i, "nobody reads its control fifo", ": is the supervision tree running?") ;
}

static void launch (struct engine *e, size_t i)
{
  rcdef const *def = rcgraph_def(e->g, i) ;
  say(e, i, e->o->up ? ": starting" : ": stopping") ;
  /* [R8]: a definition whose copy failed (a link that points nowhere) */
  if (e->o->up && !e->o->dryrun && !def->builtin && !rclive_installed(e->g, i)) { job_fail(e, i, "its definition could not be copied into " BOSUN_RC_SERVICEDIRS, " at boot: see the error naming it there") ; return ; }
  if (def->type == RC_LONGRUN) { launch_longrun(e, i) ; return ; }
  if (!def->builtin && !(e->o->up ? def->upwords : def->downwords)) { job_done(e, i) ; return ; }
  if (def->builtin && e->o->builtin_idle && e->o->builtin_idle(e->o->ctx, def->name.s, e->o->up)) { job_done(e, i) ; return ; }
  if (e->o->dryrun) { rcexec_dryrun(def, e->o->up) ; job_done(e, i) ; return ; }
  arm(e, i) ;
  e->jobs[i].pid = rcexec_oneshot(def, e->o->up, e->o->envp, e->o->builtin, e->o->ctx) ;
  if (e->jobs[i].pid < 0) job_fail(e, i, "fork failed: ", strerror(errno)) ;
}

/* i cannot move because b did not: one line [B12] */
static void blocked (struct engine *e, size_t i, size_t b)
{
  char const *how = e->jobs[b].st == J_FAIL ? ", which failed" : ", which is not part of this transition" ;
  job_fail3(e, i, e->o->up ? "it needs " : "it is needed by ", rcgraph_name(e->g, b), how) ;
}

/* Starts every waiting service whose prerequisites are done, fails those
   whose prerequisites failed, until nothing changes. */
static void schedule (struct engine *e)
{
  size_t n = rcgraph_n(e->g) ;
  int changed = 1 ;
  while (changed && !e->interrupted)
  {
    changed = 0 ;
    for (size_t i = 0 ; i < n ; i++)
    {
      size_t b ;
      if (e->jobs[i].st != J_WAIT) continue ;
      b = blocker(e, i) ;
      if (b == WAIT) continue ;
      changed = 1 ;
      if (b == GO) launch(e, i) ;
      else blocked(e, i, b) ;
    }
  }
}

/* which command it was: the file of the definition, or the built-in */
static void command_detail (struct engine const *e, size_t i, int signaled, char const *fmt)
{
  rcdef const *def = rcgraph_def(e->g, i) ;
  char const *file = e->o->up ? "/up" : "/down" ;
  char const *how = signaled ? " was killed by signal " : " exited " ;
  if (def->builtin)
    strerr_warn("bosun: rc: warning: service ", def->name.s, ": its built-in ", e->o->up ? "up" : "down", " action", how, fmt, ", see its output above") ;
  else
    strerr_warn("bosun: rc: warning: service ", def->name.s, ": the command line of ", def->dir.s, file, how, fmt, ", see its output above") ;
}

static void oneshot_ended (struct engine *e, size_t i, int wstat)
{
  char fmt[INT_FMT] ;
  e->jobs[i].pid = 0 ;
  if (e->jobs[i].st != J_RUN) return ;
  if (WIFEXITED(wstat) && !WEXITSTATUS(wstat)) { job_done(e, i) ; return ; }
  /* [B12]: s6-rc's own line, then bosun's detail on a line of its own */
  fmt[int_fmt(fmt, WIFSIGNALED(wstat) ? WTERMSIG(wstat) : WEXITSTATUS(wstat))] = 0 ;
  job_fail(e, i, WIFSIGNALED(wstat) ? "command crashed with signal " : "command exited ", fmt) ;
  if (e->o->verbosity >= 1) command_detail(e, i, WIFSIGNALED(wstat), fmt) ;
}

static void reap (struct engine *e)
{
  for (;;)
  {
    int wstat ;
    pid_t pid = waitpid(-1, &wstat, WNOHANG) ;
    if (pid <= 0) return ;
    for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
      if (e->jobs[i].pid == pid) { oneshot_ended(e, i, wstat) ; break ; }
  }
}

static void longrun_events (struct engine *e, size_t i)
{
  struct job *j = &e->jobs[i] ;
  char buf[64] ;
  ssize_t r ;
  while ((r = fifodir_read(&j->l.sub, buf, sizeof(buf))) > 0)
    for (ssize_t k = 0 ; k < r ; k++) svlisten_event(&j->l, buf[k]) ;
  if (j->l.done) job_done(e, i) ;
  else if (j->l.failed) job_fail(e, i, "it failed permanently", " (its env/env or env/ could not be read, its finish script exited 125, or s6-svc -O): see its output above") ;
  else if (j->l.died) job_fail(e, i, "its supervisor died", "") ;
  else if (r < 0) job_fail(e, i, "its events could not be read: ", strerror(errno)) ;
}

static void expire (struct engine *e)
{
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
  {
    struct job *j = &e->jobs[i] ;
    rcdef const *def = rcgraph_def(e->g, i) ;
    if (j->st == J_RUN && j->killarmed && !tain_future(&j->killat))
    {
      char dir[4096] ;
      j->killarmed = 0 ;
      if (e->o->verbosity >= 1)
        strerr_warn("s6-rc: warning: service ", rcgraph_name(e->g, i), " is still not down after S6_SERVICES_GRACETIME and has no timeout-kill, sending it SIGKILL") ;
      if (!rclive_dir(e->g, i, dir, sizeof(dir)) || svcontrol_write(dir, "supervise", "k", 1) <= 0)
        strerr_warnwu("send SIGKILL to service ", rcgraph_name(e->g, i)) ;
    }
    if (j->st != J_RUN || tain_future(&j->deadline)) continue ;
    if (j->pid > 0) kill(-j->pid, SIGKILL) ;
    if (j->gracebound)
    {
      job_fail(e, i, "its down command is still running after S6_SERVICES_GRACETIME and it has no timeout-down",
        ": killed it and its process group; give it a timeout-down, or make its down end") ;
      continue ;
    }
    job_fail(e, i, e->o->up ? "timed out (timeout-up)" : "timed out (timeout-down)",
      def->type == RC_LONGRUN && e->o->up && (def->has & RCF_NUM(RCN_NOTIFICATION_FD)) ? " while waiting for it to be ready on its notification-fd" : "") ;
  }
}

/* The whole transition stops: oneshots are killed, longruns are left to
   their supervisors in whatever state they reach. */
static void stop_all (struct engine *e, char const *why)
{
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
  {
    struct job *j = &e->jobs[i] ;
    if (j->st == J_RUN && j->pid > 0) kill(-j->pid, SIGKILL) ;
    if (j->st == J_RUN || j->st == J_WAIT) job_fail(e, i, why, "") ;
  }
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
    if (e->jobs[i].pid > 0) { int w ; waitpid_nointr(e->jobs[i].pid, &w, 0) ; e->jobs[i].pid = 0 ; }
}

static int next_wake (struct engine const *e, tain *t)
{
  *t = e->deadline ;
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
  {
    if (e->jobs[i].st != J_RUN) continue ;
    if (tain_less(&e->jobs[i].deadline, t)) *t = e->jobs[i].deadline ;
    if (e->jobs[i].killarmed && tain_less(&e->jobs[i].killat, t)) *t = e->jobs[i].killat ;
  }
  return 1 ;
}

static void handle_signals (struct engine *e, int sfd)
{
  struct signalfd_siginfo si ;
  while (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
  {
    if (si.ssi_signo == SIGCHLD) reap(e) ;
    else e->interrupted++ ;
  }
}

static int wait_once (struct engine *e, int sfd, size_t *idx, iopause_fd *x)
{
  size_t n = 0 ;
  tain t ;
  int r ;
  x[n].fd = sfd ; x[n++].events = IOPAUSE_READ ;
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
    if (e->jobs[i].st == J_RUN && e->jobs[i].listening)
    {
      idx[n] = i ;
      x[n].fd = e->jobs[i].l.sub.fd ; x[n++].events = IOPAUSE_READ ;
    }
  next_wake(e, &t) ;
  r = iopause_g(x, (unsigned int)n, &t) ;
  if (r < 0) return errno == EINTR ;
  if (x[0].revents) handle_signals(e, sfd) ;
  for (size_t k = 1 ; k < n ; k++)
    if (x[k].revents && e->jobs[idx[k]].st == J_RUN) longrun_events(e, idx[k]) ;
  expire(e) ;
  reap(e) ;
  return 1 ;
}

/* Without kill_after (S6_SERVICES_GRACETIME), how long an interrupted
   oneshot has to end after its TERM */
#define DRAIN_MS 3000

static int oneshots_running (struct engine const *e)
{
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
    if (e->jobs[i].st == J_RUN && e->jobs[i].pid > 0) return 1 ;
  return 0 ;
}

/* [I4][S2]: a stop signal gives the running oneshots' process groups TERM
   and a bound to end by themselves, so that their traps run (a
   cont-finish script cleans up when the final sweep's TERM reaches it);
   a second signal, or the bound, leaves the rest to stop_all's KILL. */
static void drain (struct engine *e, int sfd, size_t *idx, iopause_fd *x)
{
  int signals = e->interrupted ;
  tain bound ;
  for (size_t i = 0 ; i < rcgraph_n(e->g) ; i++)
    if (e->jobs[i].st == J_RUN && e->jobs[i].pid > 0) { kill(-e->jobs[i].pid, SIGTERM) ; kill(-e->jobs[i].pid, SIGCONT) ; }
  tain_from_millisecs(&bound, (int)(e->o->kill_after ? e->o->kill_after : DRAIN_MS)) ;
  tain_add_g(&bound, &bound) ;
  if (tain_less(&bound, &e->deadline)) e->deadline = bound ;
  while (oneshots_running(e) && e->interrupted == signals && tain_future(&e->deadline))
    if (!wait_once(e, sfd, idx, x)) break ;
}

static int run_loop (struct engine *e, int sfd)
{
  size_t n = rcgraph_n(e->g) ;
  size_t *idx = malloc((n + 1) * sizeof(size_t)) ;
  iopause_fd *x = malloc((n + 1) * sizeof(iopause_fd)) ;
  int r = RCTRANS_OK ;
  if (!idx || !x) { free(idx) ; free(x) ; return RCTRANS_ERROR ; }
  for (;;)
  {
    schedule(e) ;
    if (!e->running || e->interrupted) break ;
    if (!tain_future(&e->deadline)) { r = RCTRANS_TIMEOUT ; stop_all(e, "the transition timed out (s6-rc -t, or S6_CMD_WAIT_FOR_SERVICES_MAXTIME)") ; break ; }
    if (!wait_once(e, sfd, idx, x)) { r = RCTRANS_ERROR ; stop_all(e, "waiting for events failed") ; break ; }
  }
  if (e->interrupted) { drain(e, sfd, idx, x) ; stop_all(e, "interrupted by a signal") ; r = RCTRANS_INTERRUPTED ; }
  free(idx) ;
  free(x) ;
  if (r == RCTRANS_OK && e->failed) r = RCTRANS_FAILED ;
  return r ;
}

static int build_rdeps (rcgraph const *g, rcidx *rdeps)
{
  for (size_t i = 0 ; i < rcgraph_n(g) ; i++)
  {
    if (rcgraph_def(g, i)->type == RC_BUNDLE) continue ;
    for (size_t k = 0 ; k < g->deps[i].n ; k++)
    {
      rcidx *x = &rdeps[g->deps[i].v[k]] ;
      if (x->n == x->cap)
      {
        size_t cap = x->cap ? 2 * x->cap : 4 ;
        size_t *p = realloc(x->v, cap * sizeof(size_t)) ;
        if (!p) return 0 ;
        x->v = p ; x->cap = cap ;
      }
      x->v[x->n++] = i ;
    }
  }
  return 1 ;
}

static int with_signals (struct engine *e)
{
  sigset_t set, old ;
  int sfd, r ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGCHLD) ; sigaddset(&set, SIGTERM) ; sigaddset(&set, SIGINT) ;
  if (sigprocmask(SIG_BLOCK, &set, &old) < 0) return RCTRANS_ERROR ;
  sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC) ;
  if (sfd < 0) { sigprocmask(SIG_SETMASK, &old, 0) ; return RCTRANS_ERROR ; }
  r = run_loop(e, sfd) ;
  close(sfd) ;
  sigprocmask(SIG_SETMASK, &old, 0) ;
  return r ;
}

int rctrans_run (rcgraph const *g, unsigned char *up, unsigned char const *sel, rctrans_opts const *o)
{
  size_t n = rcgraph_n(g) ;
  struct engine e = { .g = g, .up = up, .o = o } ;
  int r = RCTRANS_ERROR ;
  e.jobs = calloc(n + 1, sizeof(struct job)) ;
  e.rdeps = calloc(n + 1, sizeof(rcidx)) ;
  if (e.jobs && e.rdeps && build_rdeps(g, e.rdeps))
  {
    tain_now_g() ;
    if (o->timeout) tain_from_millisecs(&e.deadline, (int)o->timeout) ;
    else e.deadline = tain_infinite_relative ;
    tain_add_g(&e.deadline, &e.deadline) ;
    for (size_t i = 0 ; i < n ; i++)
      if (sel[i] && rcgraph_def(g, i)->type != RC_BUNDLE && up[i] != o->up) e.jobs[i].st = J_WAIT ;
    r = with_signals(&e) ;
  }
  for (size_t i = 0 ; e.rdeps && i < n ; i++) free(e.rdeps[i].v) ;
  free(e.rdeps) ;
  free(e.jobs) ;
  return r ;
}

/* In level order, a service's dependencies are decided before it. */
int rctrans_dependents (rcgraph const *g, unsigned char const *up, unsigned char *sel)
{
  size_t n = rcgraph_n(g) ;
  unsigned char *all = malloc(n + 1) ;
  size_t *order = malloc((n + 1) * sizeof(size_t)) ;
  size_t m ;
  if (!all || !order) { free(all) ; free(order) ; return 0 ; }
  memset(all, 1, n) ;
  m = rcgraph_order(g, all, order) ;
  for (size_t k = 0 ; k < m ; k++)
  {
    size_t i = order[k] ;
    if (sel[i] || !up[i]) continue ;
    for (size_t d = 0 ; d < g->deps[i].n ; d++)
      if (sel[g->deps[i].v[d]]) { sel[i] = 1 ; break ; }
  }
  free(all) ;
  free(order) ;
  return 1 ;
}
