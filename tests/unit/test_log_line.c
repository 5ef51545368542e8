/* Logger line handling: the two stamps, the selection semantics of
   s6-log 2.11 (kept across actions, f), and cutting lines at -l. */
#include <time.h>
#include "unit.h"
#include "log/logscript.h"
#include "log/logselect.h"
#include "log/logstamp.h"
#include "log/logline.h"

TEST(log_stamp_iso_format)
{
  struct tm tm = { 0 } ;
  char s[LOGSTAMP_ISO_LEN + 1] ;
  tm.tm_year = 2026 - 1900 ; tm.tm_mon = 0 ; tm.tm_mday = 2 ;
  tm.tm_hour = 3 ; tm.tm_min = 4 ; tm.tm_sec = 5 ;
  CHECK_INT(logstamp_iso_tm(s, &tm, 6789), LOGSTAMP_ISO_LEN) ;
  s[LOGSTAMP_ISO_LEN] = 0 ;
  CHECK_STR(s, "2026-01-02 03:04:05.000006789  ") ;
}

TEST(log_stamp_tai64n_format)
{
  tain t = { .sec = { 0x400000006b046487ULL }, .nano = 0x323dcf0e } ;
  char s[LOGSTAMP_TAI_LEN + 1] ;
  CHECK_INT(logstamp_tai(s, &t), LOGSTAMP_TAI_LEN) ;
  s[LOGSTAMP_TAI_LEN] = 0 ;
  CHECK_STR(s, "@400000006b046487323dcf0e ") ;
}

static int record (logdirective const *a, size_t idx, void *ctx)
{
  char *out = ctx ;
  (void)a ;
  out[strlen(out)] = (char)('0' + idx) ;
  return 0 ;
}

static void run (char const *const *argv, size_t n, char const *line, char const *want)
{
  logscript s = LOGSCRIPT_ZERO ;
  logscript_err e ;
  char got[16] = "" ;
  CHECK_INT(logscript_parse(argv, n, &s, &e), 1) ;
  logselect_run(&s, line, &record, got) ;
  CHECK_STR(got, want) ;
  logscript_free(&s) ;
}

TEST(log_select_semantics)
{
  char const *a[] = { "-x", "1", "2" } ;
  char const *b[] = { "-x", "1", "f", "2" } ;
  char const *c[] = { "-x", "1", "+x", "2" } ;
  char const *d[] = { "+x", "+y", "-y", "1" } ;
  char const *e[] = { "-", "1" } ;
  char const *f[] = { "-.*", "+^ab+c$", "1" } ;
  run(a, 3, "x", "") ; run(a, 3, "y", "01") ;   /* selection carries over */
  run(b, 4, "x", "1") ; run(b, 4, "y", "0") ;   /* f: lines no action took */
  run(c, 4, "x", "1") ; run(c, 4, "y", "01") ;
  run(d, 4, "x", "0") ; run(d, 4, "y", "") ;
  run(e, 2, "anything", "") ;                   /* empty RE matches all */
  run(f, 3, "abbbc", "0") ; run(f, 3, "abd", "") ;
}

TEST(log_line_cut)
{
  size_t next ;
  CHECK_INT(logline_cut("ab\ncd", 5, 0, 0, &next), 2) ; CHECK_INT(next, 3) ;
  CHECK_INT(logline_cut("cd", 2, 0, 0, &next), 0) ; CHECK_INT(next, 0) ;
  CHECK_INT(logline_cut("cd", 2, 0, 1, &next), 2) ; CHECK_INT(next, 2) ;
  CHECK_INT(logline_cut("abcdef\n", 7, 4, 0, &next), 4) ; CHECK_INT(next, 4) ;
  CHECK_INT(logline_cut("abc\n", 4, 4, 0, &next), 3) ; CHECK_INT(next, 4) ;
  CHECK_INT(logline_cut("\n", 1, 0, 0, &next), 0) ; CHECK_INT(next, 1) ;
  CHECK_INT(logline_cut("", 0, 0, 1, &next), 0) ; CHECK_INT(next, 0) ;
}
