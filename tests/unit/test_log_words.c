/* S6_LOGGING_SCRIPT into words [V6] and the catch-all logger's stamps. */
#include "unit.h"
#include "log/logwords.h"

TEST(log_words_blanks_and_quotes)
{
  char s[] = "  n30 s10000000\tS30000000 T !\"gzip -nq9\"  " ;
  char const *w[8] ;
  CHECK_INT(logwords_split(s, w, 8), 5) ;
  CHECK_STR(w[0], "n30") ; CHECK_STR(w[1], "s10000000") ; CHECK_STR(w[2], "S30000000") ;
  CHECK_STR(w[3], "T") ; CHECK_STR(w[4], "!gzip -nq9") ;
}

TEST(log_words_edge_cases)
{
  char empty[] = "   " , quote[] = "n3 !\"gzip", many[] = "a b c", mid[] = "p\"a b\"c" ;
  char const *w[4] ;
  CHECK_INT(logwords_split(empty, w, 4), 0) ;
  CHECK_INT(logwords_split(quote, w, 4), -1) ;
  CHECK_INT(logwords_split(many, w, 2), -1) ;
  CHECK_INT(logwords_split(mid, w, 4), 1) ; CHECK_STR(w[0], "pa bc") ;
}

TEST(log_words_stamps)
{
  char const *a[] = { "n20", "s1000000", "T" }, *b[] = { "T", "1", "t", "t", "/x" }, *c[] = { "n3", "Tx" } ;
  char const *out[2] ;
  CHECK_INT(logwords_stamps(a, 3, out), 1) ; CHECK_STR(out[0], "T") ;
  CHECK_INT(logwords_stamps(b, 5, out), 2) ; CHECK_STR(out[0], "t") ; CHECK_STR(out[1], "T") ;
  CHECK_INT(logwords_stamps(c, 2, out), 0) ;
}
