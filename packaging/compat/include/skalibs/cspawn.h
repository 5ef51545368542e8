/* bosun compat layer: the skalibs >= 2.14 cspawn API on top of skalibs
 * 2.13.1.1, which is the newest skalibs Debian serves. execline 2.9.6.1
 * calls these; the names, types and field names follow skalibs' public
 * documentation (libstddjb/cspawn.html) so that execline compiles unchanged.
 * The implementation is bosun's own (packaging/compat/cspawn.c). */

#ifndef SKALIBS_CSPAWN_H
#define SKALIBS_CSPAWN_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>

/* flags: or-able. SELFPIPE_FINISH undoes selfpipe_init() in the child,
 * SIGBLOCKNONE empties the child's signal mask, SETSID makes the child a
 * session leader (and so also the leader of a new process group). */
#define CSPAWN_FLAGS_SELFPIPE_FINISH 0x0001U
#define CSPAWN_FLAGS_SIGBLOCKNONE 0x0002U
#define CSPAWN_FLAGS_SETSID 0x0004U

/* file actions, done in the child in array order, before exec */
enum cspawn_fileaction_type_e
{
  CSPAWN_FA_CLOSE,  /* close(x.fd) */
  CSPAWN_FA_COPY,   /* dup2(x.fd2[1], x.fd2[0]) */
  CSPAWN_FA_MOVE,   /* dup2(x.fd2[1], x.fd2[0]) then close(x.fd2[1]) */
  CSPAWN_FA_OPEN    /* x.openinfo.fd = open(file, oflag, mode) */
} ;

typedef struct cspawn_fa_openinfo_s cspawn_fa_openinfo, *cspawn_fa_openinfo_ref ;
struct cspawn_fa_openinfo_s
{
  int fd ;
  char const *file ;
  int oflag ;
  mode_t mode ;
} ;

typedef union cspawn_fileaction_u cspawn_fileaction_u, *cspawn_fileaction_u_ref ;
union cspawn_fileaction_u
{
  int fd ;
  int fd2[2] ;  /* [0] = destination, [1] = source */
  cspawn_fa_openinfo openinfo ;
} ;

typedef struct cspawn_fileaction_s cspawn_fileaction, *cspawn_fileaction_ref ;
struct cspawn_fileaction_s
{
  unsigned int type ;
  cspawn_fileaction_u x ;
} ;

/* Spawns file (PATH-searched as exec_ae does) with argv and envp as a child.
 * Returns the child's pid, or 0 with errno set if the child could not be
 * created or could not exec (errno is the child's exec error then, e.g.
 * ENOENT for a missing program; the failed child has been reaped). */
extern pid_t cspawn (char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n) ;

/* Same, but the program runs as a grandchild: the intermediate child is
 * reaped before gcspawn returns, so the caller never has to wait for the
 * program (it is re-parented to the nearest subreaper). */
extern pid_t gcspawn (char const *file, char const *const *argv, char const *const *envp, uint32_t flags, cspawn_fileaction const *fa, size_t n) ;

#endif
