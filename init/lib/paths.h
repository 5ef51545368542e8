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
#define BOSUN_SERVICEDIR "/run/service"
#define BOSUN_RESULTS "/run/s6-linux-init-container-results"
#define BOSUN_EXITCODE "/run/s6-linux-init-container-results/exitcode"
#define BOSUN_COMMANDDIR "/command"
#define BOSUN_SELF_FALLBACK "/command/bosun"

#endif
