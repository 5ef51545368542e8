/* What the built-in oneshots of [B8] do, run by the rc engine in a child
   like any oneshot: the legacy directories of s6-overlay v2 [F3]. */
#include <string.h>
#include <skalibs/strerr.h>
#include "legacy.h"
#include "paths.h"
#include "stages.h"

extern char **environ ;

/* [B10]: a failing script is a stage 2 failure only when
   S6_BEHAVIOUR_IF_STAGE2_FAILS says so; otherwise the services that need
   base still start, as in s6-overlay */
static int cont_init (config const *cfg)
{
  unsigned int failed = legacy_scripts(LEGACY_CONT_INIT, "cont-init", 0, (char const *const *)environ, cfg->verbosity) ;
  if (!failed) return 0 ;
  if (cfg->stage2_fails >= 2)
  {
    strerr_warn("cont-init: warning: some scripts of " LEGACY_CONT_INIT " failed, stopping the container (S6_BEHAVIOUR_IF_STAGE2_FAILS=2)") ;
    return 1 ;
  }
  if (cfg->stage2_fails == 1) strerr_warn("cont-init: warning: some scripts of " LEGACY_CONT_INIT " failed, going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)") ;
  return 0 ;
}

int builtin_action (void *ctx, char const *name, int up)
{
  config const *cfg = ctx ;
  char const *const *envp = (char const *const *)environ ;
  if (!strcmp(name, "legacy-cont-init"))
  {
    if (up) return cont_init(cfg) ;
    legacy_scripts(LEGACY_CONT_FINISH, "cont-finish", cfg->kill_finish_maxtime, envp, cfg->verbosity) ;
    return 0 ;
  }
  if (!strcmp(name, "legacy-services"))
  {
    if (up) return legacy_services_up(BOSUN_SERVICEDIR, cfg) && cfg->stage2_fails >= 2 ? 1 : 0 ;
    legacy_services_down(BOSUN_SERVICEDIR, cfg->services_gracetime) ;
    return 0 ;
  }
  /* fix-attrs: applied by its own module [B9] */
  return 0 ;
}
