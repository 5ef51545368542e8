/* lines: write MB megabytes of log lines of mixed length to stdout, the
 * same bytes on every run (fixed seed): 1 to 55 words of a small web-app
 * vocabulary per line, so some lines match the selections of bench/run's
 * section E and most do not.
 *   lines MB
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char const *const words[] = {
  "alpha", "beta", "gamma", "delta", "request", "served", "user", "login",
  "error", "warning", "info", "debug", "GET", "POST", "/api/v1/items",
  "/api/v2/users", "200", "404", "500", "latency", "ms", "bytes", "session",
  "cache", "hit", "miss", "db", "query", "took", "retry",
} ;
static unsigned int const lens[] = { 1, 2, 3, 5, 8, 13, 21, 34, 55 } ;

static unsigned long long state = 0x9e3779b97f4a7c15ULL ;
static unsigned int next (unsigned int n)
{
  state ^= state << 13 ; state ^= state >> 7 ; state ^= state << 17 ;
  return (unsigned int)(state % n) ;
}

int main (int argc, char **argv)
{
  unsigned long long want, done = 0 ;
  static char buf[1 << 16] ;
  size_t len = 0 ;
  if (argc != 2 || !(want = strtoull(argv[1], 0, 10))) { fprintf(stderr, "usage: lines MB\n") ; return 100 ; }
  want <<= 20 ;
  while (done < want)
  {
    unsigned int n = lens[next(sizeof lens / sizeof *lens)] ;
    if (len > sizeof buf - 56 * 16) { fwrite(buf, 1, len, stdout) ; len = 0 ; }
    for (unsigned int i = 0 ; i < n ; i++)
    {
      char const *w = words[next(sizeof words / sizeof *words)] ;
      size_t l = strlen(w) ;
      if (i) buf[len++] = ' ' , done++ ;
      memcpy(buf + len, w, l) ; len += l ; done += l ;
    }
    buf[len++] = '\n' ; done++ ;
  }
  fwrite(buf, 1, len, stdout) ;
  return fflush(stdout) ? 111 : 0 ;
}
