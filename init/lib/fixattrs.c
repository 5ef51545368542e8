#include <string.h>
#include "account.h"
#include "fixattrs.h"

#define FIXATTRS_FORMAT "write: path recurse account fmode dmode"

static int blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' ;
}

/* Cuts buf into at most max fields in place; returns how many there were,
   counting past max so that extra fields can be reported. */
static size_t split (char *buf, char **fields, size_t max)
{
  size_t n = 0 ;
  char *s = buf ;
  for (;;)
  {
    while (blank(*s)) *s++ = 0 ;
    if (!*s) return n ;
    if (n < max) fields[n] = s ;
    n++ ;
    while (*s && !blank(*s)) s++ ;
  }
}

/* octal digits only, at most 07777: setuid, setgid, sticky and rwx */
static int mode_scan (char const *s, unsigned int *mode)
{
  unsigned int m = 0 ;
  if (!*s) return 0 ;
  for (; *s ; s++)
  {
    if (*s < '0' || *s > '7') return 0 ;
    m = m * 8 + (unsigned int)(*s - '0') ;
    if (m > 07777) return 0 ;
  }
  *mode = m ;
  return 1 ;
}

/* "uid:gid", both numeric: what the image gets when a name is unknown */
static int fallback_scan (char const *s, fixattrs_rule *rule)
{
  size_t len = strcspn(s, ":") ;
  if (!s[len]) return 0 ;
  if (!account_id_scan(s, len, &rule->fallback_uid)) return 0 ;
  s += len + 1 ;
  if (!account_id_scan(s, strlen(s), &rule->fallback_gid)) return 0 ;
  rule->has_fallback = 1 ;
  return 1 ;
}

static int fail (fixattrs_rule *rule, char const *why)
{
  rule->why = why ;
  return -1 ;
}

/* user[:group][,uid:gid], cut in place */
static int account_parse (char *s, fixattrs_rule *rule)
{
  char *comma = strchr(s, ',') ;
  char *colon ;
  if (comma)
  {
    *comma = 0 ;
    if (!fallback_scan(comma + 1, rule))
      return fail(rule, "the fallback after ',' must be numeric uid:gid, as in nobody,65534:65534") ;
  }
  colon = strchr(s, ':') ;
  if (colon)
  {
    *colon = 0 ;
    rule->group = colon + 1 ;
    if (!*rule->group) return fail(rule, "the account's group after ':' is empty, write user:group or only user") ;
    if (strchr(rule->group, ':')) return fail(rule, "the account has more than one ':', write user[:group][,uid:gid]") ;
  }
  rule->user = s ;
  if (!*s) return fail(rule, "the account has no user, write user[:group][,uid:gid]") ;
  return 1 ;
}

static int fields_parse (char **f, fixattrs_rule *rule)
{
  rule->path = f[0] ;
  if (f[0][0] != '/') return fail(rule, "the path is not absolute, start it with /") ;
  if (!strcmp(f[1], "true")) rule->recurse = 1 ;
  else if (!strcmp(f[1], "false")) rule->recurse = 0 ;
  else return fail(rule, "recurse (the second field) must be true or false") ;
  if (account_parse(f[2], rule) < 0) return -1 ;
  if (!mode_scan(f[3], &rule->fmode)) return fail(rule, "fmode (the fourth field) must be an octal mode up to 7777, as in 0644") ;
  if (!mode_scan(f[4], &rule->dmode)) return fail(rule, "dmode (the fifth field) must be an octal mode up to 7777, as in 0755") ;
  return 1 ;
}

int fixattrs_parse (char const *s, size_t len, fixattrs_rule *rule)
{
  char *f[5] ;
  size_t n ;
  rule->path = rule->user = rule->group = rule->why = 0 ;
  rule->recurse = rule->has_fallback = 0 ;
  rule->fallback_uid = rule->fallback_gid = rule->fmode = rule->dmode = 0 ;
  if (len > FIXATTRS_LINE_MAX) return fail(rule, "the line is too long, paths are limited to 4096 bytes") ;
  if (memchr(s, 0, len)) return fail(rule, "the line contains a NUL byte, save the file as plain text") ;
  memcpy(rule->buf, s, len) ;
  rule->buf[len] = 0 ;
  n = split(rule->buf, f, 5) ;
  if (!n || f[0][0] == '#') return 0 ;
  if (n < 5) return fail(rule, "fields are missing, " FIXATTRS_FORMAT) ;
  if (n > 5) return fail(rule, "there are more than 5 fields (a path with blanks is not supported), " FIXATTRS_FORMAT) ;
  return fields_parse(f, rule) ;
}
