#include "unit.h"
#include "s6var.h"

TEST(s6var_plain_digits_are_numbers)
{
  unsigned int u = 7 ;
  CHECK(s6var_parse_uint("3000", &u)) ; CHECK_INT(u, 3000) ;
  CHECK(s6var_parse_uint("0", &u)) ; CHECK_INT(u, 0) ;
  CHECK(s6var_parse_uint("4294967295", &u)) ; CHECK_INT(u, 4294967295u) ;
}

TEST(s6var_anything_else_is_malformed)
{
  unsigned int u = 7 ;
  CHECK(!s6var_parse_uint("", &u)) ;
  CHECK(!s6var_parse_uint("abc", &u)) ;
  CHECK(!s6var_parse_uint(" 3000", &u)) ;
  CHECK(!s6var_parse_uint("3000 ", &u)) ;
  CHECK(!s6var_parse_uint("-1", &u)) ;
  CHECK(!s6var_parse_uint("3s", &u)) ;
  CHECK(!s6var_parse_uint("4294967296", &u)) ;
  CHECK_INT(u, 7) ;
}

TEST(s6var_uint_falls_back_to_default_and_clamps)
{
  char const *env[] = { "S6_KILL_GRACETIME=abc", "S6_X=500000", "S6_Y=12", 0 } ;
  CHECK_INT(s6var_uint(env, "S6_KILL_GRACETIME", 3000, 300000), 3000) ;
  CHECK_INT(s6var_uint(env, "S6_X", 3000, 300000), 300000) ;
  CHECK_INT(s6var_uint(env, "S6_Y", 3000, 300000), 12) ;
  CHECK_INT(s6var_uint(env, "S6_UNSET", 50, 300000), 50) ;
}

TEST(s6var_flag_is_nonzero_number)
{
  char const *env[] = { "A=0", "B=1", "C=", "D=yes", "E=00", 0 } ;
  CHECK(!s6var_flag(env, "A")) ;
  CHECK(s6var_flag(env, "B")) ;
  CHECK(!s6var_flag(env, "C")) ;
  CHECK(s6var_flag(env, "D")) ;
  CHECK(!s6var_flag(env, "E")) ;
  CHECK(!s6var_flag(env, "F")) ;
}
