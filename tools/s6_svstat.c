/* s6-svstat [-uwNrpest] [-o FIELDS] [-n] DIR: the state of a supervised
   service [V3][V4], read from DIR/supervise/status. The human line and
   the field values are s6's, byte for byte, so that scripts parsing
   them keep working. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <skalibs/buffer.h>
#include <skalibs/sgetopt.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "svclient.h"
#include "svcontrol.h"
#include "svstatus.h"

#define USAGE "s6-svstat [ -uwNrpest | -o up,wantedup,normallyup,ready,paused,pid,exitcode,signal,signum,updownsince,readysince,updownfor,readyfor ] [ -n ] servicedir"

char const *const svstat_fieldnames[] =
{
  "up", "wantedup", "normallyup", "ready", "paused", "pid", "exitcode",
  "signal", "signum", "updownsince", "readysince", "updownfor", "readyfor", 0
} ;

enum { F_UP, F_WANTEDUP, F_NORMALLYUP, F_READY, F_PAUSED, F_PID, F_EXITCODE,
  F_SIGNAL, F_SIGNUM, F_UPDOWNSINCE, F_READYSINCE, F_UPDOWNFOR, F_READYFOR } ;

int svstat_up (struct svstat_view const *v)
{
  return v->pid && !v->finishing ;
}

void svstat_signame (char *s, int sig)
{
  char const *name = sig_name(sig) ;
  snprintf(s, 32, "SIG%s", name ? name : "???") ;
}

/* appends to the line; the line is bounded, the parts are short */
static size_t add (char *s, size_t len, char const *part)
{
  size_t n = strlen(part) ;
  if (len + n >= SVSTAT_LINEMAX) n = SVSTAT_LINEMAX - 1 - len ;
  memcpy(s + len, part, n) ;
  s[len + n] = 0 ;
  return len + n ;
}

/* "(pid 123)", "(exitcode 3)", "(signal SIGTERM)" or "(signal 15)" */
static void what (char *s, struct svstat_view const *v, int numeric)
{
  char name[32] ;
  if (svstat_up(v)) snprintf(s, 64, "up (pid %llu)", v->pid) ;
  else if (WIFSIGNALED(v->wstat))
  {
    if (numeric) snprintf(name, sizeof(name), "%d", WTERMSIG(v->wstat)) ;
    else svstat_signame(name, WTERMSIG(v->wstat)) ;
    snprintf(s, 64, "down (signal %s)", name) ;
  }
  else snprintf(s, 64, "down (exitcode %d)", WEXITSTATUS(v->wstat)) ;
}

size_t svstat_line (char *s, struct svstat_view const *v, int numeric)
{
  char part[64] ;
  int up = svstat_up(v) ;
  size_t len = 0 ;
  s[0] = 0 ;
  what(part, v, numeric) ;
  len = add(s, len, part) ;
  snprintf(part, sizeof(part), " %llu seconds", v->updownfor) ;
  len = add(s, len, part) ;
  /* the default state, said only when it differs from the current one */
  if (up && !v->normallyup) len = add(s, len, ", normally down") ;
  if (!up && v->normallyup) len = add(s, len, ", normally up") ;
  if (up && v->paused) len = add(s, len, ", paused") ;
  if (up && !v->wantup) len = add(s, len, ", want down") ;
  if (!up && v->wantup) len = add(s, len, ", want up") ;
  if (v->ready)
  {
    snprintf(part, sizeof(part), ", ready %llu seconds", v->readyfor) ;
    len = add(s, len, part) ;
  }
  return add(s, len, "\n") ;
}

int svstat_fields (char *list, unsigned char *fields, unsigned int max, char const **bad)
{
  unsigned int n = 0 ;
  char *p = list ;
  while (*p)
  {
    char *name = p ;
    unsigned int f = 0 ;
    size_t len = strcspn(p, ",") ;
    p += len ;
    if (*p) *p++ = 0 ;
    /* as in s6: "up," is fine, "up,,pid" and ",up" are not */
    if (!len) { *bad = name ; return -1 ; }
    while (svstat_fieldnames[f] && strcmp(svstat_fieldnames[f], name)) f++ ;
    if (!svstat_fieldnames[f] || n == max) { *bad = name ; return -1 ; }
    fields[n++] = (unsigned char)f ;
  }
  return (int)n ;
}

/* field values are short: 32 bytes hold any of them */
static void put (char *s, char const *value)
{
  snprintf(s, 32, "%s", value) ;
}

static char const *truth (int b)
{
  return b ? "true" : "false" ;
}

void svstat_field (char *s, unsigned int f, struct svstat_view const *v)
{
  int up = svstat_up(v) ;
  int sig = !up && WIFSIGNALED(v->wstat) ? WTERMSIG(v->wstat) : 0 ;
  switch (f)
  {
    case F_UP : put(s, truth(up)) ; break ;
    case F_WANTEDUP : put(s, truth(v->wantup)) ; break ;
    case F_NORMALLYUP : put(s, truth(v->normallyup)) ; break ;
    case F_READY : put(s, truth(up && v->ready)) ; break ;
    case F_PAUSED : put(s, truth(v->paused)) ; break ;
    case F_PID :
      if (up) snprintf(s, 32, "%llu", v->pid) ; else put(s, "-1") ;
      break ;
    case F_EXITCODE :
      if (up || sig) put(s, "-1") ; else snprintf(s, 32, "%d", WEXITSTATUS(v->wstat)) ;
      break ;
    case F_SIGNAL :
      if (sig) svstat_signame(s, sig) ; else put(s, "NA") ;
      break ;
    case F_SIGNUM : snprintf(s, 32, "%d", sig ? sig : -1) ; break ;
    case F_UPDOWNSINCE : put(s, v->updownsince) ; break ;
    case F_READYSINCE : put(s, v->readysince) ; break ;
    case F_UPDOWNFOR : snprintf(s, 32, "%llu", v->updownfor) ; break ;
    case F_READYFOR : snprintf(s, 32, "%llu", v->readyfor) ; break ;
    default : s[0] = 0 ;
  }
}

/* whole seconds from stamp to now; 0 if stamp is in the future (a clock
   set back), where s6 would print a wrapped-around number */
static unsigned long long seconds_since (tain const *stamp, tain const *now)
{
  tain d ;
  if (!tain_less(stamp, now)) return 0 ;
  tain_sub(&d, now, stamp) ;
  return tai_sec(tain_secp(&d)) ;
}

static void label (char *s, tain const *t)
{
  s[0] = '@' ;
  s[1 + tain_fmt(s + 1, t)] = 0 ;
}

int svstat_load (char const *dir, struct svstat_view *v, tain const *now, char const **what)
{
  svstatus st ;
  char down[4096] ;
  *what = "supervise/status" ;
  if (!svstatus_read(dir, &st)) return 0 ;
  v->pid = st.pid ;
  v->wstat = st.wstat ;
  v->paused = !!(st.flags & SVSTATUS_PAUSED) ;
  v->finishing = !!(st.flags & SVSTATUS_FINISHING) ;
  v->wantup = !!(st.flags & SVSTATUS_WANTUP) ;
  v->ready = !!(st.flags & SVSTATUS_READY) ;
  v->updownfor = seconds_since(&st.stamp, now) ;
  v->readyfor = seconds_since(&st.readystamp, now) ;
  label(v->updownsince, &st.stamp) ;
  label(v->readysince, &st.readystamp) ;
  *what = "down" ;
  if ((size_t)snprintf(down, sizeof(down), "%s/down", dir) >= sizeof(down)) return (errno = ENAMETOOLONG, 0) ;
  if (access(down, F_OK) == 0) v->normallyup = 0 ;
  else if (errno == ENOENT) v->normallyup = 1 ;
  else return 0 ;
  return 1 ;
}

/* -uwNrpest are shorthands for single fields */
static int shorthand (int opt)
{
  static char const letters[] = "uwNrpest" ;
  static unsigned char const field[] = { F_UP, F_WANTEDUP, F_NORMALLYUP, F_READY, F_PID, F_EXITCODE, F_SIGNAL, F_UPDOWNFOR } ;
  char const *p = strchr(letters, opt) ;
  return p ? field[p - letters] : -1 ;
}

static void print_fields (unsigned char const *f, unsigned int n, struct svstat_view const *v)
{
  for (unsigned int i = 0 ; i < n ; i++)
  {
    char value[32] ;
    svstat_field(value, f[i], v) ;
    if ((i && buffer_put(buffer_1, " ", 1) < 0) || buffer_puts(buffer_1, value) < 0)
      strerr_diefu1sys(111, "write to stdout") ;
  }
  if (buffer_putflush(buffer_1, "\n", 1) < 0) strerr_diefu1sys(111, "write to stdout") ;
}

int s6_svstat_main (int argc, char const *const *argv, char const *const *envp)
{
  subgetopt l = SUBGETOPT_ZERO ;
  unsigned char fields[SVSTAT_FIELDMAX] ;
  unsigned int n = 0 ;
  int numeric = 0, r ;
  struct svstat_view v ;
  char const *dir, *what ;
  tain now ;
  (void)envp ;
  PROG = "s6-svstat" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "uwNrpesto:n", &l) ;
    if (opt == -1) break ;
    if (opt == 'n') numeric = 1 ;
    else if (opt == 'o')
    {
      char list[1024] ;
      char const *bad ;
      int k ;
      if (strlen(l.arg) >= sizeof(list)) strerr_dief1x(100, "field list too long") ;
      memcpy(list, l.arg, strlen(l.arg) + 1) ;
      k = svstat_fields(list, fields + n, SVSTAT_FIELDMAX - n, &bad) ;
      if (k < 0) strerr_dief3x(100, "invalid option field: ", bad, ": see s6-svstat --help for the field names") ;
      n += (unsigned int)k ;
    }
    else if (opt == '?' || shorthand(opt) < 0 || n == SVSTAT_FIELDMAX) strerr_dieusage(100, USAGE) ;
    else fields[n++] = (unsigned char)shorthand(opt) ;
  }
  if (l.ind >= argc) strerr_dieusage(100, USAGE) ;
  dir = argv[l.ind] ;
  r = svcontrol_supervised(dir) ;
  if (r < 0) strerr_diefu3sys(111, "check the supervisor lock of ", dir, "/supervise/lock") ;
  if (!r) strerr_dief3x(1, "unable to read status for ", dir, ": s6-supervise not running, is its service in a scan directory?") ;
  if (!tain_wallclock_read(&now)) strerr_diefu1sys(111, "read the clock") ;
  if (!svstat_load(dir, &v, &now, &what)) strerr_diefu4sys(111, "read ", dir, "/", what) ;
  if (n) print_fields(fields, n, &v) ;
  else
  {
    char line[SVSTAT_LINEMAX] ;
    if (buffer_putflush(buffer_1, line, svstat_line(line, &v, numeric)) < 0) strerr_diefu1sys(111, "write to stdout") ;
  }
  return 0 ;
}
