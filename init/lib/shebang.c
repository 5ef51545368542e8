#include <string.h>
#include "shebang.h"

static int blank (char c) { return c == ' ' || c == '\t' ; }

int shebang_parse (char *line, size_t len, char const **interp, char const **arg)
{
  char *nl, *p, *end ;
  if (len < 3 || line[0] != '#' || line[1] != '!') return 0 ;
  nl = memchr(line, '\n', len) ;
  if (!nl || memchr(line, '\r', (size_t)(nl - line)) || memchr(line, 0, (size_t)(nl - line))) return 0 ;
  *nl = 0 ;
  p = line + 2 ;
  while (blank(*p)) p++ ;
  if (!*p) return 0 ;
  *interp = p ;
  while (*p && !blank(*p)) p++ ;
  *arg = 0 ;
  if (!*p) return 1 ;
  *p++ = 0 ;
  while (blank(*p)) p++ ;
  end = p + strlen(p) ;
  while (end > p && blank(end[-1])) *--end = 0 ;
  if (*p) *arg = p ;
  return 1 ;
}
