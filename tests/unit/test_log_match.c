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
