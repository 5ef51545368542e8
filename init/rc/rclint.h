/* What bosun check finds beyond a definition's syntax: what would fail at
   run time [B7][E2][R8][H3]. Scripts with CRLF line endings or a #!
   interpreter the image lacks, env files that do not parse, a
   notification-fd that clashes with another fd of the service, links that
   point nowhere; and the legacy directories the boot reads [F3]: a
   services.d service without run, cont-init.d/cont-finish.d entries that
   cannot be executed. Every path is a path of this system: the image's
   root directory (root, "" for /) is prefixed to what the boot would
   read, and links and interpreters are resolved inside it. Every problem
   goes to d, naming its file and the fix. */
#ifndef BOSUN_RCLINT_H
#define BOSUN_RCLINT_H

#include <skalibs/stralloc.h>
#include "rc/rcdef.h"
#include "rc/rcdiag.h"

typedef struct rclint_s rclint ;
struct rclint_s
{
  char const *root ;
  rcdiag *d ;
} ;

#define RCLINT_KERNEL 0x01   /* executed by the kernel: #! line or binary */
#define RCLINT_MODE 0x02     /* must already be executable (not made so at copy) */
#define RCLINT_CMDLINE 0x04  /* an execline command line (oneshot up/down) */

/* the host path where PATH (of this system, root included) really is in
   the image, links followed inside it: 1 if it exists */
int rclint_real (rclint const *l, char const *path, stralloc *real) ;

/* one file; a file that does not resolve is left to rclint_links */
void rclint_script (rclint const *l, char const *path, unsigned int flags) ;
/* DIR/env/env, or DIR/env/ as an envdir, as the service would load them */
void rclint_env (rclint const *l, char const *dir) ;
/* notification-fd against 0-2, lock-fd and the held sockets' 3.. [H3] */
void rclint_fds (rclint const *l, char const *dir, int hasnotif, unsigned int notif, int haslock, unsigned int lock) ;
/* every symbolic link under DIR must point somewhere inside the image */
void rclint_links (rclint const *l, char const *dir) ;

/* an s6-rc.d longrun or oneshot (others are left alone) */
void rclint_definition (rclint const *l, rcdef const *def) ;
/* services.d, cont-init.d, cont-finish.d under the configuration root
   CONF (a path of this system: root included) */
void rclint_legacy (rclint const *l, char const *conf) ;

#endif
