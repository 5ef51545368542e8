#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/stralloc.h>
#include "unit.h"
#include "contenv.h"

static char const *path_of (char const *in)
{
  static stralloc sa = STRALLOC_ZERO ;
  sa.len = 0 ;
  CHECK(contenv_path(&sa, in)) ;
  return sa.s ;
}

TEST(path_puts_command_first_and_keeps_bin_dirs)
{
  CHECK_STR(path_of("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
    "/command:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin") ;
  CHECK_STR(path_of(0), "/command:/usr/bin:/bin") ;
  CHECK_STR(path_of(""), "/command:/usr/bin:/bin") ;
  CHECK_STR(path_of("/opt/bin"), "/command:/opt/bin:/usr/bin:/bin") ;
  CHECK_STR(path_of("/bin:/command:/usr/bin"), "/command:/bin:/usr/bin") ;
  CHECK_STR(path_of("/a::/b:"), "/command:/a:/b:/usr/bin:/bin") ;
}

TEST(names_must_be_file_and_variable_names)
{
  CHECK(contenv_name_ok("HOME", 4)) ;
  CHECK(contenv_name_ok("weird name", 10)) ;
  CHECK(!contenv_name_ok("", 0)) ;
  CHECK(!contenv_name_ok(".hidden", 7)) ;
  CHECK(!contenv_name_ok("a/b", 3)) ;
  CHECK(!contenv_name_ok("a=b", 3)) ;
}

TEST(one_trailing_newline_is_dropped)
{
  CHECK_INT(contenv_value_len("abc\n", 4), 3) ;
  CHECK_INT(contenv_value_len("abc", 3), 3) ;
  CHECK_INT(contenv_value_len("abc\n\n", 5), 4) ;
  CHECK_INT(contenv_value_len("", 0), 0) ;
}

TEST(snapshot_round_trips_through_files)
{
  char dir[] = "/tmp/bosun-unit-XXXXXX" ;
  char const *env[] = { "A=1", "B=two words", "C=", "D=x=y", "E=multi\nline", 0 } ;
  stralloc v = STRALLOC_ZERO, all = STRALLOC_ZERO ;
  CHECK(mkdtemp(dir)) ;
  CHECK(contenv_write(dir, env)) ;
  CHECK_INT(contenv_get(dir, "B", &v), 1) ; CHECK(stralloc_0(&v)) ; CHECK_STR(v.s, "two words") ;
  v.len = 0 ; CHECK_INT(contenv_get(dir, "C", &v), 1) ; CHECK_INT(v.len, 0) ;
  v.len = 0 ; CHECK_INT(contenv_get(dir, "D", &v), 1) ; CHECK(stralloc_0(&v)) ; CHECK_STR(v.s, "x=y") ;
  v.len = 0 ; CHECK_INT(contenv_get(dir, "E", &v), 1) ; CHECK(stralloc_0(&v)) ; CHECK_STR(v.s, "multi\nline") ;
  v.len = 0 ; CHECK_INT(contenv_get(dir, "NOPE", &v), 0) ;
  CHECK(contenv_load(dir, &all)) ;
  CHECK_INT(all.len, sizeof("A=1 B=two words C= D=x=y E=multi\nline")) ;
  {
    char cmd[64] = "rm -rf " ;
    strcat(cmd, dir) ;
    CHECK(!system(cmd)) ;
  }
}
