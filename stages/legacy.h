/* s6-overlay v2's directories, still used by many images [F3]: cont-init.d
   and cont-finish.d scripts [B10][S3], services.d services [B11]. For now
   stage 2 and stage 3 call these directly; the rc engine will call them as
   its built-in legacy-cont-init and legacy-services oneshots [B8]. */
#ifndef BOSUN_LEGACY_H
#define BOSUN_LEGACY_H

#define LEGACY_CONT_INIT "/etc/cont-init.d"
#define LEGACY_CONT_FINISH "/etc/cont-finish.d"
#define LEGACY_SERVICES "/etc/services.d"
#define LEGACY_SERVICES_COPY "/run/s6/legacy-services"

unsigned int legacy_scripts (char const *dir, char const *label, unsigned int maxtime, char const *const *envp, unsigned int verbosity) ;
unsigned int legacy_services_up (char const *servicedir) ;

#endif
