/* with-contenv PROG...: run PROG in the container environment [V5]: an
   empty environment keeping PATH, plus every file of
   /run/s6/container_environment, read at each call so that what earlier
   oneshots wrote there is seen. Nothing to do with S6_KEEP_ENV. */
#include <errno.h>
#include <skalibs/bytestr.h>
#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "applets.h"
#include "contenv.h"
#include "paths.h"
#include "s6var.h"

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
    size_t n = byte_count(modifs.s, modifs.len, '\0') ;
    char const *v[n + 1] ;
    if (!env_make(v, n, modifs.s, modifs.len)) strerr_diefusys(111, "build the environment") ;
    v[n] = 0 ;
    xexec_ae(argv[1], argv + 1, v) ;
  }
}
