/* The selection fast path gives regexec's answers [contract 11]. */
#include <regex.h>
#include "unit.h"
#include "log/logmatch.h"

static char const *const lines[] = {
  "", "error", "an error here", "warning: x", "ERROR", "STAT ok", "a STAT", "x|y", "err", "errors and warnings", 0
} ;

static void same_as_regexec (char const *re, int fast)
{
  logmatch m ;
  regex_t r ;
  CHECK_INT(logmatch_compile(&m, re), fast) ;
  CHECK_INT(regcomp(&r, re, REG_EXTENDED | REG_NOSUB), 0) ;
  for (size_t i = 0 ; fast && lines[i] ; i++)
  {
    if (logmatch_run(&m, lines[i]) != !regexec(&r, lines[i], 0, 0, 0))
    {
      char what[128] ;
      snprintf(what, sizeof what, "/%s/ on \"%s\"", re, lines[i]) ;
      unit_fail(__FILE__, __LINE__, what) ;
    }
  }
  regfree(&r) ;
  logmatch_free(&m) ;
}

TEST(log_match_fast_forms_agree_with_regexec)
{
  same_as_regexec(".*", 1) ;
  same_as_regexec("error", 1) ;
  same_as_regexec("error|warning", 1) ;
  same_as_regexec("^STAT", 1) ;
  same_as_regexec("^STAT|here", 1) ;
  same_as_regexec("err|^an", 1) ;
}

TEST(log_match_other_forms_left_to_regexec)
{
  same_as_regexec("err.r", 0) ;
  same_as_regexec("error$", 0) ;
  same_as_regexec("a|", 0) ;
  same_as_regexec("x\\|y", 0) ;
  same_as_regexec("[Ee]rror", 0) ;
  same_as_regexec("^", 0) ;
  same_as_regexec("(error)", 0) ;
}

static char const *const more[] = {
  "GET /api/v1/items 404", "POST /api/v2/users 500 x", "GET /api/v1/items 200", "PUT /api/v1/items 404",
  "GET /api/vx/items 404", "a GET /api/v12/users 499", "abc", "ac", "abbbc", "abd", "xw", "xyzw", "xyw",
  "foo]bar", "foo]]bar", "12ms", "ms", "a.b", "axb", "c", "d", "bc", "ERROR: the disk is full", "ERROR: disk",
  "color", "colour", "colouur", "aab", "ab", "total 2 ms", "", 0
} ;

/* the prefilter never hides a match, and removes some lines */
static void prefilter_agrees (char const *re, size_t nreq)
{
  logmatch m ;
  regex_t r ;
  CHECK_INT(logmatch_compile(&m, re), 0) ;
  CHECK_INT(m.nreq, nreq) ;
  CHECK_INT(regcomp(&r, re, REG_EXTENDED | REG_NOSUB), 0) ;
  for (size_t i = 0 ; more[i] ; i++)
    if (!regexec(&r, more[i], 0, 0, 0) && !logmatch_maybe(&m, more[i]))
    {
      char what[160] ;
      snprintf(what, sizeof what, "prefilter of /%s/ hides \"%s\"", re, more[i]) ;
      unit_fail(__FILE__, __LINE__, what) ;
    }
  regfree(&r) ;
  logmatch_free(&m) ;
}

TEST(log_match_prefilter_never_hides_a_match)
{
  prefilter_agrees("(GET|POST) /api/v[0-9]+/(items|users) [45][0-9][0-9]", 2) ;
  prefilter_agrees("ab*c", 0) ;            /* "a" alone: too short to help */
  prefilter_agrees("aab*c", 1) ;
  prefilter_agrees("x(yz)?w", 0) ;
  prefilter_agrees("foo[]]bar", 2) ;
  prefilter_agrees("[[:digit:]]+ms", 1) ;
  prefilter_agrees("a\\.b", 0) ;
  prefilter_agrees("(a|b)c|d", 0) ;        /* top-level |: nothing required */
  prefilter_agrees("^ERROR: .*disk", 2) ;
  prefilter_agrees("colou?r", 1) ;
  prefilter_agrees("a{2}b", 0) ;
  prefilter_agrees("total [0-9]+ ms$", 2) ;
}

TEST(log_match_prefilter_drops_lines)
{
  logmatch m ;
  CHECK_INT(logmatch_compile(&m, "(GET|POST) /api/v[0-9]+/(items|users) [45][0-9][0-9]"), 0) ;
  CHECK_INT(logmatch_maybe(&m, "PUT /api/v1/items 404"), 0) ;
  CHECK_INT(logmatch_maybe(&m, "GET /api/v1/orders 404"), 0) ;
  CHECK_INT(logmatch_maybe(&m, "GET /api/v1/items 200"), 1) ;
  logmatch_free(&m) ;
}

TEST(log_match_prefilter_joins_adjacent_pieces)
{
  logmatch m ;
  CHECK_INT(logmatch_compile(&m, "(GET|POST) /api/v[0-9]+/(items|users) [45][0-9][0-9]"), 0) ;
  CHECK_INT(m.nreq, 2) ;
  CHECK_INT(m.req[1] - m.req[0], 2) ;
  CHECK_STR(m.alt[m.req[0]], "GET /api/v") ; CHECK_STR(m.alt[m.req[0] + 1], "POST /api/v") ;
  CHECK_STR(m.alt[m.req[1]], "/items ") ; CHECK_STR(m.alt[m.req[1] + 1], "/users ") ;
  /* the words are there, but not next to each other */
  CHECK_INT(logmatch_maybe(&m, "GET x /api/v1/items 404"), 0) ;
  logmatch_free(&m) ;
}
