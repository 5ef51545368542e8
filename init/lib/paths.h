/* Every path bosun reads or writes at run time. Only /run is written:
   the image itself is never modified [P2]. */
#ifndef BOSUN_PATHS_H
#define BOSUN_PATHS_H

#define BOSUN_RUN "/run"
#define BOSUN_VARRUN "/var/run"
#define BOSUN_S6 "/run/s6"
#define BOSUN_CONTENV "/run/s6/container_environment"
#define BOSUN_BASEDIR_BIN "/run/s6/basedir/bin"
#define BOSUN_STATE "/run/s6/bosun"
#define BOSUN_CONTROL "/run/s6/bosun/control"
/* written by stage 2 once "top" is up, for bosun health [B7] */
#define BOSUN_STAGE2_DONE "/run/s6/bosun/stage2-done"
/* top's atomic services, one a line, written by stage 2 before it brings
   them up: what PID 1 names as left unstarted if stage 2 dies */
#define BOSUN_STAGE2_TOP "/run/s6/bosun/stage2-top"
#define BOSUN_SERVICEDIR "/run/service"
#define BOSUN_RESULTS "/run/s6-linux-init-container-results"
#define BOSUN_EXITCODE "/run/s6-linux-init-container-results/exitcode"
/* the rc engine's live state [B7] */
#define BOSUN_RC_LIVE "/run/s6-rc"
#define BOSUN_RC_SERVICEDIRS "/run/s6-rc/servicedirs"
/* where s6-overlay keeps its package; images add to its sources [B8] */
#define BOSUN_PACKAGE_ADMIN "/package/admin"
#define BOSUN_RC_STATE "/run/s6-rc/state"
#define BOSUN_RC_LOCK "/run/s6-rc/lock"
/* the environment PID 1 gives every child [B5], NAME=value\0..., for the
   oneshots that s6-rc runs from outside the tree (docker exec) */
#define BOSUN_CHILDENV "/run/s6/bosun/childenv"
#define BOSUN_COMMANDDIR "/command"
#define BOSUN_SELF_FALLBACK "/command/bosun"

#endif
