#include <signal.h>
#include "unit.h"
#include "svconf.h"
#include "dtally.h"

TEST(svconf_down_signal_names_and_numbers)
{
  int sig = 0 ;
  CHECK(svconf_parse_signal("SIGTERM\n", &sig)) ; CHECK_INT(sig, SIGTERM) ;
  CHECK(svconf_parse_signal("HUP", &sig)) ; CHECK_INT(sig, SIGHUP) ;
  CHECK(svconf_parse_signal("SIGQUIT \r\n", &sig)) ; CHECK_INT(sig, SIGQUIT) ;
  CHECK(svconf_parse_signal("10", &sig)) ; CHECK_INT(sig, 10) ;
  CHECK(!svconf_parse_signal("", &sig)) ;
  CHECK(!svconf_parse_signal("SIGNOPE", &sig)) ;
  CHECK(!svconf_parse_signal("TERM KILL", &sig)) ;
  CHECK(!svconf_parse_signal("0", &sig)) ;
  CHECK(!svconf_parse_signal("99", &sig)) ;
}

TEST(svconf_numbers_allow_a_trailing_newline_only)
{
  unsigned int u = 0 ;
  CHECK(svconf_parse_uint("5000\n", &u)) ; CHECK_INT(u, 5000) ;
  CHECK(svconf_parse_uint("3", &u)) ; CHECK_INT(u, 3) ;
  CHECK(!svconf_parse_uint("", &u)) ;
  CHECK(!svconf_parse_uint("5s", &u)) ;
  CHECK(!svconf_parse_uint("-1", &u)) ;
}

/* records as Debian's s6-supervise 2.11 wrote them: 8f0f after a SIGTERM,
   0300 after exit 3 */
TEST(dtally_records_like_s6)
{
  char s[DTALLY_RECORD] ;
  tain t = TAIN_ZERO ;
  dtally_pack(s, &t, SIGTERM) ;
  CHECK_INT((unsigned char)s[12], 0x8f) ;
  CHECK_INT((unsigned char)s[13], 0x0f) ;
  dtally_pack(s, &t, 3 << 8) ;
  CHECK_INT((unsigned char)s[12], 3) ;
  CHECK_INT((unsigned char)s[13], 0) ;
}
