/* What the built-in oneshots of [B8] do, run by the rc engine in a child
   like any oneshot: the legacy directories of s6-overlay v2 [F3]. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/strerr.h>
#include "dirlist.h"
#include "fixattrs.h"
#include "legacy.h"
#include "paths.h"
#include "stages.h"
#include "rc/rcset.h"

/* [B10]: a failing script is a stage 2 failure only when
   S6_BEHAVIOUR_IF_STAGE2_FAILS says so; otherwise the services that need
   base still start, as in s6-overlay */
/* DIR under the configuration root: /etc, or the profile's [F4] */
static int legacy_dir_quiet (struct builtin_ctx const *b, char const *sub, char *dir, size_t len)
{
  char root[PATH_MAX] ;
  return rc_config_root(root, sizeof(root), b->initenv) && (size_t)snprintf(dir, len, "%s/%s", root, sub) < len ;
}

static int legacy_dir (struct builtin_ctx const *b, char const *sub, char *dir, size_t len)
{
  if (!legacy_dir_quiet(b, sub, dir, len))
  {
    strerr_warn(PROG, ": error: S6_RUNTIME_PROFILE is not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
    return 0 ;
  }
  return 1 ;
}

/* A legacy stage's failure under S6_BEHAVIOUR_IF_STAGE2_FAILS: nothing
   at 0; at 1 and 2, s6-overlay's line (at S6_VERBOSITY 1 or more), then
   bosun's naming what and what comes of it [B12]. 1 when the stage must
   fail (2: the services that need it do not start, the boot stops). */
static int legacy_failed (config const *cfg, char const *part, char const *s6line, char const *what)
{
  int stop = cfg->stage2_fails >= 2 ;
  if (!cfg->stage2_fails) return 0 ;
  if (cfg->verbosity >= 1) strerr_warn(s6line) ;
  strerr_warn("bosun: ", part, ": warning: ", what, stop ? ", the boot stops (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)" : ", going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
  return stop ;
}

static int cont_init (config const *cfg, char const *dir, char const *const *childenv)
{
  char what[PATH_MAX + 40] ;
  if (!legacy_scripts(dir, "cont-init", 0, childenv, cfg->verbosity)) return 0 ;
  snprintf(what, sizeof(what), "some scripts of %s failed (named above)", dir) ;
  return legacy_failed(cfg, "cont-init", "cont-init: warning: some scripts exited nonzero", what) ;
}

/* [B9]: same policy as cont-init.d */
static int fix_attrs (struct builtin_ctx const *b)
{
  if (!fixattrs_boot(b->initenv, b->cfg->fix_attrs_hidden, b->cfg->verbosity)) return 0 ;
  return legacy_failed(b->cfg, "fix-attrs", "fix-attrs: warning: some fix files failed to apply", "some lines of fix-attrs.d failed (named above)") ;
}

/* [B11]: same policy */
static int services_up (config const *cfg, char const *dir)
{
  if (!legacy_services_up(dir, BOSUN_SERVICEDIR, cfg)) return 0 ;
  return legacy_failed(cfg, "services-up", "services-up: warning: some legacy longruns failed to start", "some services of services.d did not come up (named above)") ;
}

static int run_builtin (struct builtin_ctx const *b, char const *name, int up)
{
  config const *cfg = b->cfg ;
  char dir[PATH_MAX] ;
  if (!strcmp(name, "fix-attrs")) return up ? fix_attrs(b) : 0 ;
  if (!strcmp(name, "legacy-cont-init"))
  {
    if (!legacy_dir(b, up ? LEGACY_CONT_INIT : LEGACY_CONT_FINISH, dir, sizeof(dir))) return up && cfg->stage2_fails >= 2 ;
    if (up) return cont_init(cfg, dir, b->childenv) ;
    legacy_scripts(dir, "cont-finish", cfg->kill_finish_maxtime, b->childenv, cfg->verbosity) ;
    return 0 ;
  }
  if (!strcmp(name, "legacy-services"))
  {
    if (!up) { legacy_services_down(BOSUN_SERVICEDIR, cfg->services_gracetime) ; return 0 ; }
    if (!legacy_dir(b, LEGACY_SERVICES, dir, sizeof(dir))) return cfg->stage2_fails >= 2 ;
    return services_up(cfg, dir) ;
  }
  return 0 ;
}

/* In the oneshot's child, forked without an exec: the parent's lock is
   closed here, so that it is never held by this child after the parent
   is gone (a killed stage 2); stage 2's report says where it is. */
int builtin_action (void *ctx, char const *name, int up)
{
  struct builtin_ctx const *b = ctx ;
  char step = 0 ;
  int r ;
  if (b->lock >= 0) close(b->lock) ;
  if (up && !strcmp(name, "legacy-cont-init")) step = STAGE2_REPORT_CONTINIT ;
  if (up && !strcmp(name, "legacy-services")) step = STAGE2_REPORT_SERVICES ;
  if (step) stage2_report(b->report, step) ;
  r = run_builtin(b, name, up) ;
  if (step) stage2_report(b->report, STAGE2_REPORT_TOP) ;
  return r ;
}

/* nothing in DIR but dot-files, or no DIR at all */
static int empty_dir (char const *dir)
{
  dirlist dl = DIRLIST_ZERO ;
  int empty ;
  if (!dirlist_read(&dl, dir)) return errno == ENOENT || errno == ENOTDIR ;
  empty = !dl.n ;
  dirlist_free(&dl) ;
  return empty ;
}

int builtin_idle (void *ctx, char const *name, int up)
{
  struct builtin_ctx const *b = ctx ;
  char const *sub = 0 ;
  char dir[PATH_MAX] ;
  if (!strcmp(name, "fix-attrs")) sub = up ? FIXATTRS_SUBDIR : 0 ;
  else if (!strcmp(name, "legacy-cont-init")) sub = up ? LEGACY_CONT_INIT : LEGACY_CONT_FINISH ;
  else if (!strcmp(name, "legacy-services"))
  {
    if (!up) return empty_dir(LEGACY_SERVICES_COPY) ;
    sub = LEGACY_SERVICES ;
  }
  if (!sub) return 1 ;
  /* a bad profile name is said by the action itself */
  return legacy_dir_quiet(b, sub, dir, sizeof(dir)) && empty_dir(dir) ;
}
