/* s6-log: the logger [contract 11, issue 6]. Reads stdin line by line
   and runs the compiled script on each line. Writes are synchronous and
   retried until they succeed, so the logger never holds more than one
   read's worth of lines: it behaves as s6-log -b always does, and a full
   disk slows the writer down instead of losing lines or memory. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/iopause.h>
#include <skalibs/selfpipe.h>
#include <skalibs/sgetopt.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "logdir.h"
#include "logline.h"

#define USAGE "s6-log [ -d notif ] [ -q | -v ] [ -b ] [ -p ] [ -l linelimit ] [ -t lastlinetimeout ] [ -- ] logging_script"
#define READ_CHUNK 65536

typedef struct opts {
  unsigned int notif ;
  int has_notif, verbosity, protect ;
  size_t linelimit ;
  unsigned int lastline_ms ;
} opts ;

static void parse_opts (int argc, char const *const *argv, opts *o, int *ind)
{
  subgetopt l = SUBGETOPT_ZERO ;
  o->has_notif = 0 ; o->verbosity = 1 ; o->protect = 0 ; o->linelimit = 8192 ; o->lastline_ms = 0 ;
  for (;;)
  {
    unsigned int u ;
    int opt = subgetopt_r(argc, argv, "d:qvbpl:t:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'd' : if (!uint0_scan(l.arg, &o->notif) || o->notif < 3) strerr_dieusage(100, USAGE) ; o->has_notif = 1 ; break ;
      case 'q' : o->verbosity = 0 ; break ;
      case 'v' : o->verbosity = 2 ; break ;
      case 'b' : break ;   /* always blocking, see above */
      case 'p' : o->protect = 1 ; break ;
      case 'l' :
        if (!uint0_scan(l.arg, &u)) strerr_dieusage(100, USAGE) ;
        o->linelimit = u && u < 48 ? 48 : u ;
        break ;
      case 't' : if (!uint0_scan(l.arg, &o->lastline_ms)) strerr_dieusage(100, USAGE) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  *ind = l.ind ;
}

static void compile (char const *const *argv, size_t argc, logscript *s, int verbosity)
{
  logscript_err err ;
  int r = logscript_parse(argv, argc, s, &err) ;
  if (r < 0) strerr_diefu1sys(111, "compile the logging script") ;
  if (!r)
  {
    if (err.directive) strerr_dief4x(100, err.why, ": ", err.directive, "") ;
    strerr_dief1x(100, err.why) ;
  }
  if (s->trailing && verbosity > 1) strerr_warnw1x("ignoring extraneous non-action directives") ;
}

static void open_dirs (logline_ctx *c)
{
  if (!(c->dirs = calloc(c->script->nactions ? c->script->nactions : 1, sizeof *c->dirs))) strerr_diefu1sys(111, "allocate log directories") ;
  size_t idx = 0 ;
  for (size_t i = 0 ; i < c->script->n ; i++)
  {
    logdirective const *d = c->script->d + i ;
    if (!d->is_action) continue ;
    c->dirs[idx].fd = c->dirs[idx].lockfd = -1 ;
    if (d->act == LOGACT_DIR)
    {
      if (logdir_open(c->dirs + idx, d->target, &d->dir) < 0) strerr_dief2x(111, "unable to initialize log directory ", d->target) ;
      if (d->dir.period_s) tain_addsec_g(&c->dirs[idx].due, (int)d->dir.period_s) ;
    }
    idx++ ;
  }
}

static void each_dir (logline_ctx *c, void (*f)(logdir *))
{
  for (size_t i = 0 ; i < c->script->nactions ; i++) if (c->dirs[i].fd >= 0) (*f)(c->dirs + i) ;
}

/* R: rotate the directories whose period elapsed; earliest next due into *deadline */
static void periodic (logline_ctx *c, tain *deadline)
{
  for (size_t i = 0 ; i < c->script->nactions ; i++)
  {
    logdir *ld = c->dirs + i ;
    if (ld->fd < 0 || !ld->conf.period_s) continue ;
    if (!tain_less(&STAMP, &ld->due)) { logdir_rotate(ld) ; tain_addsec_g(&ld->due, (int)ld->conf.period_s) ; }
    if (tain_less(&ld->due, deadline)) *deadline = ld->due ;
  }
  for (size_t i = 0 ; i < c->script->nactions ; i++)
    if (c->dirs[i].fd >= 0) logdir_tick(c->dirs + i, deadline) ;
}

/* whether a processor still has work on some directory */
static int processing (logline_ctx const *c)
{
  for (size_t i = 0 ; i < c->script->nactions ; i++)
    if (c->dirs[i].fd >= 0 && logdir_busy(c->dirs + i)) return 1 ;
  return 0 ;
}

typedef struct loop { int term, eof ; tain lastline ; } loop ;

static void on_signals (logline_ctx *c, loop *lp, opts const *o)
{
  int sig ;
  while ((sig = selfpipe_read()) > 0)
    switch (sig)
    {
      case SIGTERM : if (o->protect) break ; /* fallthrough */
      case SIGHUP :
        if (!lp->term) { lp->term = 1 ; tain_from_millisecs(&lp->lastline, (int)o->lastline_ms) ; tain_add_g(&lp->lastline, &lp->lastline) ; }
        break ;
      case SIGALRM : each_dir(c, &logdir_rotate) ; break ;
      case SIGCHLD : each_dir(c, &logdir_reap) ; break ;
      default : break ;
    }
  if (sig < 0) strerr_diefu1sys(111, "read the selfpipe") ;
}

/* one read of stdin into the pending buffer; 0 at end of file */
static int read_stdin (stralloc *in)
{
  if (!stralloc_readyplus(in, READ_CHUNK)) strerr_diefu1sys(111, "allocate the input buffer") ;
  ssize_t r = read(0, in->s + in->len, READ_CHUNK) ;
  if (r < 0)
  {
    if (errno == EINTR || errno == EAGAIN) return 1 ;
    strerr_diefu1sys(111, "read stdin") ;
  }
  in->len += (size_t)r ;
  return r > 0 ;
}

/* Whether the loop may end: TERM, or end of file once the processors
   are done (TERM still ends that wait at once); a partial line first
   gets -t ms to end, then goes as it is. */
static int finished (logline_ctx *c, loop *lp, stralloc *in, tain *deadline)
{
  if (!lp->term && !lp->eof) return 0 ;
  if (in->len && !lp->eof && tain_less(&STAMP, &lp->lastline))
  {
    if (tain_less(&lp->lastline, deadline)) *deadline = lp->lastline ;
    return 0 ;
  }
  /* end of file: what is still held waits for its processor */
  if (!lp->term && logline_held(c)) return 0 ;
  logline_feed(c, in, 1) ;
  return lp->term || !processing(c) ;
}

static void run (logline_ctx *c, opts const *o, int sfd)
{
  loop lp = { 0, 0, TAIN_ZERO } ;
  stralloc in = STRALLOC_ZERO ;
  iopause_fd x[2] = { { .fd = -1, .events = IOPAUSE_READ }, { .fd = 0, .events = IOPAUSE_READ } } ;
  x[0].fd = sfd ;
  for (;;)
  {
    tain deadline = TAIN_INFINITE ;
    tain_now_g() ;
    periodic(c, &deadline) ;
    if (finished(c, &lp, &in, &deadline)) break ;
    /* held: no more reading until a processor makes room */
    int held = logline_held(c) ;
    int r = iopause_g(x, lp.eof || held ? 1 : 2, &deadline) ;
    if (r < 0) strerr_diefu1sys(111, "iopause") ;
    if (x[0].revents & IOPAUSE_READ) on_signals(c, &lp, o) ;
    if (held && in.len) logline_feed(c, &in, 0) ;
    if (!lp.eof && !held && x[1].revents & IOPAUSE_READ)
    {
      if (!read_stdin(&in)) lp.eof = 1 ;
      logline_feed(c, &in, 0) ;
    }
  }
  stralloc_free(&in) ;
}

int s6_log_main (int argc, char const *const *argv, char const *const *envp)
{
  opts o ;
  int ind ;
  logscript script = LOGSCRIPT_ZERO ;
  logline_ctx c ;
  (void)envp ;
  PROG = "s6-log" ;
  parse_opts(argc, argv, &o, &ind) ;
  if (ind >= argc) strerr_dieusage(100, USAGE) ;
  compile(argv + ind, (size_t)(argc - ind), &script, o.verbosity) ;
  logline_init(&c, &script, o.linelimit) ;
  int sfd = selfpipe_init() ;
  if (sfd < 0) strerr_diefu1sys(111, "selfpipe_init") ;
  if (selfpipe_trap(SIGTERM) < 0 || selfpipe_trap(SIGHUP) < 0 || selfpipe_trap(SIGALRM) < 0 || selfpipe_trap(SIGCHLD) < 0) strerr_diefu1sys(111, "trap signals") ;
  open_dirs(&c) ;
  if (o.has_notif)
  {
    if (fd_write((int)o.notif, "\n", 1) < 1) strerr_warnwu1sys("write the readiness notification") ;
    fd_close((int)o.notif) ;
  }
  run(&c, &o, sfd) ;
  each_dir(&c, &logdir_close) ;
  logline_free(&c) ;
  logscript_free(&script) ;
  return 0 ;
}
