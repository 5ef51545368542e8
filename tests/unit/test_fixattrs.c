#include "unit.h"
#include "fixattrs.h"

static int parse (char const *s, fixattrs_rule *r)
{
  return fixattrs_parse(s, strlen(s), r) ;
}

TEST(fixattrs_reads_the_five_fields)
{
  fixattrs_rule r ;
  CHECK_INT(parse("/var/lib/mysql true mysql 0600 0700", &r), 1) ;
  CHECK_STR(r.path, "/var/lib/mysql") ;
  CHECK_INT(r.recurse, 1) ;
  CHECK_STR(r.user, "mysql") ;
  CHECK(!r.group) ;
  CHECK_INT(r.has_fallback, 0) ;
  CHECK_INT(r.fmode, 0600) ;
  CHECK_INT(r.dmode, 0700) ;
  CHECK(!r.why) ;
}

TEST(fixattrs_reads_group_and_fallback)
{
  fixattrs_rule r ;
  CHECK_INT(parse("  /var/log/x\tfalse  nobody:nogroup,32768:32769 0644 2700\r", &r), 1) ;
  CHECK_STR(r.path, "/var/log/x") ;
  CHECK_INT(r.recurse, 0) ;
  CHECK_STR(r.user, "nobody") ;
  CHECK_STR(r.group, "nogroup") ;
  CHECK_INT(r.has_fallback, 1) ;
  CHECK_INT(r.fallback_uid, 32768) ;
  CHECK_INT(r.fallback_gid, 32769) ;
  CHECK_INT(r.fmode, 0644) ;
  CHECK_INT(r.dmode, 02700) ;
  CHECK_INT(parse("/a true 2:2,3:4 7777 0", &r), 1) ;
  CHECK_STR(r.user, "2") ;
  CHECK_STR(r.group, "2") ;
  CHECK_INT(r.fmode, 07777) ;
  CHECK_INT(r.dmode, 0) ;
  CHECK_INT(parse("/a true daemon,3:4 644 00755", &r), 1) ;
  CHECK(!r.group) ;
  CHECK_INT(r.fallback_uid, 3) ;
  CHECK_INT(r.dmode, 0755) ;
}

TEST(fixattrs_skips_blank_and_comment_lines)
{
  fixattrs_rule r ;
  CHECK_INT(parse("", &r), 0) ;
  CHECK_INT(parse("   \t\r", &r), 0) ;
  CHECK_INT(parse("# /a true root 0644 0755", &r), 0) ;
  CHECK_INT(parse("   #comment", &r), 0) ;
  CHECK_INT(parse("#", &r), 0) ;
}

static void bad (char const *line, char const *why)
{
  fixattrs_rule r ;
  CHECK_INT(parse(line, &r), -1) ;
  CHECK(r.why && strstr(r.why, why)) ;
}

TEST(fixattrs_malformed_fields_are_named)
{
  bad("/a", "fields are missing") ;
  bad("/a true root 0644", "fields are missing") ;
  bad("/a true root 0644 0755 extra", "more than 5 fields") ;
  bad("/my dir true root 0644 0755", "more than 5 fields") ;
  bad("a true root 0644 0755", "not absolute") ;
  bad("/a yes root 0644 0755", "true or false") ;
  bad("/a TRUE root 0644 0755", "true or false") ;
  bad("/a 1 root 0644 0755", "true or false") ;
  bad("/a true root 0648 0755", "fmode") ;
  bad("/a true root 10000 0755", "fmode") ;
  bad("/a true root -644 0755", "fmode") ;
  bad("/a true root u+rw 0755", "fmode") ;
  bad("/a true root 0644 0x755", "dmode") ;
  bad("/a true root 0644 99999999999999999999", "dmode") ;
}

TEST(fixattrs_malformed_accounts_are_named)
{
  bad("/a true :root 0644 0755", "no user") ;
  bad("/a true ,1:1 0644 0755", "no user") ;
  bad("/a true root: 0644 0755", "group after ':' is empty") ;
  bad("/a true root:wheel:x 0644 0755", "more than one ':'") ;
  bad("/a true root, 0644 0755", "fallback") ;
  bad("/a true root,1 0644 0755", "fallback") ;
  bad("/a true root,1: 0644 0755", "fallback") ;
  bad("/a true root,:1 0644 0755", "fallback") ;
  bad("/a true root,a:b 0644 0755", "fallback") ;
  bad("/a true root,1:2:3 0644 0755", "fallback") ;
  bad("/a true root,1:2,3:4 0644 0755", "fallback") ;
  bad("/a true root,4294967295:0 0644 0755", "fallback") ;
}

TEST(fixattrs_rejects_nul_and_overlong_lines)
{
  fixattrs_rule r ;
  static char big[FIXATTRS_LINE_MAX + 2] ;
  CHECK_INT(fixattrs_parse("/a true root 0644 0755\0x", 24, &r), -1) ;
  CHECK(strstr(r.why, "NUL")) ;
  memset(big, 'a', sizeof(big) - 1) ;
  big[0] = '/' ;
  CHECK_INT(fixattrs_parse(big, FIXATTRS_LINE_MAX + 1, &r), -1) ;
  CHECK(strstr(r.why, "too long")) ;
}
