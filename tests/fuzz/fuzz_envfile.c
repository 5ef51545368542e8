/* libFuzzer target for the env/env parser [E1]. Built on glibc against
   Debian's libskarnet (same skalibs version as the musl build):
     clang -g -fsanitize=fuzzer,address -Iinit/lib -Ibuild/x86_64/deps/include \
       -o fuzz_envfile tests/fuzz/fuzz_envfile.c init/lib/envfile.c \
       /lib/x86_64-linux-gnu/libskarnet.so.2.13
   Checks, beyond not crashing: a parse either succeeds and yields only
   NAME=value strings, or fails naming a line that exists and leaves the
   output as it was. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/stralloc.h>
#include "envfile.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  stralloc sa = STRALLOC_ZERO ;
  envfile_error err ;
  size_t lines = 1 ;
  for (size_t i = 0 ; i < size ; i++) if (data[i] == '\n') lines++ ;
  if (envfile_parse((char const *)data, size, &sa, &err))
  {
    size_t pos = 0 ;
    while (pos < sa.len)
    {
      size_t n = strlen(sa.s + pos) ;
      if (!n || !memchr(sa.s + pos, '=', n)) abort() ;
      pos += n + 1 ;
    }
  }
  else if (err.why && (!err.line || err.line > lines || sa.len)) abort() ;
  stralloc_free(&sa) ;
  return 0 ;
}
