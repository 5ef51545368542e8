#include <errno.h>
#include <string.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "envfile.h"

static int is_blank (char c) { return c == ' ' || c == '\t' ; }
static int is_namestart (char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ; }
static int is_namechar (char c) { return is_namestart(c) || (c >= '0' && c <= '9') ; }

/* One line, without its \n. Returns 1 and appends, or 0 with why set. */
static int parse_line (char const *s, size_t len, stralloc *modifs, char const **why)
{
  size_t i = 0, name ;
  if (len && s[len - 1] == '\r') len-- ;
  if (memchr(s, 0, len)) return (*why = "a NUL byte in the line", 0) ;
  while (i < len && is_blank(s[i])) i++ ;
  if (i == len || s[i] == '#') return 1 ;
  name = i ;
  if (!is_namestart(s[i])) return (*why = "the line does not start with a variable name", 0) ;
  while (i < len && is_namechar(s[i])) i++ ;
  if (i == len) return (*why = "no '=' after the variable name", 0) ;
  if (s[i] != '=') return (*why = "the variable name holds a character other than letters, digits and _, or is not followed by '='", 0) ;
  if (!stralloc_catb(modifs, s + name, len - name) || !stralloc_0(modifs))
    return (*why = 0, 0) ;
  return 1 ;
}

int envfile_parse (char const *s, size_t len, stralloc *modifs, envfile_error *err)
{
  size_t base = modifs->len, line = 0, pos = 0 ;
  while (pos < len)
  {
    char const *nl = memchr(s + pos, '\n', len - pos) ;
    size_t end = nl ? (size_t)(nl - s) : len ;
    line++ ;
    if (!parse_line(s + pos, end - pos, modifs, &err->why))
    {
      err->line = err->why ? line : 0 ;
      modifs->len = base ;
      return 0 ;
    }
    pos = end + 1 ;
  }
  err->line = 0 ;
  err->why = 0 ;
  return 1 ;
}

int envfile_load (char const *file, stralloc *modifs, envfile_error *err)
{
  stralloc sa = STRALLOC_ZERO ;
  int r ;
  err->line = 0 ;
  err->why = 0 ;
  if (!openslurpclose(&sa, file)) return 0 ;
  r = envfile_parse(sa.s, sa.len, modifs, err) ;
  stralloc_free(&sa) ;
  return r ;
}
