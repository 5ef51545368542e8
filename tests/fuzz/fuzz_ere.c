/* libFuzzer target for the selections' ERE matcher [contract 11]: the
   input is an expression, a NUL, then lines separated by newlines. When
   ere_compile takes the expression and regcomp(REG_EXTENDED | REG_NOSUB)
   does too, ere_match must give regexec's answer on every line. Built on
   glibc (regexec is then glibc's):
     clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinit -Iinit/lib \
       -o fuzz_ere tests/fuzz/fuzz_ere.c init/log/ere_parse.c init/log/ere_nfa.c init/log/ere_dfa.c
   and, since the logger's regexec is musl's, its corpus replayed against
   musl's (each file named is one input):
     musl-gcc -static -DFUZZ_REPLAY -Iinit -Iinit/lib -o fuzz_ere_musl \
       tests/fuzz/fuzz_ere.c init/log/ere_parse.c init/log/ere_nfa.c init/log/ere_dfa.c
     find corpus -type f -exec ./fuzz_ere_musl {} +
   Checks, beyond not crashing or leaking: the same answers as regexec. */
#include <regex.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "log/ere.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

static void differ (char const *re, char const *line, int mine)
{
  fprintf(stderr, "fuzz_ere: /%s/ on \"%s\": ere_match %d, regexec differs\n", re, line, mine) ;
  abort() ;
}

static void each_line (ere *e, regex_t const *r, char const *re, char *lines)
{
  for (char *line = lines ; line ; )
  {
    char *nl = strchr(line, '\n') ;
    int mine ;
    if (nl) *nl = 0 ;
    mine = ere_match(e, line) ;
    if (mine >= 0 && mine != !regexec(r, line, 0, 0, 0)) differ(re, line, mine) ;
    line = nl ? nl + 1 : 0 ;
  }
}

/* glibc's regcomp takes minutes on large counts nested, as in
   ((a{90}){40}){9}, that ere_compile takes (they stay under its NFA
   bound): counts above 20 are left to the unit test, on musl */
static int large_count (char const *re)
{
  for (char const *p = strchr(re, '{') ; p ; p = strchr(p + 1, '{'))
    if (strtoul(p + 1, 0, 10) > 20 || (strchr(p, ',') && strtoul(strchr(p, ',') + 1, 0, 10) > 20)) return 1 ;
  return 0 ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *buf = malloc(size + 2) ;
  char *lines ;
  regex_t r ;
  ere *e = 0 ;
  if (!buf) return 0 ;
  memcpy(buf, data, size) ;
  buf[size] = buf[size + 1] = 0 ;
  lines = buf + strlen(buf) + 1 ;   /* "" when there is no NUL */
  /* ere_compile first: glibc's regcomp takes minutes or gigabytes on
     some of what it refuses (a{30000}, a+++++...) */
  if (!large_count(buf) && ere_compile(buf, &e) == 1)
  {
    if (!regcomp(&r, buf, REG_EXTENDED | REG_NOSUB)) { each_line(e, &r, buf, lines) ; regfree(&r) ; }
    ere_free(e) ;
  }
  free(buf) ;
  return 0 ;
}

#ifdef FUZZ_REPLAY
static int replay (char const *path)
{
  FILE *f = fopen(path, "rb") ;
  static uint8_t data[1 << 20] ;
  size_t n ;
  if (!f) { perror(path) ; return 1 ; }
  n = fread(data, 1, sizeof data, f) ;
  fclose(f) ;
  LLVMFuzzerTestOneInput(data, n) ;
  return 0 ;
}

int main (int argc, char **argv)
{
  int bad = 0 ;
  for (int i = 1 ; i < argc ; i++) bad |= replay(argv[i]) ;
  fprintf(stderr, "fuzz_ere: %d inputs replayed\n", argc - 1) ;
  return bad ;
}
#endif
