/* bosun check [-v] [--root ROOT] [DIR...]: validates what the boot will
   read, without booting [B7], so that "RUN bosun check" in a Dockerfile
   fails the image build instead of the container. Every problem is
   printed naming its file and the fix, then a one-line summary; a good
   tree prints nothing (-v: the summary anyway). Without DIR: the image's
   own tree as the boot reads it [F1][F2][F4] (s6-rc.d, both layouts of
   the user bundles) and the legacy directories [F3] (services.d,
   cont-init.d, cont-finish.d); with DIR: those s6-rc.d trees only. The
   built-in services [B8] are always part of it. Beyond the syntax, what
   fails at run time: CRLF scripts, #! interpreters missing from the
   image, env files that do not parse [E2], notification-fd clashes,
   links that point nowhere [R8] (rclint.h). ROOT (default /) is the
   image's root: paths, links and interpreters are taken inside it;
   check chroots into it (in a user namespace of its own when not root)
   so that every absolute link resolves there too; where neither works,
   paths are prefixed with ROOT and only rclint's checks resolve links
   inside it. Exit 0 (warnings allowed), 1 on any error, 100 on wrong usage,
   111 when out of memory. */
#define _GNU_SOURCE  /* unshare */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include "applets.h"
#include "rc/rcgraph.h"
#include "rc/rclint.h"
#include "paths.h"
#include "rc/rcset.h"

#define USAGE "bosun check [-v] [--root ROOT] [DIR...]"

struct opts
{
  int verbose ;
  char root[4096] ;    /* "" once chrooted, or for / */
  int first ;          /* argv index of the first DIR */
} ;

/* chroot when allowed; else every path is prefixed with ROOT */
static void take_root (struct opts *o, char const *root)
{
  size_t n = strlen(root) ;
  struct stat st ;
  if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode))
    strerr_dief(100, "--root ", root, " is not a directory: give the image's root directory") ;
  /* a user may still chroot in a user namespace of its own, where
     available; reading is still checked against its own uid */
  if ((!chroot(root) || (errno == EPERM && !unshare(CLONE_NEWUSER) && !chroot(root))) && !chdir("/"))
  {
    o->root[0] = 0 ;
    return ;
  }
  while (n > 1 && root[n - 1] == '/') n-- ;
  if (n == 1) n = 0 ;
  if (n >= sizeof(o->root)) strerr_dief(100, "--root ", root, " is too long") ;
  memcpy(o->root, root, n) ;
  o->root[n] = 0 ;
}

static void parse_opts (struct opts *o, int argc, char const *const *argv)
{
  int i = 1 ;
  o->verbose = 0 ;
  o->root[0] = 0 ;
  for (; i < argc && argv[i][0] == '-' ; i++)
  {
    if (!strcmp(argv[i], "--")) { i++ ; break ; }
    if (!strcmp(argv[i], "-v")) o->verbose = 1 ;
    else if (!strcmp(argv[i], "--root") && i + 1 < argc) take_root(o, argv[++i]) ;
    else strerr_dieusage(100, USAGE) ;
  }
  o->first = i ;
}

/* ROOT + PATH into buf */
static char const *in_root (struct opts const *o, char const *path, char *buf, size_t max)
{
  if ((size_t)snprintf(buf, max, "%s%s", o->root, path) >= max) strerr_dief(100, "path too long: ", path) ;
  return buf ;
}

static int read_given (rcset *set, struct opts const *o, char const *const *dirs, int n, rcdiag *d)
{
  for (int i = 0 ; i < n ; i++)
  {
    char buf[4096] ;
    char const *dir = dirs[i][0] == '/' ? in_root(o, dirs[i], buf, sizeof(buf)) : dirs[i] ;
    struct stat st ;
    errno = 0 ;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode))
    {
      rc_error(d, dir, "not a readable directory (", errno ? strerror(errno) : "not a directory", "), give a definitions tree like /etc/s6-overlay/s6-rc.d") ;
      continue ;
    }
    if (!rcset_read_tree(set, dir, d)) return 0 ;
  }
  return 1 ;
}

/* the image's tree; conf gets its configuration root (for [F3]) */
static int read_image (rcset *set, struct opts const *o, char const *const *envp, rcdiag *d, char *conf, size_t max)
{
  rcsources src ;
  char defs[4096], bundles[4096], root[4096], admin[4096] ;
  conf[0] = 0 ;
  if (!rcsources_from_env(&src, envp) || !rc_config_root(root, sizeof(root), envp))
  {
    rc_error(d, "S6_RUNTIME_PROFILE", "not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
    return 1 ;
  }
  in_root(o, root, conf, max) ;
  /* S6_RUNTIME_BUNDLEDIR is a path of the image too */
  return rcset_read_tree(set, in_root(o, src.defs, defs, sizeof(defs)), d)
    && rcset_read_bundles(set, in_root(o, src.bundles, bundles, sizeof(bundles)), d)
    && rcset_read_package(set, in_root(o, BOSUN_PACKAGE_ADMIN, admin, sizeof(admin)), d, RCSET_PACKAGE) ;
}

static void lint_all (rcgraph const *g, struct opts const *o, char const *conf, rcdiag *d)
{
  rclint l = { .root = o->root, .d = d } ;
  for (size_t i = 0 ; i < rcgraph_n(g) ; i++) rclint_definition(&l, rcgraph_def(g, i)) ;
  if (conf[0]) rclint_legacy(&l, conf) ;
}

static void summary (rcgraph const *g, rcdiag const *d)
{
  char line[256] ;
  /* "1 error", "2 errors" [B12] */
#define PL(n) (n), ((n) == 1 ? "" : "s")
  snprintf(line, sizeof(line), "bosun: check: %zu service%s (%zu bundle%s, %zu longrun%s, %zu oneshot%s), %zu pipeline%s; %u error%s, %u warning%s\n",
    PL(rcgraph_n(g)), PL(g->nbundles), PL(g->nlongruns), PL(g->noneshots), PL(g->npipelines), PL(d->errors), PL(d->warnings)) ;
#undef PL
  if (buffer_putsflush(buffer_1, line) < 0) strerr_diefu1sys(111, "write to stdout") ;
}

int check_main (int argc, char const *const *argv, char const *const *envp)
{
  rcset set = RCSET_ZERO ;
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  struct opts o ;
  char conf[4096] = "" ;
  int ok ;
  parse_opts(&o, argc, argv) ;
  ok = rcset_builtins(&set)
    && (argc > o.first ? read_given(&set, &o, argv + o.first, argc - o.first, &d) : read_image(&set, &o, envp, &d, conf, sizeof(conf))) ;
  if (!ok) strerr_dief1x(111, "out of memory") ;
  if (!rcgraph_build(&g, &set, &d)) strerr_dief1x(111, "out of memory") ;
  lint_all(&g, &o, conf, &d) ;
  if (d.nomem) strerr_dief1x(111, "out of memory") ;
  if (d.lines.len && buffer_putflush(buffer_2, d.lines.s, d.lines.len) < 0) strerr_diefu1sys(111, "write to stderr") ;
  if (o.verbose || d.errors || d.warnings) summary(&g, &d) ;
  ok = !d.errors ;
  rcgraph_free(&g) ;
  rcdiag_free(&d) ;
  return ok ? 0 : 1 ;
}
