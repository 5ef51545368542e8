#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/bytestr.h>
#include <skalibs/djbunix.h>
#include <skalibs/env.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "paths.h"
#include "spawn.h"
#include "svenv.h"
#include "rc/rcexec.h"

extern char **environ ;

/* The oneshot's directory: the live copy holds env/ and data/; a
   built-in has none and runs in / */
static int oneshot_dir (rcdef const *def, char *dir, size_t len)
{
  struct stat st ;
  if ((size_t)snprintf(dir, len, "%s/%s", BOSUN_RC_SERVICEDIRS, def->name.s) >= len
   || stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) return 0 ;
  return 1 ;
}

struct oneshot
{
  rcdef const *def ;
  int up ;
  char const *const *envp ;
  rctrans_builtin_fn *builtin ;
  void *ctx ;
} ;

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

/* In the child, in its directory: a built-in runs here; a command line
   gets its environment, and spawn execs it */
static void oneshot_child (void *ctx)
{
  struct oneshot const *o = ctx ;
  PROG = "s6-rc" ;
  /* a built-in picks its environments from ctx */
  if (o->def->builtin) _exit(o->builtin ? o->builtin(o->ctx, o->def->name.s, o->up) : 0) ;
  child_env(o->def, o->envp) ;
}

static char const **oneshot_argv (rcdef const *def, int up)
{
  stralloc const *words = up ? &def->up : &def->down ;
  size_t n = (size_t)(up ? def->upwords : def->downwords) ;
  char const **argv = malloc((n + 1) * sizeof(char const *)) ;
  size_t k = 0 ;
  if (!argv) return 0 ;
  for (size_t pos = 0 ; k < n && pos < words->len ; pos += strlen(words->s + pos) + 1) argv[k++] = words->s + pos ;
  argv[k] = 0 ;
  return argv ;
}

/* Its own process group, made before this returns, so that a timeout or
   an interrupt that kills the group cannot miss it [I4]. stdin is
   /dev/null. A command that cannot run is a warning: the transition goes
   on, and says what became of it [B12]. */
pid_t rcexec_oneshot (rcdef const *def, int up, char const *const *envp, rctrans_builtin_fn *builtin, void *ctx)
{
  char dir[4096] ;
  char who[4096] ;
  int fds[1] ;
  struct oneshot o = { .def = def, .up = up, .envp = envp, .builtin = builtin, .ctx = ctx } ;
  char const **argv = 0 ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  if (!def->builtin && !(argv = oneshot_argv(def, up))) return -1 ;
  fds[0] = open("/dev/null", O_RDONLY | O_CLOEXEC) ;
  if (fds[0] < 0) { free(argv) ; return -1 ; }
  snprintf(who, sizeof(who), "service %s", def->name.s) ;
  sp.who = who ;
  sp.tail = up ? " (named in its up file)" : " (named in its down file)" ;
  sp.argv = argv ;
  sp.cwd = oneshot_dir(def, dir, sizeof(dir)) ? dir : "/" ;
  sp.fds = fds ; sp.nfds = 1 ;
  sp.flags = SPAWN_PGROUP ;
  sp.inchild = &oneshot_child ; sp.ctx = &o ;
  pid = spawn_start(&sp) ;
  {
    int e = errno ;
    close(fds[0]) ;
    free(argv) ;
    errno = e ;
  }
  return pid ;
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
