/* bosun status [--json] [DIR]: one line per service of the scan directory
   (default /run/service), symlinks included, and NAME/log for a logger:
   state (up, down, finishing), pid, for how long, ready or not, restarts
   (supervise/bosun-restarts, "-" when absent: s6's tree has none), and how
   it last died. Reads only, so any user who can read the tree may run it
   (docker exec -u). Exit 0, or 1 when DIR cannot be read. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "dirlist.h"
#include "paths.h"
#include "svclient.h"
#include "svstatus.h"

#define USAGE "bosun status [--json] [DIR]"

struct row
{
  char name[512] ;
  int known ;          /* the status file could be read */
  struct svstat_view v ;
  int hasrestarts ;
  uint64_t restarts ;
} ;

static char const *state_of (struct row const *r)
{
  if (!r->known) return "unknown" ;
  if (svstat_up(&r->v)) return "up" ;
  return r->v.pid && r->v.finishing ? "finishing" : "down" ;
}

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

/* "exitcode 3", "signal SIGTERM", or "-" while it runs or if unknown */
static void last_death (char *s, size_t max, struct row const *r)
{
  char sig[32] ;
  if (!r->known || svstat_up(&r->v)) { snprintf(s, max, "-") ; return ; }
  if (WIFSIGNALED(r->v.wstat))
  {
    svstat_signame(sig, WTERMSIG(r->v.wstat)) ;
    snprintf(s, max, "signal %s", sig) ;
  }
  else snprintf(s, max, "exitcode %d", WEXITSTATUS(r->v.wstat)) ;
}

static void print_line (struct row const *r)
{
  char line[1024], pid[32], restarts[32], last[64], since[32] ;
  int up = r->known && svstat_up(&r->v) ;
  if (r->known && r->v.pid) snprintf(pid, sizeof(pid), "%llu", r->v.pid) ; else snprintf(pid, sizeof(pid), "-") ;
  if (r->hasrestarts) snprintf(restarts, sizeof(restarts), "%llu", (unsigned long long)r->restarts) ;
  else snprintf(restarts, sizeof(restarts), "-") ;
  last_death(last, sizeof(last), r) ;
  snprintf(since, sizeof(since), "%llus", r->known ? r->v.updownfor : 0ULL) ;
  if (r->known)
    snprintf(line, sizeof(line), "%-24s %-9s pid %-7s for %-9s %-9s restarts %-4s last %s\n", r->name, state_of(r),
      pid, since, up && r->v.ready ? "ready" : "not-ready", restarts, last) ;
  else snprintf(line, sizeof(line), "%-24s %-9s (no readable supervise/status)\n", r->name, state_of(r)) ;
  out(line) ;
}

static void print_json (struct row const *r, int first)
{
  char s[128] ;
  int up = r->known && svstat_up(&r->v) ;
  out(first ? "\n  {\"name\": " : ",\n  {\"name\": ") ;
  out_json_string(r->name) ;
  out(", \"state\": ") ;
  out_json_string(state_of(r)) ;
  if (r->known && r->v.pid) snprintf(s, sizeof(s), ", \"pid\": %llu", r->v.pid) ; else snprintf(s, sizeof(s), ", \"pid\": null") ;
  out(s) ;
  if (r->known) snprintf(s, sizeof(s), ", \"seconds\": %llu, \"ready\": %s", r->v.updownfor, up && r->v.ready ? "true" : "false") ;
  else snprintf(s, sizeof(s), ", \"seconds\": null, \"ready\": false") ;
  out(s) ;
  if (r->hasrestarts) snprintf(s, sizeof(s), ", \"restarts\": %llu", (unsigned long long)r->restarts) ;
  else snprintf(s, sizeof(s), ", \"restarts\": null") ;
  out(s) ;
  if (!r->known || up) out(", \"exitcode\": null, \"signal\": null}") ;
  else if (WIFSIGNALED(r->v.wstat))
  {
    char sig[32] ;
    svstat_signame(sig, WTERMSIG(r->v.wstat)) ;
    out(", \"exitcode\": null, \"signal\": ") ;
    out_json_string(sig) ;
    out("}") ;
  }
  else
  {
    snprintf(s, sizeof(s), ", \"exitcode\": %d, \"signal\": null}", WEXITSTATUS(r->v.wstat)) ;
    out(s) ;
  }
}

/* fills r for the service directory PATH shown as NAME */
static void load (struct row *r, char const *path, char const *name, tain const *now)
{
  char const *what ;
  snprintf(r->name, sizeof(r->name), "%s", name) ;
  r->known = svstat_load(path, &r->v, now, &what) ;
  r->hasrestarts = svstatus_restarts_read(path, &r->restarts) ;
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
  struct row r ;
  memset(&r, 0, sizeof(r)) ;
  load(&r, path, name, now) ;
  if (json) print_json(&r, *first) ; else print_line(&r) ;
  *first = 0 ;
}

int status_main (int argc, char const *const *argv, char const *const *envp)
{
  char const *dir = BOSUN_SERVICEDIR ;
  dirlist dl = DIRLIST_ZERO ;
  int json = 0, first = 1 ;
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
  if (json) out(first ? "]\n" : "\n]\n") ;
  dirlist_free(&dl) ;
  if (!buffer_flush(buffer_1)) strerr_diefu1sys(111, "write to stdout") ;
  return 0 ;
}
