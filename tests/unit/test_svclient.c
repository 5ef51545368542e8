/* Option parsing of s6-svc, checked against what Debian's s6-svc 2.11
   writes to the control fifo for the same command lines [V4]. */
#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "svclient.h"

#define ARGV(...) ((char const *const[]){ __VA_ARGS__, 0 })
#define ARGC(...) ((int)(sizeof((char const *[]){ __VA_ARGS__ }) / sizeof(char const *)))
#define PARSE(o, ...) svc_parse(ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), (o))

static char const *cmd (struct svc_opts const *o)
{
  static char s[SVC_CMDMAX + 1] ;
  memcpy(s, o->cmd, o->len) ;
  s[o->len] = 0 ;
  return s ;
}

TEST(svc_bytes_follow_the_options_in_order)
{
  struct svc_opts o ;
  CHECK_INT(PARSE(&o, "s6-svc", "-abqhkti12pcy", "dir"), 1) ;
  CHECK_STR(cmd(&o), "abqhkti12pcy") ;
  CHECK_INT(o.ind, 2) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-roduDUxOQ", "dir"), 1) ;
  CHECK_STR(cmd(&o), "roduDUxOQ") ;
  CHECK_INT(PARSE(&o, "s6-svc", "-d", "-u", "-d", "dir"), 1) ;
  CHECK_STR(cmd(&o), "dud") ;
  CHECK_INT(o.wait, 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-O", "."), 1) ;
  CHECK_STR(cmd(&o), "O") ;
}

TEST(svc_wait_and_timeout)
{
  struct svc_opts o ;
  CHECK_INT(PARSE(&o, "s6-svc", "-wU", "-u", "-T2500", "/run/service/x"), 1) ;
  CHECK_INT(o.wait, 'U') ;
  CHECK_INT(o.timeout, 2500) ;
  CHECK_STR(cmd(&o), "u") ;
  CHECK_INT(PARSE(&o, "s6-svc", "-wd", "-wD", "-T", "300", "-d", "x", "y"), 1) ;
  CHECK_INT(o.wait, 'D') ;
  CHECK_INT(o.timeout, 300) ;
  CHECK_INT(o.ind, 6) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-wr", "-r", "--", "-x"), 1) ;
  CHECK_INT(o.wait, 'r') ;
  CHECK_INT(o.ind, 4) ;
}

TEST(svc_usage_errors)
{
  struct svc_opts o ;
  CHECK_INT(PARSE(&o, "s6-svc", "-u"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-P", "x"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-s", "x"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-wx", "x"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-wuu", "x"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-T", "abc", "x"), 0) ;
  CHECK_INT(PARSE(&o, "s6-svc", "-u", "-T"), 0) ;
}

/* The expected lines are Debian's s6-svstat 2.11.3.2 output on status
   files with the same contents. */
static struct svstat_view view (unsigned long long pid, int wstat, int flags, int normallyup)
{
  struct svstat_view v = { .pid = pid, .wstat = wstat, .paused = flags & 1,
    .finishing = !!(flags & 2), .wantup = !!(flags & 4), .ready = !!(flags & 8),
    .normallyup = normallyup, .updownfor = 7, .readyfor = 3 } ;
  strcpy(v.updownsince, "@400000006b0456e90a9c026d") ;
  strcpy(v.readysince, "@400000006b0456eb0a9c026d") ;
  return v ;
}

static char const *line (struct svstat_view v, int numeric)
{
  static char s[SVSTAT_LINEMAX] ;
  svstat_line(s, &v, numeric) ;
  return s ;
}

TEST(svstat_human_line_is_s6s)
{
  CHECK_STR(line(view(123, 0, 12, 1), 0), "up (pid 123) 7 seconds, ready 3 seconds\n") ;
  CHECK_STR(line(view(123, 0, 13, 1), 0), "up (pid 123) 7 seconds, paused, ready 3 seconds\n") ;
  CHECK_STR(line(view(123, 0, 0, 1), 0), "up (pid 123) 7 seconds, want down\n") ;
  CHECK_STR(line(view(123, 0, 4, 1), 0), "up (pid 123) 7 seconds\n") ;
  CHECK_STR(line(view(0, 15, 4, 1), 0), "down (signal SIGTERM) 7 seconds, normally up, want up\n") ;
  CHECK_STR(line(view(0, 15, 4, 1), 1), "down (signal 15) 7 seconds, normally up, want up\n") ;
  CHECK_STR(line(view(0, 9, 12, 1), 0), "down (signal SIGKILL) 7 seconds, normally up, want up, ready 3 seconds\n") ;
  CHECK_STR(line(view(77, 3 << 8, 6, 1), 0), "down (exitcode 3) 7 seconds, normally up, want up\n") ;
  CHECK_STR(line(view(77, 0, 4, 0), 0), "up (pid 77) 7 seconds, normally down\n") ;
  CHECK_STR(line(view(77, 0, 9, 0), 0), "up (pid 77) 7 seconds, normally down, paused, want down, ready 3 seconds\n") ;
  CHECK_STR(line(view(0, 0, 0, 0), 0), "down (exitcode 0) 7 seconds\n") ;
  CHECK_STR(line(view(0, 0, 1, 0), 0), "down (exitcode 0) 7 seconds\n") ;
  CHECK_STR(line(view(0, 0, 4, 0), 0), "down (exitcode 0) 7 seconds, want up\n") ;
  CHECK_STR(line(view(0, 129 << 8, 4, 1), 0), "down (exitcode 129) 7 seconds, normally up, want up\n") ;
  CHECK_STR(line(view(0, 64, 4, 1), 0), "down (signal SIG?\?\?) 7 seconds, normally up, want up\n") ;
  CHECK_STR(line(view(0, 64, 4, 1), 1), "down (signal 64) 7 seconds, normally up, want up\n") ;
}

TEST(svstat_signal_names_are_s6s)
{
  char s[32] ;
  static char const *const names[] = { "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
    "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
    "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS" } ;
  for (int i = 1 ; i <= 31 ; i++)
  {
    char want[32] ;
    snprintf(want, sizeof(want), "SIG%s", names[i - 1]) ;
    svstat_signame(s, i) ;
    CHECK_STR(s, want) ;
  }
  svstat_signame(s, 34) ;
  CHECK_STR(s, "SIG???") ;
}

static char const *fields (char const *list, struct svstat_view v)
{
  static char out[1024] ;
  char buf[256] ;
  unsigned char f[SVSTAT_FIELDMAX] ;
  char const *bad = 0 ;
  int n ;
  strcpy(buf, list) ;
  n = svstat_fields(buf, f, SVSTAT_FIELDMAX, &bad) ;
  if (n < 0) { snprintf(out, sizeof(out), "bad %s", bad) ; return out ; }
  out[0] = 0 ;
  for (int i = 0 ; i < n ; i++)
  {
    char value[32] ;
    svstat_field(value, f[i], &v) ;
    if (i) strcat(out, " ") ;
    strcat(out, value) ;
  }
  return out ;
}

#define ALL "up,wantedup,normallyup,ready,paused,pid,exitcode,signal,signum,updownsince,readysince,updownfor,readyfor"

TEST(svstat_fields_are_s6s)
{
  CHECK_STR(fields(ALL, view(123, 0, 12, 1)),
    "true true true true false 123 -1 NA -1 @400000006b0456e90a9c026d @400000006b0456eb0a9c026d 7 3") ;
  CHECK_STR(fields(ALL, view(0, 15, 4, 1)),
    "false true true false false -1 -1 SIGTERM 15 @400000006b0456e90a9c026d @400000006b0456eb0a9c026d 7 3") ;
  CHECK_STR(fields("up,wantedup,normallyup,ready,paused,pid,exitcode,signal,signum", view(0, 3 << 8, 8, 1)),
    "false false true false false -1 3 NA -1") ;
  CHECK_STR(fields("up,paused,pid,exitcode,signal", view(55, 9, 3, 1)), "false true -1 -1 SIGKILL") ;
  CHECK_STR(fields("paused,ready,readyfor", view(0, 0, 1, 1)), "true false 3") ;
  CHECK_STR(fields("up,pid,", view(77, 0, 12, 1)), "true 77") ;
  CHECK_STR(fields("up,,pid", view(77, 0, 12, 1)), "bad ") ;
  CHECK_STR(fields(",up", view(77, 0, 12, 1)), "bad ") ;
  CHECK_STR(fields("", view(77, 0, 12, 1)), "") ;
  CHECK_STR(fields("up,pgid", view(77, 0, 12, 1)), "bad pgid") ;
  CHECK_STR(fields("foo", view(77, 0, 12, 1)), "bad foo") ;
}

#include "svlisten.h"

static svlisten listener (char want, int up, int ready)
{
  svlisten l = { .want = want, .up = up, .ready = ready } ;
  return l ;
}

static int feed (svlisten *l, char const *events)
{
  for (char const *p = events ; *p ; p++) svlisten_event(l, *p) ;
  return l->done ;
}

TEST(svlisten_events_reach_the_wanted_state)
{
  svlisten l = listener('u', 0, 0) ;
  CHECK_INT(feed(&l, "s"), 0) ;
  CHECK_INT(feed(&l, "u"), 1) ;
  l = listener('U', 0, 0) ;
  CHECK_INT(feed(&l, "su"), 0) ;
  CHECK_INT(feed(&l, "U"), 1) ;
  l = listener('d', 1, 0) ;
  CHECK_INT(feed(&l, "d"), 1) ;
  l = listener('D', 1, 0) ;
  CHECK_INT(feed(&l, "d"), 0) ;
  CHECK_INT(feed(&l, "D"), 1) ;
  /* a restart needs an up event, even when the service is up already */
  l = listener('r', 1, 0) ;
  CHECK_INT(feed(&l, "d"), 0) ;
  CHECK_INT(feed(&l, "Ds"), 0) ;
  CHECK_INT(feed(&l, "u"), 1) ;
  l = listener('R', 1, 1) ;
  CHECK_INT(feed(&l, "dDsu"), 0) ;
  CHECK_INT(feed(&l, "U"), 1) ;
  /* once there, later events do not undo it */
  l = listener('u', 0, 0) ;
  CHECK_INT(feed(&l, "ud"), 1) ;
}

TEST(svlisten_supervisor_exit_and_permanent_failure)
{
  svlisten l = listener('u', 0, 0) ;
  CHECK_INT(feed(&l, "dDO"), 0) ;
  CHECK_INT(l.failed, 1) ;
  l = listener('d', 1, 0) ;
  CHECK_INT(feed(&l, "O"), 0) ;
  CHECK_INT(l.failed, 0) ;
  CHECK_INT(feed(&l, "x"), 0) ;
  CHECK_INT(l.died, 1) ;
}
