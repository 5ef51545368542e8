#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "paths.h"
#include "sigreset.h"
#include "svenv.h"
#include "rc/rcexec.h"

extern char **environ ;

static void child_setup (rcdef const *def)
{
  char dir[4096] ;
  int fd ;
  sigreset_for_child() ;
  setpgid(0, 0) ;
  /* the live copy holds env/ and data/; a built-in has none */
  if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", BOSUN_RC_SERVICEDIRS, def->name.s) >= sizeof(dir) || chdir(dir) < 0)
    if (chdir("/") < 0) strerr_diefusys(111, "chdir to / for service ", def->name.s) ;
  fd = open("/dev/null", O_RDONLY) ;
  if (fd < 0 || fd_move(0, fd) < 0) strerr_diefusys(111, "open /dev/null as stdin of service ", def->name.s) ;
}

/* base + RC_NAME + env/, made the process's environment so that the
   command is looked up in the service's own PATH */
static void child_env (rcdef const *def, char const *const *envp)
{
  stralloc modifs = STRALLOC_ZERO ;
  size_t n = env_len(envp) ;
  char const **v ;
  size_t m ;
  if (!stralloc_cats(&modifs, "RC_NAME=") || !stralloc_cats(&modifs, def->name.s) || !stralloc_0(&modifs))
    strerr_diefusys(111, "build the environment of service ", def->name.s) ;
  if (!svenv_load(def->name.s, &modifs)) _exit(1) ;
  m = byte_count(modifs.s, modifs.len, '\0') ;
  v = malloc((n + m + 1) * sizeof(char const *)) ;
  if (!v || !env_merge(v, n + m + 1, envp, n, modifs.s, modifs.len))
    strerr_diefusys(111, "build the environment of service ", def->name.s) ;
  environ = (char **)v ;
}

static void child_exec (rcdef const *def, int up)
{
  stralloc const *words = up ? &def->up : &def->down ;
  size_t n = (size_t)(up ? def->upwords : def->downwords) ;
  char const **argv = malloc((n + 1) * sizeof(char const *)) ;
  size_t k = 0 ;
  if (!argv) strerr_diefusys(111, "run service ", def->name.s) ;
  for (size_t pos = 0 ; k < n && pos < words->len ; pos += strlen(words->s + pos) + 1) argv[k++] = words->s + pos ;
  argv[k] = 0 ;
  execvp(argv[0], (char *const *)argv) ;
  /* a warning: the transition goes on, and says what became of it [B12] */
  if (errno == ENOENT)
  {
    strerr_warn("s6-rc: warning: service ", def->name.s, ": ", argv[0], " not found (in its ", up ? "up" : "down", " file): give an absolute path, or check PATH") ;
    _exit(127) ;
  }
  strerr_warn("s6-rc: warning: service ", def->name.s, ": unable to run ", argv[0], ": ", strerror(errno), " (is it an executable file?)") ;
  _exit(126) ;
}

pid_t rcexec_oneshot (rcdef const *def, int up, char const *const *envp, rctrans_builtin_fn *builtin, void *ctx)
{
  pid_t pid = fork() ;
  if (pid) return pid ;
  PROG = "s6-rc" ;
  child_setup(def) ;
  /* a built-in picks its environments from ctx */
  if (def->builtin) _exit(builtin ? builtin(ctx, def->name.s, up) : 0) ;
  child_env(def, envp) ;
  child_exec(def, up) ;
  _exit(111) ;
}

void rcexec_dryrun (rcdef const *def, int up)
{
  stralloc const *words = up ? &def->up : &def->down ;
  stralloc line = STRALLOC_ZERO ;
  int ok = stralloc_cats(&line, def->builtin ? "(built-in action)" : "") ;
  for (size_t pos = 0 ; ok && pos < words->len ; pos += strlen(words->s + pos) + 1)
    ok = stralloc_cats(&line, pos ? " " : "") && stralloc_cats(&line, words->s + pos) ;
  if (ok && stralloc_0(&line)) strerr_warn("s6-rc-dryrun: ", def->name.s, up ? " up: " : " down: ", line.s) ;
  stralloc_free(&line) ;
}
