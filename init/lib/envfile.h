/* Per-service environment files [E1]: env/env holds KEY=value lines.
   '#' comments and blank lines are skipped, a trailing \r is dropped (CRLF
   files from Windows checkouts), the value is everything after the first
   '=' as it is: no quotes removed, no expansion, '=' and spaces kept.
   Leading blanks before KEY are allowed. Anything else is malformed: the
   line number and the reason are returned, and nothing is applied. */
#ifndef BOSUN_ENVFILE_H
#define BOSUN_ENVFILE_H

#include <stddef.h>
#include <skalibs/stralloc.h>

typedef struct envfile_error_s envfile_error ;
struct envfile_error_s
{
  size_t line ;         /* 1-based; 0 when the error is not about a line */
  char const *why ;     /* static text */
} ;

/* Appends KEY=value\0 per line to modifs (skalibs env_merge format).
   1: parsed; 0: malformed (err filled, modifs as it was) or out of memory
   (err->why is 0, errno set). */
int envfile_parse (char const *s, size_t len, stralloc *modifs, envfile_error *err) ;

/* Reads FILE and parses it; 0 on read error (err->why 0, errno set) or
   malformed line. */
int envfile_load (char const *file, stralloc *modifs, envfile_error *err) ;

#endif
