/* with-contenv PROG...: run PROG in the container environment [V5]: an
   empty environment keeping PATH, plus every file of
   /run/s6/container_environment, read at each call so that what earlier
   oneshots wrote there is seen. Nothing to do with S6_KEEP_ENV. The
   variables a service's own env files set stay on top [E1]: the
   supervisor names them in BOSUN_SERVICE_ENV. */
#include <errno.h>
#include <string.h>
#include <skalibs/bytestr.h>
#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "applets.h"
#include "contenv.h"
#include "paths.h"
#include "s6var.h"
#include "svenv.h"

/* The service's own variables as env_merge modifications: NAME=value as
   the caller has it, or NAME alone (unset) where the caller lacks it. */
static int service_modifs (char const *const *envp, stralloc *sa)
{
  char const *names = env_get2(envp, SVENV_VAR) ;
  size_t i = 0 ;
  if (!names) return 1 ;
  while (names[i])
  {
    size_t len = str_chr(names + i, SVENV_SEP) ;
    char name[len + 1] ;
    char const *value ;
    memcpy(name, names + i, len) ;
    name[len] = 0 ;
    value = len ? env_get2(envp, name) : 0 ;
    if (len && (!stralloc_cats(sa, name)
      || (value && (!stralloc_append(sa, '=') || !stralloc_cats(sa, value)))
      || !stralloc_0(sa))) return 0 ;
    i += len + !!names[i + len] ;
  }
  return stralloc_cats(sa, SVENV_VAR "=") && stralloc_cats(sa, names) && stralloc_0(sa) ;
}

int with_contenv_main (int argc, char const *const *argv, char const *const *envp)
{
  stralloc modifs = STRALLOC_ZERO ;
  char const *path = env_get2(envp, "PATH") ;
  PROG = "with-contenv" ;
  if (argc < 2) strerr_dieusage(100, "with-contenv PROG [ARGS...]") ;
  if (s6var_flag(envp, "S6_KEEP_ENV")) xexec(argv + 1) ;
  if (path && (!stralloc_cats(&modifs, "PATH=") || !stralloc_cats(&modifs, path) || !stralloc_0(&modifs)))
    strerr_diefusys(111, "build the environment") ;
  /* no snapshot means /init kept the whole environment: nothing to add */
  if (!contenv_load(BOSUN_CONTENV, &modifs) && errno != ENOENT)
    strerr_diefusys(111, "read " BOSUN_CONTENV) ;
  {
    stralloc own = STRALLOC_ZERO ;
    size_t n = byte_count(modifs.s, modifs.len, '\0') ;
    size_t m ;
    char const *base[n + 1] ;
    if (!service_modifs(envp, &own)) strerr_diefusys(111, "build the environment") ;
    if (!env_make(base, n, modifs.s, modifs.len)) strerr_diefusys(111, "build the environment") ;
    m = byte_count(own.s, own.len, '\0') ;
    {
      char const *v[n + m + 1] ;
      if (!env_merge(v, n + m + 1, base, n, own.s, own.len)) strerr_diefusys(111, "build the environment") ;
      xexec_ae(argv[1], argv + 1, v) ;
    }
  }
}
