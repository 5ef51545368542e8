/* Running a oneshot's up or down [R4][E1]: in a child of its own process
   group (so a timeout kills everything it started), cwd its live
   directory, stdin /dev/null, stdout and stderr the caller's, the base
   environment plus RC_NAME and the service's env/. A built-in [B8] runs
   its C action in that child instead of a command line. */
#ifndef BOSUN_RCEXEC_H
#define BOSUN_RCEXEC_H

#include "rc/rcdef.h"
#include "rc/rctrans.h"

/* the child's pid, or -1 with errno set */
pid_t rcexec_oneshot (rcdef const *def, int up, char const *const *envp, rctrans_builtin_fn *builtin, void *ctx) ;

/* s6-rc -n: what would run, on stderr */
void rcexec_dryrun (rcdef const *def, int up) ;

#endif
