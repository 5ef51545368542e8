/* Stage 1, environment: wait for the container manager's go [B2], save
   /init's environment as the container environment [B4], and build the
   environment everything else starts with [B5]. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/env.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "contenv.h"
#include "paths.h"
#include "stages.h"

/* [B2]: a container manager may hold /init until it has finished its own
   setup, by giving it a descriptor that it writes one line to, or closes. */
void stage1_wait_start_fd (config const *cfg)
{
  int fd = cfg->closing_fd ? (int)cfg->closing_fd : 3 ;
  char c = 0 ;
  if (fcntl(fd, F_GETFD) < 0) return ;
  for (;;)
  {
    ssize_t r = read(fd, &c, 1) ;
    if (r < 0 && errno == EINTR) continue ;
    if (r <= 0 || c == '\n') break ;
  }
  close(fd) ;
}

/* childenv receives NAME=value\0 strings: PATH only [B5], or the whole
   environment with S6_KEEP_ENV; PATH gets /command first either way [L3]. */
void stage1_environment (config const *cfg, char const *const *envp, stralloc *childenv)
{
  stralloc path = STRALLOC_ZERO ;
  char const *const *keep = cfg->keep_env ? envp : 0 ;
  if (!stralloc_cats(&path, "PATH=") || !contenv_path(&path, env_get2(envp, "PATH")))
    strerr_diefusys(111, "build PATH") ;
  if (!stralloc_catb(childenv, path.s, path.len)) strerr_diefusys(111, "build the environment") ;
  for (; keep && *keep ; keep++)
    if (strncmp(*keep, "PATH=", 5) && !stralloc_catb(childenv, *keep, strlen(*keep) + 1))
      strerr_diefusys(111, "build the environment") ;
  if (!cfg->keep_env)
  {
    size_t n = env_len(envp), m = 0 ;
    char const **snap = malloc((n + 2) * sizeof(char const *)) ;
    if (!snap) strerr_diefusys(111, "build the container environment") ;
    snap[m++] = path.s ;
    for (size_t i = 0 ; i < n ; i++) if (strncmp(envp[i], "PATH=", 5)) snap[m++] = envp[i] ;
    snap[m] = 0 ;
    if (mkdir(BOSUN_CONTENV, 0755) < 0 && errno != EEXIST) strerr_diefusys(111, "create " BOSUN_CONTENV) ;
    if (!contenv_write(BOSUN_CONTENV, snap))
      strerr_warnw("the container environment in " BOSUN_CONTENV " is incomplete: with-contenv will miss variables") ;
    free(snap) ;
  }
  stralloc_free(&path) ;
  /* s6-rc run from docker exec gives its oneshots this same environment */
  if ((mkdir(BOSUN_STATE, 0755) < 0 && errno != EEXIST) || !openwritenclose_unsafe(BOSUN_CHILDENV, childenv->s, childenv->len))
    strerr_warnwusys("write " BOSUN_CHILDENV ": oneshots started by s6-rc from outside the tree will get a bare environment") ;
}
