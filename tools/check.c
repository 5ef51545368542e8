/* bosun check [DIR...]: validates a definitions tree without booting [B7]:
   every problem is printed, each naming its file, then a one-line summary.
   Meant for "RUN bosun check" in a Dockerfile, so that a broken tree fails
   the image build instead of the container. DIR is an s6-rc.d tree (user
   and user2 inside it, with or without a type file); without DIR, the
   image's own tree as the boot reads it [F1][F2][F4]. The built-in
   services [B8] are always part of it. Exit 0 (warnings allowed), 1 on
   any error, 100 on wrong usage, 111 when out of memory. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include "applets.h"
#include "rc/rcgraph.h"
#include "rc/rcset.h"

#define USAGE "bosun check [DIR...]"

static int read_given (rcset *set, char const *const *dirs, int n, rcdiag *d)
{
  for (int i = 0 ; i < n ; i++)
  {
    struct stat st ;
    if (stat(dirs[i], &st) < 0 || !S_ISDIR(st.st_mode))
    {
      rc_error(d, dirs[i], "not a readable directory (", errno ? strerror(errno) : "not a directory", "), give a definitions tree like /etc/s6-overlay/s6-rc.d") ;
      errno = 0 ;
      continue ;
    }
    if (!rcset_read_tree(set, dirs[i], d)) return 0 ;
  }
  return 1 ;
}

static int read_image (rcset *set, char const *const *envp, rcdiag *d)
{
  rcsources src ;
  if (!rcsources_from_env(&src, envp))
  {
    rc_error(d, "S6_RUNTIME_PROFILE", "not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
    return 1 ;
  }
  return rcset_read_tree(set, src.defs, d) && rcset_read_bundles(set, src.bundles, d) ;
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
  int ok, first = 1 ;
  if (argc > 1 && !strcmp(argv[1], "--")) first = 2 ;
  else if (argc > 1 && argv[1][0] == '-') strerr_dieusage(100, USAGE) ;
  errno = 0 ;
  ok = rcset_builtins(&set)
    && (argc > first ? read_given(&set, argv + first, argc - first, &d) : read_image(&set, envp, &d)) ;
  if (!ok) strerr_dief1x(111, "out of memory") ;
  if (!rcgraph_build(&g, &set, &d)) strerr_dief1x(111, "out of memory") ;
  if (d.lines.len && buffer_putflush(buffer_2, d.lines.s, d.lines.len) < 0) strerr_diefu1sys(111, "write to stderr") ;
  summary(&g, &d) ;
  ok = !d.errors ;
  rcgraph_free(&g) ;
  rcdiag_free(&d) ;
  return ok ? 0 : 1 ;
}
