/* s6-overlay v2's directories, still used by many images [F3]: cont-init.d
   and cont-finish.d scripts [B10][S3], services.d services [B11]. For now
   stage 2 and stage 3 call these directly; the rc engine will call them as
   its built-in legacy-cont-init and legacy-services oneshots [B8]. */
#ifndef BOSUN_LEGACY_H
#define BOSUN_LEGACY_H

#include "config.h"

/* under /etc, or /etc/cont-profile.d/NAME with S6_RUNTIME_PROFILE [F4] */
#define LEGACY_CONT_INIT "cont-init.d"
#define LEGACY_CONT_FINISH "cont-finish.d"
#define LEGACY_SERVICES "services.d"
#define LEGACY_SERVICES_COPY "/run/s6/legacy-services"
#define LEGACY_SERVICES_COPY_PARENT "/run/s6"

unsigned int legacy_scripts (char const *dir, char const *label, unsigned int maxtime, char const *const *envp, unsigned int verbosity) ;
/* [B11]: copies and links every services.d service, waits for their
   supervisors, and with S6_CMD_WAIT_FOR_SERVICES for each to be up (ready,
   with a notification-fd) within S6_CMD_WAIT_FOR_SERVICES_MAXTIME.
   Returns how many could not be set up or did not come up. */
unsigned int legacy_services_up (char const *fromdir, char const *servicedir, config const *cfg) ;
/* [S3]: stops them, waiting up to gracetime ms for each to be down */
void legacy_services_down (char const *servicedir, unsigned int gracetime) ;

#endif
