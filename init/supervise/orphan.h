/* A supervisor killed with SIGKILL leaves its ./run behind; the scanner
   then starts a new supervisor on the same directory, which must not start
   a second copy of the service. The status file still names the old run's
   pid: if that process is alive, leads its own session (as every ./run we
   start does) and has the service directory as cwd, it is ours. It gets
   the down signal and CONT (its whole process group), then KILL after
   timeout-kill (or 2 s), waited for through a pidfd, so the new supervisor
   restarts the service cleanly, exactly once. */
#ifndef BOSUN_ORPHAN_H
#define BOSUN_ORPHAN_H

#include <sys/types.h>

int orphan_is_ours (pid_t pid) ;
void orphan_stop (char const *name, pid_t pid, int sig, unsigned int killms) ;

#endif
