#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "account.h"
#include "copytree.h"
#include "sigreset.h"
#include "spawn.h"

extern char **environ ;

/* A #! line ending in \r (a script saved on Windows) makes the kernel look
   for an interpreter called "sh\r", and execve says ENOENT as if the script
   itself were missing: tell the user what really happened. */
static int has_crlf_shebang (char const *file)
{
  char buf[256] ;
  ssize_t r = openreadnclose(file, buf, sizeof(buf)) ;
  char const *nl ;
  if (r < 3 || buf[0] != '#' || buf[1] != '!') return 0 ;
  nl = memchr(buf, '\n', (size_t)r) ;
  return nl && nl > buf && nl[-1] == '\r' ;
}

char const *spawn_why (int e, char const *file)
{
  struct stat st ;
  switch (e)
  {
    case ENOENT :
      if (!strchr(file, '/')) return "is not found in PATH, give its absolute path or fix PATH" ;
      if (stat(file, &st) < 0) return "is missing, create it (an executable script or program)" ;
      if (has_crlf_shebang(file)) return "has Windows line endings (CRLF), so the interpreter on its #! line is not found: convert it with dos2unix or sed -i 's/\\r$//'" ;
      return "names an interpreter on its #! line that does not exist, fix that line" ;
    case EACCES :
      if (stat(file, &st) == 0 && S_ISDIR(st.st_mode)) return "is a directory, make it a program" ;
      if (copytree_noexec(file)) return "is on a filesystem mounted noexec: mount it with exec (docker run --tmpfs /run:exec)" ;
      return "is not executable, chmod +x it" ;
    case ENOEXEC : return "has no #! line and is not a binary, add a #!/bin/sh line" ;
    default : return 0 ;
  }
}

void spawn_exec_failed (spawn const *sp, char const *file, int e)
{
  char const *why = spawn_why(e, file) ;
  char const *tail = sp->tail ? sp->tail : "" ;
  char const *who = sp->who ? sp->who : "" ;
  char const *colon = sp->who ? ": " : "" ;
  if (why) strerr_warn(PROG, ": ", sp->level, ": ", who, colon, file, " ", why, tail) ;
  else strerr_warn(PROG, ": ", sp->level, ": ", who, colon, file, " cannot be run: ", strerror(e), tail) ;
  _exit(e == ENOENT ? 127 : 126) ;
}

void spawn_exec (char const *const *argv, char const *const *envp)
{
  spawn sp = SPAWN_ZERO ;
  sp.level = "fatal" ;
  environ = (char **)envp ;
  execvp(argv[0], (char *const *)argv) ;
  spawn_exec_failed(&sp, argv[0], errno) ;
}

static void child_die (spawn const *sp, char const *what, char const *arg)
{
  int e = errno ;
  char const *who = sp->who ? sp->who : sp->argv ? sp->argv[0] : "child" ;
  strerr_warn(PROG, ": ", sp->level, ": ", who, ": unable to ", what, arg, ": ", strerror(e)) ;
  _exit(111) ;
}

/* Every fd from lowest up: close_range where the kernel has it (5.9),
   else the list of /proc/self/fd; a container's fd limit can be a
   million, too many to close one by one. */
static void close_from (unsigned int lowest)
{
  DIR *d ;
#ifdef SYS_close_range
  if (syscall(SYS_close_range, lowest, ~0U, 0) == 0) return ;
#endif
  d = opendir("/proc/self/fd") ;
  if (!d) return ;
  for (;;)
  {
    struct dirent *de = readdir(d) ;
    unsigned int fd ;
    if (!de) break ;
    if (!uint0_scan(de->d_name, &fd)) continue ;
    if (fd >= lowest && (int)fd != dirfd(d)) close((int)fd) ;
  }
  closedir(d) ;
}

/* fds[i] onto i. Every source is first copied above the targets, so that
   no dup2 overwrites a source that a later one needs. */
static void map_fds (spawn const *sp)
{
  int high[sp->nfds ? sp->nfds : 1] ;
  for (unsigned int i = 0 ; i < sp->nfds ; i++)
  {
    high[i] = -1 ;
    if (sp->fds[i] >= 0 && (high[i] = fcntl(sp->fds[i], F_DUPFD_CLOEXEC, (int)sp->nfds)) < 0)
      child_die(sp, "set up its file descriptors", "") ;
  }
  for (unsigned int i = 0 ; i < sp->nfds ; i++)
  {
    if (sp->fds[i] == SPAWN_CLOSE) close((int)i) ;
    else if (high[i] >= 0 && (dup2(high[i], (int)i) < 0 || close(high[i]) < 0))
      child_die(sp, "set up its file descriptors", "") ;
  }
}

static void child (spawn const *sp, int sync)
{
  if (!(sp->flags & SPAWN_KEEPSIG)) sigreset_for_child() ;
  if (sp->flags & SPAWN_SESSION)
  {
    if (setsid() < 0) child_die(sp, "create a new session", "") ;
  }
  else if (sp->flags & SPAWN_PGROUP && setpgid(0, 0) < 0) child_die(sp, "create a new process group", "") ;
  /* the parent waits for this close: the session exists */
  if (sync >= 0) close(sync) ;
  map_fds(sp) ;
  if (sp->flags & SPAWN_CLOSEFROM) close_from(sp->nfds) ;
  if (sp->cwd && chdir(sp->cwd) < 0) child_die(sp, "change directory to ", sp->cwd) ;
  if (sp->flags & SPAWN_ACCOUNT && !account_apply(sp->uid, sp->gid, &sp->gid, 1)) child_die(sp, "switch to its account", "") ;
  if (sp->inchild) (*sp->inchild)(sp->ctx) ;
  if (!sp->argv) _exit(111) ;
  if (sp->envp) environ = (char **)sp->envp ;
  {
    char const *file = sp->file ? sp->file : sp->argv[0] ;
    execvp(file, (char *const *)sp->argv) ;
    spawn_exec_failed(sp, file, errno) ;
  }
}

/* The session: the parent cannot make it for the child, so it waits for
   the child to close its end of a pipe, which the child does once setsid
   is done (or by dying). A process group: both sides set it, whichever
   comes first. */
pid_t spawn_start (spawn const *sp)
{
  int p[2] = { -1, -1 } ;
  pid_t pid ;
  if (sp->flags & SPAWN_SESSION && pipecoe(p) < 0) return -1 ;
  pid = fork() ;
  if (!pid)
  {
    if (p[0] >= 0) close(p[0]) ;
    child(sp, p[1]) ;
  }
  if (p[1] >= 0)
  {
    int e = errno ;
    char c ;
    close(p[1]) ;
    if (pid > 0) while (read(p[0], &c, 1) < 0 && errno == EINTR) ;
    close(p[0]) ;
    errno = e ;
  }
  if (pid > 0 && sp->flags & SPAWN_PGROUP && !(sp->flags & SPAWN_SESSION)) setpgid(pid, pid) ;
  return pid ;
}
