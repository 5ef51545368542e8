/* Definitions trees -> graph [R1]-[R7][B8][F2]: every problem reported
   with its file, cycles printed, closures and order. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "unit.h"
#include "rc/rcgraph.h"
#include "rc/rcset.h"
#include "rc/rctrans.h"

static char tree[64] ;

/* put("a/type", "longrun\n"): a file under the tree, directories made */
static void put (char const *rel, char const *text)
{
  char path[512] ;
  int fd ;
  snprintf(path, sizeof(path), "%s/%s", tree, rel) ;
  for (char *p = path + strlen(tree) + 1 ; (p = strchr(p, '/')) ; p++)
  {
    *p = 0 ;
    mkdir(path, 0755) ;
    *p = '/' ;
  }
  fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644) ;
  CHECK(fd >= 0) ;
  CHECK(write(fd, text, strlen(text)) == (ssize_t)strlen(text)) ;
  close(fd) ;
}

static void mktree (void)
{
  snprintf(tree, sizeof(tree), "/tmp/bosun-rc-XXXXXX") ;
  CHECK(mkdtemp(tree) != 0) ;
}

static void longrun (char const *name)
{
  char p[256] ;
  snprintf(p, sizeof(p), "%s/type", name) ; put(p, "longrun\n") ;
  snprintf(p, sizeof(p), "%s/run", name) ; put(p, "#!/bin/sh\nexec sleep 1000\n") ;
}

static void oneshot (char const *name)
{
  char p[256] ;
  snprintf(p, sizeof(p), "%s/type", name) ; put(p, "oneshot\n") ;
  snprintf(p, sizeof(p), "%s/up", name) ; put(p, "/bin/true\n") ;
}

/* builds the graph of the tree plus the built-ins; diagnostics in d */
static void build (rcgraph *g, rcdiag *d)
{
  rcset set = RCSET_ZERO ;
  CHECK(rcset_builtins(&set)) ;
  CHECK(rcset_read_tree(&set, tree, d)) ;
  CHECK(rcgraph_build(g, &set, d)) ;
  if (!stralloc_0(&d->lines)) CHECK(0) ;
  d->lines.len-- ;
}

static int said (rcdiag const *d, char const *what)
{
  if (!strstr(d->lines.s, what)) { fprintf(stderr, "  no \"%s\" in:\n%s", what, d->lines.s) ; return 0 ; }
  return 1 ;
}

static size_t pos_of (rcgraph const *g, size_t const *order, size_t n, char const *name)
{
  size_t i = rcgraph_find(g, name) ;
  for (size_t k = 0 ; k < n ; k++) if (order[k] == i) return k ;
  return (size_t)-1 ;
}

TEST(rc_graph_linuxserver_tree_is_valid)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *in ;
  size_t *order, n ;
  char const *top = "top", *unknown = 0 ;
  mktree() ;
  oneshot("init-a") ; put("init-a/dependencies.d/base", "") ;
  oneshot("init-b") ; put("init-b/dependencies.d/init-a", "") ;
  longrun("svc-x") ; put("svc-x/dependencies.d/init-b", "") ;
  put("user/contents.d/init-a", "") ; put("user/contents.d/init-b", "") ; put("user/contents.d/svc-x", "") ;
  oneshot("init-done") ; put("init-done/dependencies.d/legacy-services", "") ;
  put("user2/contents.d/init-done", "") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  CHECK_INT(d.warnings, 0) ;
  CHECK_INT(g.nlongruns, 1) ;
  CHECK_INT(g.noneshots, 3 + 3) ;
  CHECK_INT(g.nbundles, 4) ;
  in = calloc(rcgraph_n(&g), 1) ;
  order = calloc(rcgraph_n(&g), sizeof(size_t)) ;
  CHECK_INT(rcgraph_closure(&g, &top, 1, in, &unknown), 1) ;
  n = rcgraph_order(&g, in, order) ;
  CHECK_INT(n, 7) ;
  CHECK_STR(rcgraph_name(&g, order[0]), "fix-attrs") ;
  CHECK(pos_of(&g, order, n, "legacy-cont-init") < pos_of(&g, order, n, "init-a")) ;
  CHECK(pos_of(&g, order, n, "init-a") < pos_of(&g, order, n, "init-b")) ;
  CHECK(pos_of(&g, order, n, "init-b") < pos_of(&g, order, n, "svc-x")) ;
  CHECK(pos_of(&g, order, n, "svc-x") < pos_of(&g, order, n, "legacy-services")) ;
  CHECK_STR(rcgraph_name(&g, order[n - 1]), "init-done") ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_closure_of_one_service_and_unknown_name)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *in ;
  char const *names[] = { "b" }, *bad[] = { "nope" }, *unknown = 0 ;
  mktree() ;
  oneshot("a") ; longrun("b") ; put("b/dependencies", "# old style\na\n") ; longrun("c") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  in = calloc(rcgraph_n(&g), 1) ;
  CHECK_INT(rcgraph_closure(&g, names, 1, in, &unknown), 1) ;
  CHECK(in[rcgraph_find(&g, "a")]) ;
  CHECK(in[rcgraph_find(&g, "b")]) ;
  CHECK(!in[rcgraph_find(&g, "c")]) ;
  CHECK(!in[rcgraph_find(&g, "fix-attrs")]) ;
  CHECK_INT(rcgraph_closure(&g, bad, 1, in, &unknown), 0) ;
  CHECK_STR(unknown, "nope") ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_cycle_printed_as_chain)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  mktree() ;
  oneshot("a") ; put("a/dependencies.d/b", "") ;
  oneshot("b") ; put("b/dependencies.d/c", "") ;
  oneshot("c") ; put("c/dependencies.d/a", "") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 1) ;
  CHECK(said(&d, "dependency cycle: a -> b -> c -> a")) ;
  CHECK(!g.acyclic) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_every_problem_reported_with_its_file)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  char f[512] ;
  mktree() ;
  put("t1/type", "daemon\n") ;
  put("t2/type", "longrun\n") ;
  put("t3/type", "oneshot\n") ;
  put("t4/type", "bundle\n") ;
  longrun("t5") ; put("t5/dependencies.d/ghost", "") ;
  put("t6/type", "bundle\n") ; put("t6/contents", "t5\nphantom\n") ;
  put("base/type", "oneshot\n") ; put("base/up", "true\n") ;
  longrun("t7") ; put("t7/timeout-kill", "soon\n") ;
  oneshot("t8") ; put("t8/down", "foreground { echo\n") ;
  put("t9/dependencies.d/t5", "") ;
  build(&g, &d) ;
  snprintf(f, sizeof(f), "%s/t1/type: unknown type \"daemon\"", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t2/run: missing", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t3/up: missing", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t4: a bundle needs contents.d/ or a contents file", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t5/dependencies.d/ghost: dependency \"ghost\" is not a service", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t6/contents: bundle content \"phantom\" is not a service", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/base: \"base\" is a reserved name", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t7/timeout-kill: \"soon\" is not a number", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t8/down: not one execline command line: a block opened with { is never closed", tree) ; CHECK(said(&d, f)) ;
  snprintf(f, sizeof(f), "%s/t9/type: missing", tree) ; CHECK(said(&d, f)) ;
  CHECK_INT(d.errors, 10) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_crlf_type_is_a_warning_R1)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  mktree() ;
  longrun("svc") ; put("svc/type", "longrun\r\n") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  CHECK_INT(d.warnings, 1) ;
  CHECK(said(&d, "/svc/type: carriage return or trailing blanks")) ;
  CHECK_INT(g.nlongruns, 1) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_user_bundles_both_layouts_F2)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  rcset set = RCSET_ZERO ;
  char bundles[128] ;
  unsigned char *in ;
  char const *user = "user", *unknown = 0 ;
  mktree() ;
  put("user/contents.d/b", "") ;
  snprintf(bundles, sizeof(bundles), "%s", tree) ;
  mktree() ;
  oneshot("a") ; oneshot("b") ;
  put("user/type", "bundle\n") ; put("user/contents.d/a", "") ;
  CHECK(rcset_builtins(&set)) ;
  CHECK(rcset_read_tree(&set, tree, &d)) ;
  CHECK(rcset_read_bundles(&set, bundles, &d)) ;
  CHECK(rcgraph_build(&g, &set, &d)) ;
  CHECK_INT(d.errors, 0) ;
  in = calloc(rcgraph_n(&g), 1) ;
  CHECK_INT(rcgraph_closure(&g, &user, 1, in, &unknown), 1) ;
  CHECK(in[rcgraph_find(&g, "a")]) ;
  CHECK(in[rcgraph_find(&g, "b")]) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_user_must_be_a_bundle)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  mktree() ;
  oneshot("user") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 1) ;
  CHECK(said(&d, "the user service must be a bundle")) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_merged_layer_dependency_only_R2)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  mktree() ;
  /* the base image's files and the app layer's dependencies.d/init-y,
     merged into one directory by the image's layers */
  longrun("svc-x") ; put("svc-x/dependencies.d/base", "") ;
  oneshot("init-y") ; put("svc-x/dependencies.d/init-y", "") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  CHECK_INT(g.deps[rcgraph_find(&g, "svc-x")].n, 3) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_pipeline_and_funnel_R5_R6)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *in ;
  size_t *order, n ;
  char const *name = "frigate-pipeline", *unknown = 0 ;
  mktree() ;
  longrun("p1") ; put("p1/producer-for", "log\n") ;
  longrun("p2") ; put("p2/producer-for", "log\n") ;
  longrun("log") ; put("log/consumer-for", "p1\np2\n") ; put("log/producer-for", "sink\n") ;
  longrun("sink") ; put("sink/consumer-for", "log\n") ; put("sink/pipeline-name", "frigate-pipeline\n") ;
  longrun("alone") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  CHECK_INT(g.npipelines, 1) ;
  CHECK(g.pipeline[rcgraph_find(&g, "p1")] == g.pipeline[rcgraph_find(&g, "sink")]) ;
  CHECK_INT(g.pipeline[rcgraph_find(&g, "alone")], 0) ;
  in = calloc(rcgraph_n(&g), 1) ;
  order = calloc(rcgraph_n(&g), sizeof(size_t)) ;
  CHECK_INT(rcgraph_closure(&g, &name, 1, in, &unknown), 1) ;
  n = rcgraph_order(&g, in, order) ;
  CHECK_INT(n, 4) ;
  /* consumers first: nothing is written into a pipe nobody reads */
  CHECK_STR(rcgraph_name(&g, order[0]), "sink") ;
  CHECK_STR(rcgraph_name(&g, order[1]), "log") ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_pipeline_errors)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  mktree() ;
  longrun("p") ; put("p/producer-for", "c\n") ;
  longrun("c") ;
  longrun("q") ; put("q/producer-for", "c2\n") ;
  longrun("c2") ; put("c2/consumer-for", "q\n") ;
  longrun("c3") ; put("c3/consumer-for", "q\n") ;
  build(&g, &d) ;
  CHECK(said(&d, "/p/producer-for: names \"c\", whose consumer-for does not name \"p\" back")) ;
  CHECK(said(&d, "/c3/consumer-for: names \"q\", which c2 also consumes")) ;
  CHECK(said(&d, "/c3/consumer-for: names \"q\", whose producer-for does not name \"c3\" back")) ;
  CHECK_INT(d.errors, 3) ;
  rcgraph_free(&g) ;
}

TEST(rc_graph_unreadable_file)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  char p[256] ;
  if (!geteuid()) return ;  /* root reads everything */
  mktree() ;
  oneshot("a") ;
  snprintf(p, sizeof(p), "%s/a/up", tree) ;
  chmod(p, 0) ;
  build(&g, &d) ;
  CHECK(said(&d, "/a/up: cannot be read")) ;
  rcgraph_free(&g) ;
}

/* what goes down with a service [S3]: its dependents that are up,
   transitively, and nothing that is down or unrelated */
TEST(rc_trans_dependents_follow_reverse_edges_of_up_services)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *up, *sel ;
  mktree() ;
  oneshot("a") ;
  oneshot("b") ; put("b/dependencies.d/a", "") ;
  longrun("c") ; put("c/dependencies", "b\n") ;
  oneshot("d") ; put("d/dependencies.d/a", "") ;
  oneshot("e") ;
  build(&g, &d) ;
  CHECK_INT(d.errors, 0) ;
  up = calloc(rcgraph_n(&g), 1) ;
  sel = calloc(rcgraph_n(&g), 1) ;
  CHECK(up && sel) ;
  up[rcgraph_find(&g, "a")] = up[rcgraph_find(&g, "b")] = up[rcgraph_find(&g, "c")] = up[rcgraph_find(&g, "e")] = 1 ;
  sel[rcgraph_find(&g, "a")] = 1 ;
  CHECK(rctrans_dependents(&g, up, sel)) ;
  CHECK(sel[rcgraph_find(&g, "b")]) ;
  CHECK(sel[rcgraph_find(&g, "c")]) ;
  CHECK(!sel[rcgraph_find(&g, "d")]) ;   /* down already */
  CHECK(!sel[rcgraph_find(&g, "e")]) ;   /* unrelated */
  free(up) ;
  free(sel) ;
  rcgraph_free(&g) ;
}
