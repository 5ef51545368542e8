/* libFuzzer target for the fix-attrs line parser [B9]. Built on glibc:
     clang -g -fsanitize=fuzzer,address -Iinit/lib -Ibuild/x86_64/deps/include \
       -o fuzz_fixattrs tests/fuzz/fuzz_fixattrs.c init/lib/fixattrs.c \
       init/lib/account.c /lib/x86_64-linux-gnu/libskarnet.so.2.13
   (account.c for its id scanner; 45 s found nothing, 23 million runs).
   Checks, beyond not crashing: a rule has an absolute path, a non-empty
   user, a non-empty group if any, and modes of at most 07777, every field
   inside the rule's own buffer; an error always says why; a skipped line is
   blank or a comment. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fixattrs.h"

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size) ;

static int inside (fixattrs_rule const *r, char const *p)
{
  return p >= r->buf && p < r->buf + sizeof(r->buf) ;
}

static void check_rule (fixattrs_rule const *r)
{
  if (!inside(r, r->path) || r->path[0] != '/') abort() ;
  if (!inside(r, r->user) || !r->user[0]) abort() ;
  if (r->group && (!inside(r, r->group) || !r->group[0] || strchr(r->group, ':'))) abort() ;
  if (strchr(r->user, ':') || strchr(r->user, ',')) abort() ;
  if (r->fmode > 07777 || r->dmode > 07777 || r->why) abort() ;
}

int LLVMFuzzerTestOneInput (uint8_t const *data, size_t size)
{
  static fixattrs_rule r ;
  int e = fixattrs_parse((char const *)data, size, &r) ;
  if (e > 0) check_rule(&r) ;
  else if (e < 0) { if (!r.why) abort() ; }
  else
  {
    size_t i = 0 ;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r')) i++ ;
    if (i < size && data[i] != '#') abort() ;
  }
  return 0 ;
}
