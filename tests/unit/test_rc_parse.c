/* The definition file parsers [R1]-[R5]: pure functions on bytes. */
#include <string.h>
#include <skalibs/stralloc.h>
#include "unit.h"
#include "rc/rcparse.h"

static enum rc_type type_of (char const *s, int *untidy)
{
  return rcparse_type(s, strlen(s), untidy) ;
}

TEST(rc_type_exact_words)
{
  int u = 9 ;
  CHECK_INT(type_of("longrun", &u), RC_LONGRUN) ; CHECK_INT(u, 0) ;
  CHECK_INT(type_of("oneshot\n", &u), RC_ONESHOT) ; CHECK_INT(u, 0) ;
  CHECK_INT(type_of("bundle\n", &u), RC_BUNDLE) ; CHECK_INT(u, 0) ;
}

TEST(rc_type_crlf_and_blanks_tolerated_untidy)
{
  int u = 0 ;
  CHECK_INT(type_of("longrun\r\n", &u), RC_LONGRUN) ; CHECK_INT(u, 1) ;
  CHECK_INT(type_of("oneshot  \t\n\n", &u), RC_ONESHOT) ; CHECK_INT(u, 1) ;
  CHECK_INT(type_of("bundle ", &u), RC_BUNDLE) ; CHECK_INT(u, 1) ;
}

TEST(rc_type_unknown)
{
  int u = 0 ;
  CHECK_INT(type_of("", &u), RC_NOTYPE) ;
  CHECK_INT(type_of("Longrun", &u), RC_NOTYPE) ;
  CHECK_INT(type_of(" longrun", &u), RC_NOTYPE) ;
  CHECK_INT(type_of("longrunx", &u), RC_NOTYPE) ;
  CHECK_INT(type_of("long run", &u), RC_NOTYPE) ;
  CHECK_INT(rcparse_type("bundle\0x", 8, &u), RC_NOTYPE) ;
}

TEST(rc_names_lines_comments_blanks)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t bad = 0 ;
  char const *s = "# deps\nbase\n\n  init-a \r\nsvc-b\n#x\n" ;
  CHECK_INT(rcparse_names(s, strlen(s), &sa, &bad), 1) ;
  CHECK_INT(sa.len, sizeof("base\0init-a\0svc-b")) ;
  CHECK(!memcmp(sa.s, "base\0init-a\0svc-b\0", sa.len)) ;
  stralloc_free(&sa) ;
}

TEST(rc_names_bad_line_reported)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t bad = 0 ;
  char const *s = "a\nb c\n" ;
  CHECK_INT(rcparse_names(s, strlen(s), &sa, &bad), 0) ;
  CHECK_INT(bad, 2) ;
  CHECK_INT(sa.len, 0) ;
  CHECK_INT(rcparse_names("x/y", 3, &sa, &bad), 0) ;
  CHECK_INT(rcparse_names("\n\n.hidden", 9, &sa, &bad), 0) ;
  CHECK_INT(bad, 3) ;
  stralloc_free(&sa) ;
}

TEST(rc_uint)
{
  unsigned int u = 0 ;
  CHECK_INT(rcparse_uint("5000\n", 5, 0x7fffffff, &u), 1) ; CHECK_INT(u, 5000) ;
  CHECK_INT(rcparse_uint("3", 1, 0x7fffffff, &u), 1) ; CHECK_INT(u, 3) ;
  CHECK_INT(rcparse_uint("", 0, 10, &u), 0) ;
  CHECK_INT(rcparse_uint("-1", 2, 10, &u), 0) ;
  CHECK_INT(rcparse_uint("1x", 2, 10, &u), 0) ;
  CHECK_INT(rcparse_uint("11", 2, 10, &u), 0) ;
  CHECK_INT(rcparse_uint("99999999999999999999999", 23, 0x7fffffff, &u), 0) ;
}

static int words (char const *s, stralloc *sa)
{
  sa->len = 0 ;
  return rcparse_cmdline(s, strlen(s), sa) ;
}

TEST(rc_cmdline_one_path)
{
  stralloc sa = STRALLOC_ZERO ;
  CHECK_INT(words("/etc/s6-overlay/scripts/init-a\n", &sa), 1) ;
  CHECK_STR(sa.s, "/etc/s6-overlay/scripts/init-a") ;
  stralloc_free(&sa) ;
}

TEST(rc_cmdline_shebang_is_comment_R4)
{
  stralloc sa = STRALLOC_ZERO ;
  CHECK_INT(words("#!/command/execlineb -P\nforeground { echo \"a b\" }\n/bin/true\n", &sa), 5) ;
  CHECK_STR(sa.s, "foreground") ;
  CHECK_STR(sa.s + strlen("foreground") + 1, " echo") ;
  stralloc_free(&sa) ;
}

TEST(rc_cmdline_comment_only_is_noop_R4)
{
  stralloc sa = STRALLOC_ZERO ;
  CHECK_INT(words("#!/command/execlineb -P\n# nothing to do\n", &sa), 0) ;
  CHECK_INT(words("", &sa), 0) ;
  stralloc_free(&sa) ;
}

TEST(rc_cmdline_errors)
{
  stralloc sa = STRALLOC_ZERO ;
  CHECK_INT(words("foreground { echo a\n", &sa), RCPARSE_UNCLOSED) ;
  CHECK_INT(words("echo a }\n", &sa), RCPARSE_UNOPENED) ;
  CHECK_INT(words("echo \"abc\n", &sa), RCPARSE_SYNTAX) ;
  CHECK_INT(rcparse_cmdline("echo\0x", 6, &sa), RCPARSE_NULBYTE) ;
  CHECK_INT(sa.len, 0) ;
  stralloc_free(&sa) ;
}

TEST(rc_names_valid_chars)
{
  CHECK(rc_name_valid("svc-a", 5)) ;
  CHECK(!rc_name_valid("", 0)) ;
  CHECK(!rc_name_valid(".x", 2)) ;
  CHECK(!rc_name_valid("a b", 3)) ;
  CHECK(!rc_name_valid("a/b", 3)) ;
}
