/* One line of /etc/fix-attrs.d [B9]: `path recurse account fmode dmode`,
   fields separated by blanks (a trailing \r is a blank too: CRLF files
   from Windows checkouts). recurse is `true` or `false`; account is
   `user[:group][,fallbackuid:fallbackgid]`, where user and group are names
   or numeric ids and the fallback ids are used for a name the image does
   not know; fmode and dmode are octal modes up to 07777. Lines whose first
   non-blank byte is '#', and blank lines, are skipped. The parser is pure:
   no lookup, no file system; names are resolved by the applier. */
#ifndef BOSUN_FIXATTRS_H
#define BOSUN_FIXATTRS_H

#include <stddef.h>

/* PATH_MAX plus room for the four other fields */
#define FIXATTRS_LINE_MAX 4352

typedef struct fixattrs_rule_s fixattrs_rule ;
struct fixattrs_rule_s
{
  char const *path ;      /* the fields point into buf, NUL-terminated */
  char const *user ;      /* a name or digits, never empty */
  char const *group ;     /* 0 when the account has no ":group" */
  int recurse ;
  int has_fallback ;
  unsigned int fallback_uid ;
  unsigned int fallback_gid ;
  unsigned int fmode ;
  unsigned int dmode ;
  char const *why ;       /* on error: what is wrong and what to do (static) */
  char buf[FIXATTRS_LINE_MAX + 1] ;
} ;

/* s[0..len) is one line without its '\n'. 1: a rule; 0: nothing to do
   (blank or comment); -1: malformed, rule->why says why. */
int fixattrs_parse (char const *s, size_t len, fixattrs_rule *rule) ;

#endif
