#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include "copytree.h"
#include "dirfd.h"
#include "svappear.h"
#include "paths.h"
#include "rc/rclive.h"
#include "rc/rcset.h"

/* how long the tree may take to pick up the new longruns */
#define SUPERVISE_WAIT_MS 10000

int rclive_build (rcgraph *g, char const *const *envp, rcdiag *d)
{
  rcset set = RCSET_ZERO ;
  rcsources src ;
  if (!rcset_builtins(&set)) return 0 ;
  if (!rcsources_from_env(&src, envp))
    rc_error(d, "S6_RUNTIME_PROFILE", "not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
  else if (!rcset_read_tree(&set, src.defs, d) || !rcset_read_bundles(&set, src.bundles, d)
    || !rcset_read_package(&set, BOSUN_PACKAGE_ADMIN, d, RCSET_PACKAGE)) return 0 ;
  return rcgraph_build(g, &set, d) ;
}

int rclive_load (rcgraph *g, rcdiag *d)
{
  rcset set = RCSET_ZERO ;
  struct stat st ;
  if (stat(BOSUN_RC_SERVICEDIRS, &st) < 0) return 0 ;
  /* the copies hold every service; the built-ins' additions are read
     again from the package [B8] */
  if (!rcset_builtins(&set) || !rcset_read_tree(&set, BOSUN_RC_SERVICEDIRS, d)
   || !rcset_read_package(&set, BOSUN_PACKAGE_ADMIN, d, RCSET_EXTENSIONS)) return (errno = ENOMEM, 0) ;
  if (!rcgraph_build(g, &set, d)) return (errno = ENOMEM, 0) ;
  if (d->errors) { errno = EINVAL ; return 0 ; }
  return 1 ;
}

int rclive_dir (rcgraph const *g, size_t i, char *path, size_t len)
{
  return (size_t)snprintf(path, len, "%s/%s", BOSUN_RC_SERVICEDIRS, rcgraph_name(g, i)) < len ;
}

/* a bundle's copy is its type and the names it holds, merged from every
   place they came from (the user bundles have two [F2]) */
static int install_bundle (rcdef const *def, char const *dir)
{
  stralloc sa = STRALLOC_ZERO ;
  int fd = dirfd_make_path(dir, 0755) ;
  int ok = fd >= 0 ;
  for (size_t k = 0 ; ok && k < def->contents.len ; k += strlen(def->contents.s + k) + 1)
    ok = stralloc_cats(&sa, def->contents.s + k) && stralloc_catb(&sa, "\n", 1) ;
  ok = ok && dirfd_write(fd, "type", "bundle\n", 7, 0644) == 0
    && dirfd_write(fd, "contents", sa.s ? sa.s : "", sa.len, 0644) == 0 ;
  if (fd >= 0) close(fd) ;
  stralloc_free(&sa) ;
  return ok ;
}

/* [R5]: run and finish made executable (a link to the image's file, on a
   noexec /run, is left alone: its mode is the image's); [R7]: a down
   file, so the tree supervises it down until a transition brings it up */
static int install_longrun (char const *dir)
{
  static char const *const exe[] = { "run", "finish" } ;
  int ok = 1, fd = dirfd_make_path(dir, 0755) ;
  if (fd < 0) return 0 ;
  for (size_t i = 0 ; ok && i < 2 ; i++)
  {
    struct stat st ;
    int pinned = dirfd_pin(fd, exe[i], 0, &st) ;
    if (pinned < 0) continue ;
    /* on a noexec /run the supervisor runs a script's copy through
       its #! interpreter */
    if (S_ISREG(st.st_mode)) ok = dirfd_chmod(pinned, (st.st_mode & 07777) | 0111) == 0 ;
    close(pinned) ;
  }
  ok = ok && dirfd_write(fd, "down", "", 0, 0644) == 0 ;
  close(fd) ;
  return ok && svappear_prepare(dir) ;
}

/* [R8]: a copy that failed stays in the database, so that the graph read
   back from it (s6-rc, stage 3) is whole, marked so that nothing starts it */
static void mark_failed (char const *dir)
{
  int fd = dirfd_make_path(dir, 0755) ;
  if (fd < 0 || dirfd_write(fd, RCLIVE_FAILED, "", 0, 0644) < 0) strerr_warnwusys("mark ", dir, " as a failed copy") ;
  if (fd >= 0) close(fd) ;
}

static int install_one (rcgraph const *g, size_t i, int noexec)
{
  rcdef const *def = rcgraph_def(g, i) ;
  char dir[4096] ;
  if (!rclive_dir(g, i, dir, sizeof(dir))) return (errno = ENAMETOOLONG, 0) ;
  if (def->type == RC_BUNDLE) return install_bundle(def, dir) ;
  if (copytree(def->dir.s, dir, COPYTREE_KEEP_PARTIAL | (noexec ? COPYTREE_LINK_EXEC : 0))
   && (def->type != RC_LONGRUN || install_longrun(dir))) return 1 ;
  mark_failed(dir) ;
  return 0 ;
}

/* every longrun supervised before the first transition tells it anything */
static int wait_supervised (rcgraph const *g, char const *servicedir)
{
  size_t n = rcgraph_n(g), m = 0, left ;
  char *paths = malloc((n + 1) * 4096) ;
  char const **dirs = malloc((n + 1) * sizeof(char const *)) ;
  if (!paths || !dirs) { free(paths) ; free(dirs) ; strerr_warnwu("wait for the supervisors: out of memory") ; return 0 ; }
  for (size_t i = 0 ; i < n ; i++)
    if (rcgraph_def(g, i)->type == RC_LONGRUN && rclive_installed(g, i) && rclive_dir(g, i, paths + m * 4096, 4096))
    {
      dirs[m] = paths + m * 4096 ;
      m++ ;
    }
  left = svappear_wait(servicedir, dirs, m, SUPERVISE_WAIT_MS) ;
  free(paths) ;
  free(dirs) ;
  return !left ;
}

int rclive_installed (rcgraph const *g, size_t i)
{
  char dir[4096], mark[4096] ;
  return rclive_dir(g, i, dir, sizeof(dir)) && access(dir, F_OK) == 0
    && (size_t)snprintf(mark, sizeof(mark), "%s/" RCLIVE_FAILED, dir) < sizeof(mark) && access(mark, F_OK) < 0 ;
}

static int link_longrun (rcgraph const *g, size_t i, char const *servicedir)
{
  char dir[4096], link[4096] ;
  rclive_dir(g, i, dir, sizeof(dir)) ;
  if ((size_t)snprintf(link, sizeof(link), "%s/%s", servicedir, rcgraph_name(g, i)) >= sizeof(link)) return (errno = ENAMETOOLONG, 0) ;
  if (symlink(dir, link) == 0) return 1 ;
  if (errno == EEXIST)
    strerr_warnw("service ", rcgraph_name(g, i), ": ", link, " already exists (a services.d service of the same name?), rename one of them") ;
  else strerr_warnwusys("link ", link) ;
  return 0 ;
}

int rclive_install (rcgraph const *g, char const *servicedir)
{
  int ok = 1 ;
  int noexec = copytree_noexec(BOSUN_RUN) ;
  int fd = dirfd_make_path(BOSUN_RC_LIVE, 0755) ;
  if (fd >= 0) { close(fd) ; fd = dirfd_make_path(BOSUN_RC_SERVICEDIRS, 0755) ; }
  if (fd < 0)
  {
    strerr_warnwusys("create " BOSUN_RC_SERVICEDIRS) ;
    return 0 ;
  }
  close(fd) ;
  for (size_t i = 0 ; i < rcgraph_n(g) ; i++)
  {
    rcdef const *def = rcgraph_def(g, i) ;
    /* the built-ins are code, pipeline bundles are derived again at load;
       only the user bundles' contents come from the image */
    if (def->derived || (def->builtin && (rc_name_reserved(def->name.s) || !def->contents.len))) continue ;
    if (!install_one(g, i, noexec)) { strerr_warnwu("copy service ", def->name.s, " into " BOSUN_RC_SERVICEDIRS) ; ok = 0 ; }
  }
  for (size_t i = 0 ; i < rcgraph_n(g) ; i++)
    if (rcgraph_def(g, i)->type == RC_LONGRUN && rclive_installed(g, i) && !link_longrun(g, i, servicedir)) ok = 0 ;
  return wait_supervised(g, servicedir) && ok ;
}
