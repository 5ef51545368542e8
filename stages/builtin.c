/* What the built-in oneshots of [B8] do, run by the rc engine in a child
   like any oneshot: the legacy directories of s6-overlay v2 [F3]. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <skalibs/strerr.h>
#include "fixattrs.h"
#include "legacy.h"
#include "paths.h"
#include "rc/rcset.h"
#include "stages.h"

/* [F4]: ROOT/sub, ROOT being /etc or the S6_RUNTIME_PROFILE's directory
   (whose name the database build has checked already) */
static int legacy_dir (char *buf, size_t max, struct builtin_ctx const *b, char const *sub)
{
  char root[PATH_MAX] ;
  if (!rc_config_root(root, sizeof(root), b->initenv)
   || (size_t)snprintf(buf, max, "%s/%s", root, sub) >= max)
  {
    strerr_warnw("S6_RUNTIME_PROFILE is not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
    return 0 ;
  }
  return 1 ;
}

/* [B10]: a failing script is a stage 2 failure only when
   S6_BEHAVIOUR_IF_STAGE2_FAILS says so; otherwise the services that need
   base still start, as in s6-overlay */
static int cont_init (struct builtin_ctx const *b)
{
  config const *cfg = b->cfg ;
  char dir[PATH_MAX] = "cont-init.d" ;
  unsigned int failed = legacy_dir(dir, sizeof(dir), b, LEGACY_CONT_INIT) ? legacy_scripts(dir, "cont-init", 0, b->childenv, cfg->verbosity) : 1 ;
  if (!failed) return 0 ;
  if (cfg->stage2_fails >= 2)
  {
    strerr_warn("cont-init: warning: some scripts of ", dir, " failed, stopping the container (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)") ;
    return 1 ;
  }
  if (cfg->stage2_fails == 1) strerr_warn("cont-init: warning: some scripts of ", dir, " failed, going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
  return 0 ;
}

/* [B9]: same policy as cont-init.d */
static int fix_attrs (struct builtin_ctx const *b)
{
  if (!fixattrs_boot(b->initenv, b->cfg->fix_attrs_hidden, b->cfg->verbosity)) return 0 ;
  if (b->cfg->stage2_fails >= 2)
  {
    strerr_warn("fix-attrs: warning: some lines of fix-attrs.d failed, stopping the container (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)") ;
    return 1 ;
  }
  if (b->cfg->stage2_fails == 1) strerr_warn("fix-attrs: warning: some lines of fix-attrs.d failed, going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
  return 0 ;
}

int builtin_action (void *ctx, char const *name, int up)
{
  struct builtin_ctx const *b = ctx ;
  config const *cfg = b->cfg ;
  char dir[PATH_MAX] ;
  if (!strcmp(name, "fix-attrs")) return up ? fix_attrs(b) : 0 ;
  if (!strcmp(name, "legacy-cont-init"))
  {
    if (up) return cont_init(b) ;
    if (legacy_dir(dir, sizeof(dir), b, LEGACY_CONT_FINISH))
      legacy_scripts(dir, "cont-finish", cfg->kill_finish_maxtime, b->childenv, cfg->verbosity) ;
    return 0 ;
  }
  if (!strcmp(name, "legacy-services"))
  {
    if (up)
    {
      unsigned int failed = legacy_dir(dir, sizeof(dir), b, LEGACY_SERVICES) ? legacy_services_up(BOSUN_SERVICEDIR, dir, cfg) : 1 ;
      return failed && cfg->stage2_fails >= 2 ? 1 : 0 ;
    }
    legacy_services_down(BOSUN_SERVICEDIR, cfg->services_gracetime) ;
    return 0 ;
  }
  return 0 ;
}
