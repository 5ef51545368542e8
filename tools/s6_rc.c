/* s6-rc: the service manager's command line, with what images use [V4]:
   -u|-d|-D change NAMES (from docker exec, or from a service, while the
   boot may still run: the call waits for the transition lock), -a list,
   list, listall, -v N, -t MS, -n (dry run), -p, -b. It works on the live
   database that stage 2 installed under /run/s6-rc [B7].
   Exit codes as s6-rc's: 0, 1 some transition failed, 2 timed out,
   3 unknown service name, 4 no usable database, 100 wrong usage, 111
   system call failed. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/djbunix.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "config.h"
#include "contenv.h"
#include "paths.h"
#include "stages.h"
#include "rc/rclive.h"
#include "rc/rcstate.h"
#include "rc/rctrans.h"

#define USAGE "s6-rc [ -l live ] [ -b ] [ -a ] [ -u | -d | -D ] [ -p ] [ -v verbosity ] [ -n dryrun ] [ -t timeout ] help|list|listall|diff|change [ servicenames... ]"

struct rcopts
{
  int down ;          /* -d or -D */
  int essential_too ; /* -D */
  int active ;        /* -a */
  int prune ;         /* -p */
  int dryrun ;        /* -n */
  unsigned int verbosity ;
  unsigned int timeout ;
} ;

static int parse_opts (int argc, char const *const *argv, struct rcopts *ro)
{
  subgetopt o = SUBGETOPT_ZERO ;
  for (;;)
  {
    int c = subgetopt_r(argc, argv, "l:baudDpv:n:t:", &o) ;
    if (c == -1) break ;
    switch (c)
    {
      case 'l' : case 'b' : break ;   /* one live directory; the lock is always waited for */
      case 'a' : ro->active = 1 ; break ;
      case 'u' : ro->down = 0 ; ro->essential_too = 0 ; break ;
      case 'd' : ro->down = 1 ; ro->essential_too = 0 ; break ;
      case 'D' : ro->down = 1 ; ro->essential_too = 1 ; break ;
      case 'p' : ro->prune = 1 ; break ;
      case 'v' : if (!uint0_scan(o.arg, &ro->verbosity)) strerr_dieusage(100, USAGE) ; break ;
      case 'n' : ro->dryrun = 1 ; break ;
      case 't' : if (!uint0_scan(o.arg, &ro->timeout)) strerr_dieusage(100, USAGE) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  return o.ind ;
}

static void load (rcgraph *g)
{
  rcdiag d = RCDIAG_ZERO ;
  if (rclive_load(g, &d)) { rcdiag_free(&d) ; return ; }
  if (errno == ENOENT)
    strerr_dief(4, "s6-rc: fatal: no live service database in " BOSUN_RC_SERVICEDIRS
      ": is bosun's /init running this container, and has stage 2 built it yet?") ;
  if (d.lines.len) buffer_putflush(buffer_2, d.lines.s, d.lines.len) ;
  strerr_dief(4, "s6-rc: fatal: the live service database in " BOSUN_RC_SERVICEDIRS " is invalid (above)") ;
}

/* the atomic services that NAMES stand for (bundles expanded), plus the
   active ones with -a; with deps, everything they need as well */
static void select_names (rcgraph const *g, char const *const *names, int n, unsigned char const *state, int withdeps, unsigned char *sel)
{
  for (int k = 0 ; k < n ; k++)
  {
    size_t i = rcgraph_find(g, names[k]) ;
    char const *unknown = 0 ;
    if (i == rcgraph_n(g)) strerr_dief(3, "s6-rc: fatal: ", names[k], " is not a service of the live database: \"s6-rc listall\" lists them all") ;
    if (withdeps) { if (rcgraph_closure(g, &names[k], 1, sel, &unknown) < 0) strerr_diefu1sys(111, "compute the selection") ; }
    else if (rcgraph_def(g, i)->type == RC_BUNDLE)
      for (size_t m = 0 ; m < g->members[i].n ; m++) sel[g->members[i].v[m]] = 1 ;
    else sel[i] = 1 ;
  }
  if (state) for (size_t i = 0 ; i < rcgraph_n(g) ; i++) if (state[i]) sel[i] = 1 ;
}

static void print_marked (rcgraph const *g, unsigned char const *sel, int complement)
{
  size_t n = rcgraph_n(g) ;
  unsigned char *all = malloc(n + 1) ;
  size_t *order = malloc((n + 1) * sizeof(size_t)) ;
  size_t m ;
  if (!all || !order) strerr_diefu1sys(111, "list services") ;
  memset(all, 1, n) ;
  m = rcgraph_order(g, all, order) ;
  for (size_t k = 0 ; k < m ; k++)
    if (!sel[order[k]] == !!complement)
      if (buffer_puts(buffer_1, rcgraph_name(g, order[k])) < 0 || buffer_put(buffer_1, "\n", 1) < 0) strerr_diefu1sys(111, "write to stdout") ;
  if (!buffer_flush(buffer_1)) strerr_diefu1sys(111, "write to stdout") ;
  free(all) ;
  free(order) ;
}

/* -d leaves essential services up (flag-essential), and what they need */
static void keep_essentials (rcgraph const *g, unsigned char const *state, unsigned char *sel)
{
  size_t n = rcgraph_n(g) ;
  unsigned char *keep = calloc(n + 1, 1) ;
  if (!keep) strerr_diefu1sys(111, "compute the selection") ;
  for (size_t i = 0 ; i < n ; i++)
  {
    char const *name = rcgraph_name(g, i), *unknown ;
    if (!sel[i] || !state[i] || !(rcgraph_def(g, i)->has & RCF_ESSENTIAL)) continue ;
    if (rcgraph_closure(g, &name, 1, keep, &unknown) < 0) strerr_diefu1sys(111, "compute the selection") ;
  }
  for (size_t i = 0 ; i < n ; i++) if (keep[i]) sel[i] = 0 ;
  free(keep) ;
}

/* the environment PID 1 gives the tree's children [B5] */
static char const **tree_env (stralloc *sa, char const *const *envp)
{
  size_t n = 0, k = 0 ;
  char const **v ;
  if (!openslurpclose(sa, BOSUN_CHILDENV) || !sa->len)
  {
    char const *path = getenv("PATH") ;
    sa->len = 0 ;
    if (!stralloc_cats(sa, "PATH=") || !stralloc_cats(sa, path ? path : "/command:/usr/bin:/bin") || !stralloc_0(sa))
      strerr_diefu1sys(111, "build the environment") ;
  }
  (void)envp ;
  for (size_t i = 0 ; i < sa->len ; i++) if (!sa->s[i]) n++ ;
  v = malloc((n + 1) * sizeof(char const *)) ;
  if (!v) strerr_diefu1sys(111, "build the environment") ;
  for (size_t i = 0 ; i < sa->len ; i += strlen(sa->s + i) + 1) v[k++] = sa->s + i ;
  v[k] = 0 ;
  return v ;
}

/* The container's own S6_* variables [B4], which the built-ins follow
   (S6_SERVICES_GRACETIME, S6_VERBOSITY...) whoever calls s6-rc, as
   s6-overlay's scripts read them with printcontenv: a docker exec does
   not carry them. The caller's environment when the snapshot is unreadable. */
static char const *const *container_env (stralloc *sa, char const *const *envp)
{
  size_t n = 0, k = 0 ;
  char const **v ;
  if (!contenv_load(BOSUN_CONTENV, sa) || !sa->len) return envp ;
  for (size_t i = 0 ; i < sa->len ; i++) if (!sa->s[i]) n++ ;
  v = malloc((n + 1) * sizeof(char const *)) ;
  if (!v) return envp ;
  for (size_t i = 0 ; i < sa->len ; i += strlen(sa->s + i) + 1) v[k++] = sa->s + i ;
  v[k] = 0 ;
  return v ;
}

/* [R9]: what -d takes down besides the names given, said on stderr with
   one of the services it depends on, e.g. the services.d services with
   legacy-services when a member of user goes down */
static void say_dependents (rcgraph const *g, unsigned char const *given, unsigned char const *sel)
{
  for (size_t i = 0 ; i < rcgraph_n(g) ; i++)
  {
    if (given[i] || !sel[i]) continue ;
    for (size_t d = 0 ; d < g->deps[i].n ; d++)
      if (sel[g->deps[i].v[d]])
      {
        strerr_warn("s6-rc: info: ", rcgraph_name(g, i), " goes down too: it depends on ", rcgraph_name(g, g->deps[i].v[d])) ;
        break ;
      }
  }
}

/* -d: the names, what depends on them, minus the essentials (unless -D) */
static void select_down (rcgraph const *g, struct rcopts const *ro, unsigned char const *state, unsigned char *sel)
{
  size_t total = rcgraph_n(g) ;
  unsigned char *given = malloc(total + 1) ;
  if (!given) strerr_diefu1sys(111, "compute the selection") ;
  memcpy(given, sel, total) ;
  if (!rctrans_dependents(g, state, sel)) strerr_diefu1sys(111, "compute the selection") ;
  if (!ro->essential_too) keep_essentials(g, state, sel) ;
  if (ro->verbosity >= 1 && !ro->dryrun) say_dependents(g, given, sel) ;
  free(given) ;
}

static int change (rcgraph const *g, struct rcopts const *ro, char const *const *names, int n, char const *const *envp)
{
  size_t total = rcgraph_n(g) ;
  unsigned char *state = calloc(total + 1, 1), *sel = calloc(total + 1, 1) ;
  stralloc envsa = STRALLOC_ZERO, contsa = STRALLOC_ZERO ;
  config cfg ;
  struct builtin_ctx b = { .cfg = &cfg, .initenv = envp, .report = -1, .lock = -1 } ;
  rctrans_opts o = { .up = !ro->down, .verbosity = ro->verbosity, .timeout = ro->timeout, .dryrun = ro->dryrun,
                     .builtin = &builtin_action, .builtin_idle = &builtin_idle, .ctx = &b } ;
  int lock, r = RCTRANS_OK ;
  if (!state || !sel) strerr_diefu1sys(111, "compute the selection") ;
  b.initenv = container_env(&contsa, envp) ;
  config_read(&cfg, b.initenv) ;
  o.envp = tree_env(&envsa, envp) ;
  b.childenv = o.envp ;
  lock = rcstate_lock(1) ;
  if (lock < 0) strerr_diefu1sys(111, "lock " BOSUN_RC_LOCK) ;
  b.lock = lock ;
  if (!rcstate_read(g, state)) strerr_diefu1sys(111, "read " BOSUN_RC_STATE) ;
  select_names(g, names, n, ro->active ? state : 0, !ro->down, sel) ;
  if (ro->down) select_down(g, ro, state, sel) ;
  else if (ro->prune)
  {
    /* -p: what is up and not selected goes down first */
    unsigned char *out = calloc(total + 1, 1) ;
    rctrans_opts od = o ;
    if (!out) strerr_diefu1sys(111, "compute the selection") ;
    for (size_t i = 0 ; i < total ; i++) out[i] = state[i] && !sel[i] ;
    od.up = 0 ;
    r = rctrans_run(g, state, out, &od) ;
    free(out) ;
  }
  if (r == RCTRANS_OK) r = rctrans_run(g, state, sel, &o) ;
  close(lock) ;
  free(state) ;
  free(sel) ;
  return r == RCTRANS_INTERRUPTED ? 1 : r ;
}

int s6_rc_main (int argc, char const *const *argv, char const *const *envp)
{
  struct rcopts ro = { .verbosity = 1 } ;
  rcgraph g ;
  char const *cmd ;
  int ind = parse_opts(argc, argv, &ro), r = 0 ;
  if (ind >= argc) strerr_dieusage(100, USAGE) ;
  cmd = argv[ind++] ;
  if (!strcmp(cmd, "help")) { buffer_putsflush(buffer_1, USAGE "\n") ; return 0 ; }
  if (strcmp(cmd, "list") && strcmp(cmd, "listall") && strcmp(cmd, "diff") && strcmp(cmd, "change")) strerr_dieusage(100, USAGE) ;
  tain_now_set_stopwatch_g() ;
  load(&g) ;
  if (!strcmp(cmd, "change")) r = change(&g, &ro, argv + ind, argc - ind, envp) ;
  else if (!strcmp(cmd, "list") || !strcmp(cmd, "listall"))
  {
    size_t n = rcgraph_n(&g) ;
    unsigned char *state = calloc(n + 1, 1), *sel = calloc(n + 1, 1) ;
    int all = !strcmp(cmd, "listall") ;
    if (!state || !sel) strerr_diefu1sys(111, "list services") ;
    if (!rcstate_read(&g, state)) strerr_diefu1sys(111, "read " BOSUN_RC_STATE) ;
    select_names(&g, argv + ind, argc - ind, ro.active ? state : 0, all && !ro.down, sel) ;
    if (all && ro.down)
    {
      memset(state, 1, n) ;   /* every dependent, whatever its state */
      if (!rctrans_dependents(&g, state, sel)) strerr_diefu1sys(111, "list services") ;
    }
    print_marked(&g, sel, !all && ro.down) ;
    free(state) ;
    free(sel) ;
  }
  rcgraph_free(&g) ;
  return r ;
}
