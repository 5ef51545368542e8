/* The rc engine's two big moments [B7][S3]: at boot, build the database
   from the image, install it under /run and bring "top" up; at shutdown,
   bring every active service down in reverse dependency order. Both run
   in children of PID 1 (stage 2, and the stage 3 runner). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "paths.h"
#include "stages.h"
#include "rc/rclive.h"
#include "rc/rcstate.h"
#include "rc/rctrans.h"

extern char **environ ;

static void show_diag (rcdiag const *d)
{
  if (d->lines.len) buffer_putflush(buffer_2, d->lines.s, d->lines.len) ;
}

/* [I4]: an s6-rc change started from docker exec may hold the lock for
   as long as its scripts run; stage 3 waits for it within
   S6_SERVICES_GRACETIME, then brings the services down without it (the
   change's own processes get the final sweep). -1: going on unlocked. */
static int stage3_lock (config const *cfg)
{
  pid_t holder ;
  char fmt[PID_FMT] ;
  int fd = rcstate_lock_within(cfg->services_gracetime, &holder) ;
  if (fd >= 0) return fd ;
  if (errno != ETIMEDOUT) { strerr_warnwusys("lock " BOSUN_RC_LOCK ", bringing the services down without it") ; return -1 ; }
  fmt[pid_fmt(fmt, holder)] = 0 ;
  strerr_warnw(BOSUN_RC_LOCK " is still held after S6_SERVICES_GRACETIME",
    holder ? " by pid " : " (by a process that did not say which)", holder ? fmt : "",
    ", bringing the services down without it: an s6-rc change still running (from docker exec?) gets the final TERM") ;
  return -1 ;
}

static int transition (rcgraph const *g, unsigned char *sel, int up, config const *cfg, char const *const *childenv, unsigned int timeout, int report)
{
  unsigned char *state = calloc(rcgraph_n(g) + 1, 1) ;
  struct builtin_ctx b = { .cfg = cfg, .initenv = (char const *const *)environ, .childenv = childenv, .report = report, .lock = -1 } ;
  rctrans_opts o = { .up = up, .verbosity = cfg->verbosity, .timeout = timeout, .envp = childenv,
                     .kill_after = up ? 0 : cfg->services_gracetime, .builtin = &builtin_action, .builtin_idle = &builtin_idle, .ctx = &b } ;
  int lock, r ;
  if (!state) { strerr_warnwu("bring services ", up ? "up" : "down", ": out of memory") ; return RCTRANS_ERROR ; }
  lock = up ? rcstate_lock(1) : stage3_lock(cfg) ;
  if (lock < 0 && up) { strerr_warnwusys("lock " BOSUN_RC_LOCK) ; free(state) ; return RCTRANS_ERROR ; }
  b.lock = lock ;
  if (!rcstate_read(g, state)) strerr_warnwusys("read " BOSUN_RC_STATE ", taking every service as down") ;
  if (!up)
  {
    for (size_t i = 0 ; i < rcgraph_n(g) ; i++) sel[i] = state[i] ;
  }
  r = rctrans_run(g, state, sel, &o) ;
  if (lock >= 0) close(lock) ;
  free(state) ;
  return r ;
}

/* top's atomic services into BOSUN_STAGE2_TOP, for PID 1 to name what is
   left unstarted if stage 2 dies; nothing worse than a vaguer message if
   it cannot be written */
static void save_top (rcgraph const *g, unsigned char const *sel)
{
  stralloc sa = STRALLOC_ZERO ;
  int ok = 1 ;
  for (size_t i = 0 ; ok && i < rcgraph_n(g) ; i++)
    if (sel[i] && rcgraph_def(g, i)->type != RC_BUNDLE)
      ok = stralloc_cats(&sa, rcgraph_name(g, i)) && stralloc_catb(&sa, "\n", 1) ;
  if (!ok || !openwritenclose_suffix(BOSUN_STAGE2_TOP, sa.s ? sa.s : "", sa.len, ".new"))
    strerr_warnwu("write ", BOSUN_STAGE2_TOP) ;
  stralloc_free(&sa) ;
}

int rcboot_up (config const *cfg, char const *const *childenv, int report)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  char const *top = "top" ;
  char const *unknown = 0 ;
  unsigned char *sel ;
  int r, installed ;
  if (!rclive_build(&g, (char const *const *)environ, &d)) { strerr_warnwu("build the service database: out of memory") ; return RCTRANS_ERROR ; }
  show_diag(&d) ;
  if (d.errors)
  {
    strerr_warnw("the service definitions have errors (above), no service was started: fix them; \"bosun check\" shows them without booting") ;
    rcgraph_free(&g) ; rcdiag_free(&d) ;
    return RCBOOT_BADDB ;
  }
  rcdiag_free(&d) ;
  /* a service that could not be installed fails in the transition, with
     what depends on it; the others still start */
  installed = rclive_install(&g, BOSUN_SERVICEDIR) ;
  sel = calloc(rcgraph_n(&g) + 1, 1) ;
  if (!sel || rcgraph_closure(&g, &top, 1, sel, &unknown) != 1) { free(sel) ; rcgraph_free(&g) ; return RCTRANS_ERROR ; }
  save_top(&g, sel) ;
  stage2_report(report, STAGE2_REPORT_TOP) ;
  r = transition(&g, sel, 1, cfg, childenv, cfg->cmd_wait_maxtime, report) ;
  if (!installed && r == RCTRANS_OK) r = RCTRANS_FAILED ;
  free(sel) ;
  rcgraph_free(&g) ;
  return r ;
}

int rcboot_down (config const *cfg, char const *const *childenv)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *sel ;
  int r ;
  if (!rclive_load(&g, &d))
  {
    int e = errno ;
    if (e != ENOENT) { show_diag(&d) ; strerr_warnw("the live service database in " BOSUN_RC_SERVICEDIRS " is unreadable, services will only get the final signals") ; }
    rcdiag_free(&d) ;
    return e == ENOENT ? 0 : RCTRANS_ERROR ;
  }
  rcdiag_free(&d) ;
  sel = calloc(rcgraph_n(&g) + 1, 1) ;
  r = sel ? transition(&g, sel, 0, cfg, childenv, 0, -1) : RCTRANS_ERROR ;
  free(sel) ;
  rcgraph_free(&g) ;
  return r ;
}
