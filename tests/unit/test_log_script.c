/* The s6-log script parser [contract 11]: defaults, clamps, which
   settings reach which action, and errors naming the directive. */
#include "unit.h"
#include "log/logscript.h"

static int parse (logscript *s, logscript_err *e, char const *const *argv, size_t n)
{
  *s = (logscript)LOGSCRIPT_ZERO ;
  return logscript_parse(argv, n, s, e) ;
}

TEST(log_script_defaults)
{
  char const *argv[] = { "/var/log/x" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, argv, 1), 1) ;
  CHECK_INT(s.nactions, 1) ; CHECK_INT(s.ndirs, 1) ;
  CHECK_INT(s.d[0].dir.count, 10) ;
  CHECK_INT(s.d[0].dir.size, 99999) ;
  CHECK_INT(s.d[0].dir.total, 0) ;
  CHECK_INT(s.d[0].dir.proc, LOGPROC_NONE) ;
  CHECK_STR(s.d[0].target, "/var/log/x") ;
  logscript_free(&s) ;
}

TEST(log_script_image_scripts)
{
  char const *a[] = { "T", "1", "n0", "s10000000", "T", "/tmp/d" } ;
  char const *b[] = { "n30", "s10000000", "S30000000", "T", "!gzip -nq9", "/tmp/d" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, a, 6), 1) ;
  CHECK_INT(s.nactions, 2) ;
  CHECK_INT(s.d[0].act, LOGACT_STDOUT) ; CHECK_INT(s.d[0].iso, 1) ;
  CHECK_INT(s.d[1].act, LOGACT_DIR) ; CHECK_INT(s.d[1].iso, 1) ;
  CHECK_INT(s.d[1].dir.count, 0) ; CHECK_INT(s.d[1].dir.size, 10000000) ;
  logscript_free(&s) ;
  CHECK_INT(parse(&s, &e, b, 6), 1) ;
  CHECK_INT(s.d[0].dir.count, 30) ; CHECK_INT(s.d[0].dir.total, 30000000) ;
  CHECK_INT(s.d[0].dir.proc, LOGPROC_EXECLINE) ; CHECK_STR(s.d[0].dir.processor, "gzip -nq9") ;
  logscript_free(&s) ;
}

TEST(log_script_size_clamped)
{
  char const *lo[] = { "s100", "./d" }, *hi[] = { "s999999999999", "./d" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, lo, 2), 1) ; CHECK_INT(s.d[0].dir.size, 4096) ; logscript_free(&s) ;
  CHECK_INT(parse(&s, &e, hi, 2), 1) ; CHECK_INT(s.d[0].dir.size, 268435455) ; logscript_free(&s) ;
}

TEST(log_script_stamps_apply_to_next_action_only)
{
  char const *argv[] = { "t", "T", "pX", "1", "2", "?cat", "./d" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, argv, 7), 1) ;
  CHECK(s.d[0].tai && s.d[0].iso) ;
  CHECK(!s.d[1].tai && !s.d[1].iso) ;
  CHECK_STR(s.d[1].prefix, "X") ;   /* p stays in force */
  CHECK_INT(s.d[1].limit, 200) ;    /* E default */
  CHECK_INT(s.d[2].dir.proc, LOGPROC_SH) ;
  logscript_free(&s) ;
}

TEST(log_script_status_limit)
{
  char const *argv[] = { "=st", "^4", "=st2", "E3", "2" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, argv, 5), 1) ;
  CHECK_INT(s.d[0].act, LOGACT_STATUS) ; CHECK_INT(s.d[0].limit, 1001) ;
  CHECK_INT(s.d[1].limit, 4) ; CHECK_INT(s.d[2].limit, 3) ;
  logscript_free(&s) ;
}

TEST(log_script_errors_name_the_directive)
{
  char const *bad[][2] = { { "zz", "1" }, { "sab", "1" }, { "+[", "1" }, { "l", "1" }, { "tt", "1" }, { "12", "1" }, { "", "1" } } ;
  for (size_t i = 0 ; i < sizeof bad / sizeof bad[0] ; i++)
  {
    logscript s ; logscript_err e ;
    CHECK_INT(parse(&s, &e, bad[i], 2), 0) ;
    CHECK(e.directive == bad[i][0]) ;
    CHECK(e.why != 0) ;
    CHECK(s.d == 0) ;
  }
}

TEST(log_script_needs_an_action)
{
  char const *argv[] = { "n3", "T" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, argv, 2), 0) ;
  CHECK(e.directive == 0) ;
  CHECK_STR(e.why, "no action directive specified") ;
}

TEST(log_script_trailing_settings_flagged)
{
  char const *argv[] = { "1", "n4" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, argv, 2), 1) ;
  CHECK_INT(s.trailing, 1) ;
  logscript_free(&s) ;
}

TEST(log_script_tolerance)
{
  char const *a[] = { "/x" }, *b[] = { "s10000", "l3000", "/x" }, *c[] = { "s4096", "l3000", "/x" }, *d[] = { "l3000", "s4096", "/x" } ;
  logscript s ; logscript_err e ;
  CHECK_INT(parse(&s, &e, a, 1), 1) ; CHECK_INT(s.d[0].dir.tolerance, 2000) ; logscript_free(&s) ;
  CHECK_INT(parse(&s, &e, b, 3), 1) ; CHECK_INT(s.d[0].dir.tolerance, 3000) ; logscript_free(&s) ;
  CHECK_INT(parse(&s, &e, c, 3), 0) ; CHECK_STR(e.directive, "l3000") ;
  /* as s6-log: checked against the size in force when l is read */
  CHECK_INT(parse(&s, &e, d, 3), 1) ; logscript_free(&s) ;
}
