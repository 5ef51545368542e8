/* libFuzzer target for the s6-log script parser [contract 11]. The input
   is split at NUL bytes into directives. Built on glibc:
     make fuzz (tests/fuzz/Makefile has every target's sources)
   Checks, beyond not crashing or leaking: a parse either succeeds with at
   least one action, every action counted, or fails naming one of the
   directives given (or none, for "no action") and leaves nothing behind. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "log/logscript.h"

#define MAXDIRECTIVES 64

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

/* glibc's regcomp (this target is built on glibc) takes gigabytes on
   stacked quantifiers (a+++++...) and minutes on large nested counts;
   musl's does not, and fuzz_ere covers the matcher: skip those inputs */
static int glibc_regcomp_trap (uint8_t const *data, size_t size)
{
  size_t run = 0 ;
  for (size_t i = 0 ; i < size ; i++)
  {
    run = (data[i] == '+' || data[i] == '*' || data[i] == '?' || data[i] == '}') ? run + 1 : 0 ;
    if (run >= 3) return 1 ;
    if (data[i] == '{' && i + 2 < size && data[i + 1] >= '0' && data[i + 1] <= '9' && data[i + 2] >= '0' && data[i + 2] <= '9') return 1 ;
  }
  return 0 ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char *buf ;
  if (glibc_regcomp_trap(data, size)) return 0 ;
  buf = malloc(size + 1) ;
  char const *argv[MAXDIRECTIVES] ;
  size_t argc = 0, start = 0 ;
  logscript s = LOGSCRIPT_ZERO ;
  logscript_err err ;
  if (!buf) return 0 ;
  memcpy(buf, data, size) ;
  buf[size] = 0 ;
  for (size_t i = 0 ; i <= size && argc < MAXDIRECTIVES ; i++)
    if (!buf[i]) { argv[argc++] = buf + start ; start = i + 1 ; }
  int r = logscript_parse(argv, argc, &s, &err) ;
  if (r > 0)
  {
    size_t actions = 0, dirs = 0 ;
    for (size_t i = 0 ; i < s.n ; i++)
      if (s.d[i].is_action) { actions++ ; if (s.d[i].act == LOGACT_DIR) dirs++ ; }
    if (!actions || actions != s.nactions || dirs != s.ndirs) abort() ;
    for (size_t i = 0 ; i < s.n ; i++)
      if (s.d[i].is_action && s.d[i].act == LOGACT_DIR
       && (s.d[i].dir.size < LOGSCRIPT_MIN_SIZE || s.d[i].dir.size > LOGSCRIPT_MAX_SIZE)) abort() ;
    logscript_free(&s) ;
  }
  else if (!r)
  {
    int found = !err.directive ;
    for (size_t i = 0 ; i < argc ; i++) if (err.directive == argv[i]) found = 1 ;
    if (!found || !err.why || s.d) abort() ;
  }
  free(buf) ;
  return 0 ;
}
