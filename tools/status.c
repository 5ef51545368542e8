/* bosun status [--json] [DIR]: one line per service of the scan directory
   (default /run/service), symlinks included, and NAME/log for a logger:
   state (up, down, finishing), pid, for how long, ready or not, restarts
   (supervise/bosun-restarts, "-" when absent: s6's tree has none), and how
   it last died. With the default directory, the rc view follows [B7][R5]:
   every service of the live database (/run/s6-rc) in dependency order,
   its type, up or down in the state file, a longrun's supervisor, its
   direct dependencies, then the bundles and their contents. Reads only, no
   fork, no lock, so any user who can read the tree may run it (docker exec
   -u). Exit 0, or 1 when DIR or the live database cannot be read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "dirlist.h"
#include "paths.h"
#include "rc/rclive.h"
#include "rc/rcstate.h"
#include "svsummary.h"

#define USAGE "bosun status [--json] [DIR]"

static void out (char const *s)
{
  if (buffer_puts(buffer_1, s) < 0) strerr_diefu1sys(111, "write to stdout") ;
}

/* JSON string, escaped: quotes, backslashes and control characters */
static void out_json_string (char const *s)
{
  out("\"") ;
  for (; *s ; s++)
  {
    unsigned char c = (unsigned char)*s ;
    char esc[8] ;
    if (c == '"' || c == '\\') { esc[0] = '\\' ; esc[1] = (char)c ; esc[2] = 0 ; }
    else if (c < 0x20) snprintf(esc, sizeof(esc), "\\u%04x", c) ;
    else { esc[0] = (char)c ; esc[1] = 0 ; }
    out(esc) ;
  }
  out("\"") ;
}

/* what the supervisor says, after the name: shared by both views */
static void out_sv_text (svsummary const *s)
{
  char line[512], pid[32], restarts[32], last[64], since[32] ;
  if (!s->known) { out("unknown   (no readable supervise/status)") ; return ; }
  if (s->v.pid) snprintf(pid, sizeof(pid), "%llu", s->v.pid) ; else snprintf(pid, sizeof(pid), "-") ;
  svsummary_restarts(restarts, sizeof(restarts), s) ;
  svsummary_death(last, sizeof(last), s) ;
  snprintf(since, sizeof(since), "%llus", s->v.updownfor) ;
  snprintf(line, sizeof(line), "%-9s pid %-7s for %-9s %-9s restarts %-4s last %s", svsummary_state(s),
    pid, since, svsummary_up(s) && s->v.ready ? "ready" : "not-ready", restarts, last) ;
  out(line) ;
}

/* the same as JSON members, without the braces */
static void out_sv_json (svsummary const *s)
{
  char buf[128], sig[32] ;
  int up = svsummary_up(s) ;
  out("\"state\": ") ;
  out_json_string(svsummary_state(s)) ;
  if (s->known && s->v.pid) snprintf(buf, sizeof(buf), ", \"pid\": %llu", s->v.pid) ; else snprintf(buf, sizeof(buf), ", \"pid\": null") ;
  out(buf) ;
  if (s->known) snprintf(buf, sizeof(buf), ", \"seconds\": %llu, \"ready\": %s", s->v.updownfor, up && s->v.ready ? "true" : "false") ;
  else snprintf(buf, sizeof(buf), ", \"seconds\": null, \"ready\": false") ;
  out(buf) ;
  if (s->hasrestarts) snprintf(buf, sizeof(buf), ", \"restarts\": %llu", (unsigned long long)s->restarts) ;
  else snprintf(buf, sizeof(buf), ", \"restarts\": null") ;
  out(buf) ;
  if (!s->known || up) { out(", \"exitcode\": null, \"signal\": null") ; return ; }
  if (WIFSIGNALED(s->v.wstat))
  {
    svstat_signame(sig, WTERMSIG(s->v.wstat)) ;
    out(", \"exitcode\": null, \"signal\": ") ;
    out_json_string(sig) ;
    return ;
  }
  snprintf(buf, sizeof(buf), ", \"exitcode\": %d, \"signal\": null", WEXITSTATUS(s->v.wstat)) ;
  out(buf) ;
}

/* one array element or line; elements after the first get a comma */
static void out_start (char const *name, int json, int *first)
{
  char col[32] ;
  if (json)
  {
    out(*first ? "\n  {\"name\": " : ",\n  {\"name\": ") ;
    out_json_string(name) ;
    out(", ") ;
  }
  else
  {
    out(name) ;
    /* a 24-column name field, as the supervision lines always had */
    snprintf(col, sizeof(col), "%*s", strlen(name) < 24 ? (int)(24 - strlen(name)) : 0, "") ;
    out(col) ;
    out(" ") ;
  }
  *first = 0 ;
}

/* 1 for a directory (symlinks followed); 0 otherwise, errno 0 if it
   exists but is something else */
static int isdir (char const *path)
{
  struct stat st ;
  if (stat(path, &st) < 0) return 0 ;
  errno = 0 ;
  return S_ISDIR(st.st_mode) ;
}

static void show (char const *path, char const *name, int json, int *first, tain const *now)
{
  svsummary s ;
  svsummary_load(&s, path, now) ;
  out_start(name, json, first) ;
  if (json) { out_sv_json(&s) ; out("}") ; }
  else { out_sv_text(&s) ; out("\n") ; }
}

/* a name\0name\0 list: words ("-" for none), or a JSON array */
static void out_names (stralloc const *list, int json)
{
  size_t n = 0 ;
  if (json) out("[") ;
  for (size_t k = 0 ; k < list->len ; k += strlen(list->s + k) + 1, n++)
  {
    if (n) out(json ? ", " : " ") ;
    if (json) out_json_string(list->s + k) ; else out(list->s + k) ;
  }
  out(json ? "]" : n ? "" : "-") ;
}

/* a bundle is up when every atomic service it holds is, down when none is */
static char const *bundle_state (rcgraph const *g, size_t i, unsigned char const *up)
{
  size_t n = g->members[i].n, k = 0 ;
  for (size_t j = 0 ; j < n ; j++) k += up[g->members[i].v[j]] ;
  return k == n ? "up" : k ? "partial" : "down" ;
}

/* one service of the live database: its type, its state in the state
   file, its direct dependencies (a bundle: its contents), and for a
   longrun what its supervisor says */
static void show_rc_one (rcgraph const *g, size_t i, unsigned char const *up, int json, int *first, tain const *now)
{
  rcdef const *def = rcgraph_def(g, i) ;
  int bundle = def->type == RC_BUNDLE ;
  char const *state = bundle ? bundle_state(g, i, up) : up[i] ? "up" : "down" ;
  char col[64], dir[4096] ;
  svsummary s ;
  int sv = def->type == RC_LONGRUN && rclive_dir(g, i, dir, sizeof(dir)) ;
  if (sv) svsummary_load(&s, dir, now) ;
  out_start(def->name.s, json, first) ;
  if (json)
  {
    out("\"type\": ") ; out_json_string(rc_type_name(def->type)) ;
    out(", \"state\": ") ; out_json_string(state) ;
    out(bundle ? ", \"contents\": " : ", \"dependencies\": ") ;
    out_names(bundle ? &def->contents : &def->deps, 1) ;
    if (sv) { out(", \"supervisor\": {") ; out_sv_json(&s) ; out("}") ; }
    out("}") ;
    return ;
  }
  snprintf(col, sizeof(col), "%-8s %-8s %s ", rc_type_name(def->type), state, bundle ? "contents" : "needs") ;
  out(col) ;
  out_names(bundle ? &def->contents : &def->deps, 0) ;
  if (sv) { out("; supervisor: ") ; out_sv_text(&s) ; }
  out("\n") ;
}

/* the rc view [B7]: atomic services in dependency order, then bundles.
   Returns 1 when the live database cannot be read, 0 otherwise (none
   installed included: a container before stage 2, or not bosun's). */
static int show_rc (int json, int *first, tain const *now)
{
  rcgraph g ;
  rcdiag d = RCDIAG_ZERO ;
  unsigned char *up, *all ;
  size_t *order, n ;
  if (!rclive_load(&g, &d))
  {
    int e = errno ;
    if (e == ENOENT && !json) out("rc: no service database installed (no " BOSUN_RC_SERVICEDIRS ": stage 2 has not built it yet, or this is not a bosun container)\n") ;
    if (d.lines.len) buffer_putflush(buffer_2, d.lines.s, d.lines.len) ;
    if (e == EINVAL) rcgraph_free(&g) ;
    rcdiag_free(&d) ;
    if (e == ENOENT) return 0 ;
    errno = e ;
    strerr_warnwusys("read the live service database in " BOSUN_RC_SERVICEDIRS) ;
    return 1 ;
  }
  rcdiag_free(&d) ;
  n = rcgraph_n(&g) ;
  up = calloc(n + 1, 1) ;
  all = malloc(n + 1) ;
  order = malloc((n + 1) * sizeof(size_t)) ;
  if (!up || !all || !order) strerr_diefu1sys(111, "show the rc view") ;
  if (!rcstate_read(&g, up)) strerr_diefu1sys(111, "read " BOSUN_RC_STATE) ;
  memset(all, 1, n + 1) ;
  if (!json) out("rc: services of " BOSUN_RC_LIVE " in dependency order, then bundles; state from " BOSUN_RC_STATE "\n") ;
  for (size_t k = 0, m = rcgraph_order(&g, all, order) ; k < m ; k++) show_rc_one(&g, order[k], up, json, first, now) ;
  for (size_t i = 0 ; i < n ; i++)
    if (rcgraph_def(&g, i)->type == RC_BUNDLE) show_rc_one(&g, i, up, json, first, now) ;
  free(up) ; free(all) ; free(order) ;
  rcgraph_free(&g) ;
  return 0 ;
}

int status_main (int argc, char const *const *argv, char const *const *envp)
{
  char const *dir = BOSUN_SERVICEDIR ;
  dirlist dl = DIRLIST_ZERO ;
  int json = 0, first = 1, r = 0 ;
  tain now ;
  (void)envp ;
  PROG = "bosun: status" ;
  for (int i = 1 ; i < argc ; i++)
  {
    if (!strcmp(argv[i], "--json")) json = 1 ;
    else if (argv[i][0] == '-' && argv[i][1]) strerr_dieusage(100, USAGE) ;
    else dir = argv[i] ;
  }
  if (!isdir(dir))
  {
    if (errno) strerr_diefu3sys(1, "read ", dir, ": is it the scan directory?") ;
    strerr_dief3x(1, "unable to read ", dir, ": not a directory, give the scan directory") ;
  }
  if (!dirlist_read(&dl, dir)) strerr_diefu3sys(1, "read ", dir, ": is it the scan directory, and readable by this user?") ;
  dirlist_sort(&dl) ;
  if (!tain_wallclock_read(&now)) strerr_diefu1sys(111, "read the clock") ;
  if (json) out("[") ;
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char const *name = dirlist_name(&dl, i) ;
    char path[4096], logpath[4096], logname[600] ;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path) || !isdir(path)) continue ;
    show(path, name, json, &first, &now) ;
    if ((size_t)snprintf(logpath, sizeof(logpath), "%s/log", path) < sizeof(logpath) && isdir(logpath))
    {
      snprintf(logname, sizeof(logname), "%s/log", name) ;
      show(logpath, logname, json, &first, &now) ;
    }
  }
  /* the rc view belongs to this container's own tree, not to another
     scan directory given on the command line */
  if (!strcmp(dir, BOSUN_SERVICEDIR)) r = show_rc(json, &first, &now) ;
  if (json) out(first ? "]\n" : "\n]\n") ;
  dirlist_free(&dl) ;
  if (!buffer_flush(buffer_1)) strerr_diefu1sys(111, "write to stdout") ;
  return r ;
}
