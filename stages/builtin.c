/* What the built-in oneshots of [B8] do, run by the rc engine in a child
   like any oneshot: the legacy directories of s6-overlay v2 [F3]. */
#include <string.h>
#include <skalibs/strerr.h>
#include "fixattrs.h"
#include "legacy.h"
#include "paths.h"
#include "stages.h"

/* [B10]: a failing script is a stage 2 failure only when
   S6_BEHAVIOUR_IF_STAGE2_FAILS says so; otherwise the services that need
   base still start, as in s6-overlay */
static int cont_init (config const *cfg, char const *const *childenv)
{
  unsigned int failed = legacy_scripts(LEGACY_CONT_INIT, "cont-init", 0, childenv, cfg->verbosity) ;
  if (!failed) return 0 ;
  if (cfg->stage2_fails >= 2)
  {
    strerr_warn("cont-init: warning: some scripts of " LEGACY_CONT_INIT " failed, stopping the container (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)") ;
    return 1 ;
  }
  if (cfg->stage2_fails == 1) strerr_warn("cont-init: warning: some scripts of " LEGACY_CONT_INIT " failed, going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
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
  if (!strcmp(name, "fix-attrs")) return up ? fix_attrs(b) : 0 ;
  if (!strcmp(name, "legacy-cont-init"))
  {
    if (up) return cont_init(cfg, b->childenv) ;
    legacy_scripts(LEGACY_CONT_FINISH, "cont-finish", cfg->kill_finish_maxtime, b->childenv, cfg->verbosity) ;
    return 0 ;
  }
  if (!strcmp(name, "legacy-services"))
  {
    if (up) return legacy_services_up(BOSUN_SERVICEDIR, cfg) && cfg->stage2_fails >= 2 ? 1 : 0 ;
    legacy_services_down(BOSUN_SERVICEDIR, cfg->services_gracetime) ;
    return 0 ;
  }
  return 0 ;
}
