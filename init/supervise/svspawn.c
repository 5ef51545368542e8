#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/exec.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "sigreset.h"
#include "copytree.h"
#include "shebang.h"
#include "spawn.h"
#include "svspawn.h"

static void child_setup (svspawn const *sp)
{
  sigreset_for_child() ;
  if (setsid() < 0) strerr_diefusys(111, "create a new session for service ", sp->name) ;
  if (!sp->keepstdin)
  {
    int fd = open("/dev/null", O_RDONLY) ;
    if (fd < 0 || fd_move(0, fd) < 0) strerr_diefusys(111, "open /dev/null as stdin of service ", sp->name) ;
  }
}

/* On a noexec filesystem (docker run --tmpfs /run) the kernel refuses to
   run a copied script, but its interpreter may still read it: run that,
   as the kernel would have. Returns only if it cannot. */
static void exec_via_interpreter (svspawn const *sp, char const *file, char const *const *argv)
{
  char line[512] ;
  char const *interp, *arg ;
  size_t n = 0 ;
  ssize_t r = openreadnclose(file, line, sizeof(line) - 1) ;
  if (r <= 0 || !shebang_parse(line, (size_t)r, &interp, &arg)) { errno = EACCES ; return ; }
  while (argv[n]) n++ ;
  {
    char const *v[n + 3] ;
    size_t k = 0 ;
    v[k++] = interp ;
    if (arg) v[k++] = arg ;
    v[k++] = file ;
    for (size_t i = 1 ; i <= n ; i++) v[k++] = argv[i] ;
    mexec_afm(interp, v, sp->envp, env_len(sp->envp), sp->modifs, sp->modiflen) ;
  }
  errno = EACCES ;
}

static void child_exec (svspawn const *sp, char const *file, char const *const *argv, char const *tail)
{
  char const *why ;
  mexec_afm(file, argv, sp->envp, env_len(sp->envp), sp->modifs, sp->modiflen) ;
  if (errno == EACCES && copytree_noexec(file)) exec_via_interpreter(sp, file, argv) ;
  why = spawn_why(errno, file) ;
  if (why) strerr_die(errno == ENOENT ? 127 : 126, PROG, ": error: service ", sp->name, ": ", file + 2, " ", why, tail) ;
  strerr_die(errno == ENOENT ? 127 : 126, PROG, ": error: service ", sp->name, ": cannot run ", file + 2, ": ", strerror(errno), tail) ;
}

pid_t svspawn_run (svspawn const *sp, int notifw, int notiffd)
{
  char const *argv[2] = { "./run", 0 } ;
  pid_t pid = fork() ;
  if (pid) return pid ;
  child_setup(sp) ;
  if (notifw >= 0)
  {
    if (notifw == notiffd) { if (uncoe(notifw) < 0) strerr_diefusys(111, "pass notification-fd to service ", sp->name) ; }
    else if (fd_move(notiffd, notifw) < 0) strerr_diefusys(111, "pass notification-fd to service ", sp->name) ;
  }
  child_exec(sp, argv[0], argv, ", retrying in a second") ;
  return -1 ;
}

/* finish's arguments [V1]: exit code or 256, the signal or 0, the
   service name, the process group of the dead ./run */
pid_t svspawn_finish (svspawn const *sp, int wstat, pid_t pgid)
{
  char code[UINT_FMT], sig[UINT_FMT], grp[PID_FMT] ;
  char const *argv[6] = { "./finish", code, sig, sp->name, grp, 0 } ;
  pid_t pid ;
  code[uint_fmt(code, WIFSIGNALED(wstat) ? 256 : (unsigned int)WEXITSTATUS(wstat))] = 0 ;
  sig[uint_fmt(sig, WIFSIGNALED(wstat) ? (unsigned int)WTERMSIG(wstat) : 0)] = 0 ;
  grp[pid_fmt(grp, pgid)] = 0 ;
  pid = fork() ;
  if (pid) return pid ;
  child_setup(sp) ;
  child_exec(sp, argv[0], argv, "") ;
  return -1 ;
}
