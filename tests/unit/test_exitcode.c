#include <signal.h>
#include <sys/wait.h>
#include "unit.h"
#include "exitcode.h"

#define PARSE(s) exitcode_parse(s, sizeof(s) - 1)

TEST(exitcode_file_rules_of_contract_section_6)
{
  CHECK_INT(PARSE(""), 0) ;
  CHECK_INT(PARSE("\n"), 0) ;
  CHECK_INT(PARSE("  \t\n"), 0) ;
  CHECK_INT(PARSE("3"), 3) ;
  CHECK_INT(PARSE("3\n"), 3) ;
  CHECK_INT(PARSE(" 42 \r\nignored\n"), 42) ;
  CHECK_INT(PARSE("256"), 0) ;
  CHECK_INT(PARSE("257"), 1) ;
  CHECK_INT(PARSE("99999999999999999999"), 255) ;
  CHECK_INT(PARSE("abc"), 100) ;
  CHECK_INT(PARSE("3 4"), 100) ;
  CHECK_INT(PARSE("-1"), 100) ;
}

TEST(exitcode_of_wstat_is_code_or_128_plus_signal)
{
  CHECK_INT(exitcode_of_wstat(3 << 8), 3) ;
  CHECK_INT(exitcode_of_wstat(SIGKILL), 137) ;
  CHECK_INT(exitcode_of_wstat(SIGTERM), 143) ;
}
