/* libFuzzer target for the definition file parsers [R1]-[R4]: type,
   names lists, numbers, and execline command lines. Built on glibc
   against Debian's libskarnet and libexecline (same versions as the musl
   build):
     clang -g -fsanitize=fuzzer,address -Iinit -Iinit/lib -Ibuild/x86_64/deps/include \
       -o fuzz_rcdef tests/fuzz/fuzz_rcdef.c init/rc/rcparse.c \
       /lib/x86_64-linux-gnu/libexecline.so.2.9 /lib/x86_64-linux-gnu/libskarnet.so.2.13
   Checks, beyond not crashing: a names list yields only valid names; a
   failed parse leaves its output as it was; a command line parse gives as
   many words as NUL-terminated strings. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/stralloc.h>
#include "rc/rcparse.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

static void names (char const *s, size_t len)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t bad = 0 ;
  int r = rcparse_names(s, len, &sa, &bad) ;
  if (r == 1)
    for (size_t pos = 0 ; pos < sa.len ; pos += strlen(sa.s + pos) + 1)
      if (!rc_name_valid(sa.s + pos, strlen(sa.s + pos))) abort() ;
  if (!r && (sa.len || !bad)) abort() ;
  stralloc_free(&sa) ;
}

static void cmdline (char const *s, size_t len)
{
  stralloc sa = STRALLOC_ZERO ;
  int n = rcparse_cmdline(s, len, &sa) ;
  size_t zeros = 0 ;
  for (size_t i = 0 ; i < sa.len ; i++) if (!sa.s[i]) zeros++ ;
  if (n >= 0 && zeros != (size_t)n) abort() ;
  if (n < 0 && sa.len) abort() ;
  stralloc_free(&sa) ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  char const *s = (char const *)data ;
  int untidy ;
  unsigned int u ;
  enum rc_type t = rcparse_type(s, size, &untidy) ;
  if (t == RC_NOTYPE && untidy) abort() ;
  (void)rcparse_uint(s, size, 0x7fffffffu, &u) ;
  names(s, size) ;
  cmdline(s, size) ;
  return 0 ;
}
