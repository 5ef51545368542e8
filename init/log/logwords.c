#include "logwords.h"

static int is_blank (char c) { return c == ' ' || c == '\t' || c == '\n' ; }

int logwords_split (char *s, char const **words, size_t max)
{
  size_t n = 0 ;
  char *w = s ;       /* where the current word is written back */
  while (*s)
  {
    int quoted = 0 ;
    while (is_blank(*s)) s++ ;
    if (!*s) break ;
    if (n == max) return -1 ;
    words[n++] = w ;
    /* a word ends at a blank outside quotes; quotes are dropped, so the
       word is compacted towards its start as it is read */
    for (; *s && (quoted || !is_blank(*s)) ; s++)
    {
      if (*s == '"') quoted = !quoted ;
      else *w++ = *s ;
    }
    if (quoted) return -1 ;
    if (*s) s++ ;
    *w++ = 0 ;
  }
  return (int)n ;
}

size_t logwords_stamps (char const *const *words, size_t n, char const **out)
{
  int t = 0, T = 0 ;
  size_t k = 0 ;
  for (size_t i = 0 ; i < n ; i++)
  {
    if (words[i][0] == 't' && !words[i][1]) t = 1 ;
    if (words[i][0] == 'T' && !words[i][1]) T = 1 ;
  }
  /* s6-log prints the TAI64N stamp before the ISO one */
  if (t) out[k++] = "t" ;
  if (T) out[k++] = "T" ;
  return k ;
}
