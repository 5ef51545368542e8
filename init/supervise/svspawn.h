/* Starting ./run and ./finish [V2][I1]: a new session, cwd = the service
   directory (the supervisor's own cwd), stdin /dev/null (a logger or the
   consumer of a pipeline keeps the supervisor's stdin: the pipe the scanner
   holds for it [R6]), stdout and stderr
   inherited, empty signal mask, default dispositions, the supervisor's
   environment plus the service's env/ [E1]. When ./run cannot be executed
   the child says why, naming the service, and exits 126 or 127: the
   supervisor treats that as a death and retries at its usual pace. */
#ifndef BOSUN_SVSPAWN_H
#define BOSUN_SVSPAWN_H

#include <stddef.h>
#include <sys/types.h>

typedef struct svspawn_s svspawn ;
struct svspawn_s
{
  char const *name ;             /* the service, for messages */
  int keepstdin ;                /* a logger */
  char const *const *envp ;
  char const *modifs ;           /* env_merge format */
  size_t modiflen ;
} ;

/* notifw >= 0: moved to notiffd in the child */
pid_t svspawn_run (svspawn const *sp, int notifw, int notiffd) ;
pid_t svspawn_finish (svspawn const *sp, int wstat, pid_t pgid) ;

#endif
