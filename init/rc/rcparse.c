#include <string.h>
#include <skalibs/stralloc.h>
#include <execline/execline.h>
#include "rc/rcparse.h"

static int blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' ;
}

enum rc_type rcparse_type (char const *s, size_t len, int *untidy)
{
  static char const *const names[] = { "longrun", "oneshot", "bundle" } ;
  size_t end = len ;
  *untidy = 0 ;
  while (end && blank(s[end - 1])) end-- ;
  /* exactly "word" or "word\n" is tidy; any other tail was tolerated */
  if (len != end && !(len == end + 1 && s[end] == '\n')) *untidy = 1 ;
  for (unsigned int i = 0 ; i < 3 ; i++)
    if (end == strlen(names[i]) && !memcmp(s, names[i], end)) return (enum rc_type)(i + 1) ;
  *untidy = 0 ;
  return RC_NOTYPE ;
}

char const *rc_type_name (enum rc_type t)
{
  switch (t)
  {
    case RC_LONGRUN : return "longrun" ;
    case RC_ONESHOT : return "oneshot" ;
    case RC_BUNDLE : return "bundle" ;
    default : return "unknown" ;
  }
}

int rc_name_valid (char const *s, size_t len)
{
  if (!len || s[0] == '.') return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    unsigned char c = (unsigned char)s[i] ;
    if (c == '/' || c <= ' ' || c == 0x7f) return 0 ;
  }
  return 1 ;
}

int rcparse_names (char const *s, size_t len, stralloc *out, size_t *badline)
{
  size_t pos = 0, line = 0, start = out->len ;
  while (pos < len)
  {
    char const *nl = memchr(s + pos, '\n', len - pos) ;
    size_t end = nl ? (size_t)(nl - s) : len, b = pos, e = end ;
    line++ ;
    while (b < e && blank(s[b])) b++ ;
    while (e > b && blank(s[e - 1])) e-- ;
    if (b < e && s[b] != '#')
    {
      if (!rc_name_valid(s + b, e - b)) { out->len = start ; *badline = line ; return 0 ; }
      if (!stralloc_catb(out, s + b, e - b) || !stralloc_0(out)) { out->len = start ; return -1 ; }
    }
    pos = end + 1 ;
  }
  return 1 ;
}

int rcparse_uint (char const *s, size_t len, unsigned int max, unsigned int *u)
{
  size_t i = 0 ;
  unsigned long long v = 0 ;
  while (i < len && s[i] >= '0' && s[i] <= '9')
  {
    v = v * 10 + (unsigned long long)(s[i++] - '0') ;
    if (v > max) return 0 ;
  }
  if (!i) return 0 ;
  for (; i < len ; i++) if (!blank(s[i])) return 0 ;
  *u = (unsigned int)v ;
  return 1 ;
}

int rcparse_cmdline (char const *s, size_t len, stralloc *argv)
{
  stralloc text = STRALLOC_ZERO ;
  size_t start = argv->len ;
  int r ;
  /* execline's parser reads up to a NUL: one inside the file would
     silently cut the command line short */
  if (memchr(s, 0, len)) return RCPARSE_NULBYTE ;
  if (!stralloc_catb(&text, s, len) || !stralloc_0(&text)) { stralloc_free(&text) ; return RCPARSE_NOMEM ; }
  r = el_parse_from_string(argv, text.s) ;
  stralloc_free(&text) ;
  if (r < 0) argv->len = start ;
  return r < -4 ? RCPARSE_SYNTAX : r ;
}

char const *rcparse_cmdline_why (int code)
{
  switch (code)
  {
    case RCPARSE_NOMEM : return "out of memory" ;
    case RCPARSE_UNCLOSED : return "a block opened with { is never closed" ;
    case RCPARSE_UNOPENED : return "a } closes no block" ;
    case RCPARSE_NULBYTE : return "it contains a NUL byte" ;
    default : return "bad quoting or escape sequence" ;
  }
}
