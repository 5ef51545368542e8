#include "unit.h"
#include "envfile.h"

static int parse (char const *s, stralloc *sa, envfile_error *err)
{
  sa->len = 0 ;
  return envfile_parse(s, strlen(s), sa, err) ;
}

TEST(envfile_keeps_values_as_written)
{
  stralloc sa = STRALLOC_ZERO ;
  envfile_error err ;
  CHECK(parse("# comment\n\nA=1\n  B=two words = three\r\nC=\nD=\"quoted $HOME\"\n   \t\n  # indented comment\nE=last", &sa, &err)) ;
  CHECK_INT(sa.len, sizeof("A=1\0B=two words = three\0C=\0D=\"quoted $HOME\"\0E=last")) ;
  CHECK(!memcmp(sa.s, "A=1\0B=two words = three\0C=\0D=\"quoted $HOME\"\0E=last", sa.len)) ;
  stralloc_free(&sa) ;
}

TEST(envfile_empty_file_sets_nothing)
{
  stralloc sa = STRALLOC_ZERO ;
  envfile_error err ;
  CHECK(parse("", &sa, &err)) ;
  CHECK_INT(sa.len, 0) ;
  CHECK(parse("\r\n\n# x\n", &sa, &err)) ;
  CHECK_INT(sa.len, 0) ;
}

TEST(envfile_malformed_lines_are_named)
{
  stralloc sa = STRALLOC_ZERO ;
  envfile_error err ;
  CHECK(!parse("A=1\nNOEQUALS\nB=2\n", &sa, &err)) ;
  CHECK_INT(err.line, 2) ;
  CHECK_STR(err.why, "no '=' after the variable name") ;
  CHECK_INT(sa.len, 0) ;
  CHECK(!parse("A=1\r\n\r\n1A=x\n", &sa, &err)) ;
  CHECK_INT(err.line, 3) ;
  CHECK_STR(err.why, "the line does not start with a variable name") ;
  CHECK(!parse("export A=1\n", &sa, &err)) ;
  CHECK_INT(err.line, 1) ;
  CHECK(!parse("A-B=1\n", &sa, &err)) ;
  CHECK(!parse("=1\n", &sa, &err)) ;
  CHECK(!envfile_parse("A=\0\n", 4, &sa, &err)) ;
  CHECK_STR(err.why, "a NUL byte in the line") ;
  stralloc_free(&sa) ;
}

TEST(envfile_load_reports_missing_file)
{
  stralloc sa = STRALLOC_ZERO ;
  envfile_error err ;
  CHECK(!envfile_load("/nonexistent/env", &sa, &err)) ;
  CHECK(!err.why) ;
}
