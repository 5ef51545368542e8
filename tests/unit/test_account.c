#include "unit.h"
#include "account.h"

TEST(account_id_scan_takes_whole_decimal_ids_only)
{
  unsigned int id = 7 ;
  CHECK(account_id_scan("0", 1, &id)) ; CHECK_INT(id, 0) ;
  CHECK(account_id_scan("65534", 5, &id)) ; CHECK_INT(id, 65534) ;
  CHECK(account_id_scan("4294967294", 10, &id)) ; CHECK_INT(id, 4294967294LL) ;
  CHECK(account_id_scan("12:34", 2, &id)) ; CHECK_INT(id, 12) ;
  CHECK(!account_id_scan("", 0, &id)) ;
  CHECK(!account_id_scan("4294967295", 10, &id)) ;  /* (uid_t)-1 means "unchanged" */
  CHECK(!account_id_scan("99999999999", 11, &id)) ;
  CHECK(!account_id_scan("tester", 6, &id)) ;
  CHECK(!account_id_scan("12a", 3, &id)) ;
  CHECK(!account_id_scan("-1", 2, &id)) ;
  CHECK(!account_id_scan(" 1", 2, &id)) ;
}

TEST(account_gidlist_scan_reads_comma_separated_ids)
{
  gid_t list[4] ;
  size_t n = 9 ;
  CHECK(account_gidlist_scan("", list, 4, &n)) ; CHECK_INT(n, 0) ;
  CHECK(account_gidlist_scan("5", list, 4, &n)) ; CHECK_INT(n, 1) ; CHECK_INT(list[0], 5) ;
  CHECK(account_gidlist_scan("1,20,300", list, 4, &n)) ;
  CHECK_INT(n, 3) ; CHECK_INT(list[0], 1) ; CHECK_INT(list[1], 20) ; CHECK_INT(list[2], 300) ;
  CHECK(!account_gidlist_scan("1,x", list, 4, &n)) ;
  CHECK(!account_gidlist_scan("1,", list, 4, &n)) ;
  CHECK(!account_gidlist_scan(",1", list, 4, &n)) ;
  CHECK(!account_gidlist_scan("1,2,3,4,5", list, 4, &n)) ;
}

TEST(account_gidlist_fmt_is_the_inverse_of_scan)
{
  gid_t list[3] = { 0, 65534, 1000 } ;
  char buf[ACCOUNT_GIDLIST_FMT] ;
  size_t len = account_gidlist_fmt(buf, list, 3) ;
  CHECK_INT(len, 12) ;
  CHECK(!memcmp(buf, "0,65534,1000", 12)) ;
  CHECK_INT(account_gidlist_fmt(buf, list, 0), 0) ;
}

TEST(account_triple_scan_reads_envuidgid_defaults)
{
  uid_t uid ; gid_t gid ; gid_t list[4] ; size_t n ;
  CHECK(account_triple_scan("5", &uid, &gid, list, 4, &n)) ;
  CHECK_INT(uid, 5) ; CHECK_INT(gid, 0) ; CHECK_INT(n, 0) ;
  CHECK(account_triple_scan("5:6", &uid, &gid, list, 4, &n)) ;
  CHECK_INT(uid, 5) ; CHECK_INT(gid, 6) ; CHECK_INT(n, 0) ;
  CHECK(account_triple_scan("5:6:7,8", &uid, &gid, list, 4, &n)) ;
  CHECK_INT(n, 2) ; CHECK_INT(list[0], 7) ; CHECK_INT(list[1], 8) ;
  CHECK(account_triple_scan("5:6:", &uid, &gid, list, 4, &n)) ; CHECK_INT(n, 0) ;
  CHECK(!account_triple_scan("x", &uid, &gid, list, 4, &n)) ;
  CHECK(!account_triple_scan("5:y", &uid, &gid, list, 4, &n)) ;
  CHECK(!account_triple_scan(":6", &uid, &gid, list, 4, &n)) ;
}
