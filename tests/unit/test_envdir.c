#include "unit.h"
#include "envdir.h"

/* the value of a file holding the literal s, with flags */
static char buf[8192] ;
static char const *val (char const *s, size_t len, unsigned int flags, char nullis)
{
  memcpy(buf, s, len) ;
  buf[envdir_value(buf, len, flags, nullis)] = 0 ;
  return buf ;
}
#define V(s, flags) val(s, sizeof(s) - 1, flags, '\n')

TEST(envdir_value_is_the_first_line_with_trailing_blanks_chomped)
{
  CHECK_STR(V("hello  \t\nsecond\n", 0), "hello") ;
  CHECK_STR(V("  lead\r\n", 0), "  lead") ;
  CHECK_STR(V("\n", 0), "") ;
  CHECK_STR(V("no newline", 0), "no newline") ;
  CHECK_STR(V("a=b c\n", 0), "a=b c") ;
}

TEST(envdir_value_nochomp_keeps_blanks_but_not_the_newline)
{
  CHECK_STR(V("hello  \t\nsecond\n", ENVDIR_NOCHOMP), "hello  \t") ;
  CHECK_STR(V(" \n \n", ENVDIR_NOCHOMP), " ") ;
}

TEST(envdir_value_verbatim_is_the_whole_file_less_its_last_newline)
{
  CHECK_STR(V("a  \nb  \n", ENVDIR_VERBATIM), "a  \nb  ") ;
  CHECK_STR(V("multi\n\n\n", ENVDIR_VERBATIM), "multi\n\n") ;
  CHECK_STR(V("multi\n\n\n", ENVDIR_VERBATIM | ENVDIR_NOCHOMP), "multi\n\n\n") ;
}

TEST(envdir_value_turns_nul_bytes_into_newlines_or_nullis)
{
  CHECK_STR(V("a\0b\0\n", 0), "a\nb\n") ;
  CHECK_STR(val("a\0b\0\n", 5, 0, 'X'), "aXbX") ;
  CHECK_STR(val("a\0b\n", 4, ENVDIR_VERBATIM, 'X'), "aXb") ;
}

TEST(envdir_value_reads_at_most_4095_bytes_unless_noclamp)
{
  static char big[5000] ;
  memset(big, 'x', sizeof big) ;
  memcpy(buf, big, sizeof big) ;
  CHECK_INT(envdir_value(buf, sizeof big, 0, '\n'), 4095) ;
  memcpy(buf, big, sizeof big) ;
  CHECK_INT(envdir_value(buf, sizeof big, ENVDIR_VERBATIM, '\n'), 4095) ;
  memcpy(buf, big, sizeof big) ;
  CHECK_INT(envdir_value(buf, sizeof big, ENVDIR_NOCLAMP, '\n'), 5000) ;
}

TEST(envdir_names_with_a_dot_first_or_an_equals_sign_are_skipped)
{
  CHECK(envdir_name_ok("PATH")) ;
  CHECK(envdir_name_ok("sp ace")) ;
  CHECK(envdir_name_ok("a.b")) ;
  CHECK(!envdir_name_ok(".hidden")) ;
  CHECK(!envdir_name_ok("A=B")) ;
  CHECK(!envdir_name_ok("")) ;
}
