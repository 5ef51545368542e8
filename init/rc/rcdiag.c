#include <string.h>
#include <skalibs/stralloc.h>
#include "rc/rcdiag.h"

/* parts: a null-terminated array, built by the rc_error/rc_warn macros */
void rcdiag_add (rcdiag *d, int error, char const *file, char const *const *parts)
{
  size_t start = d->lines.len ;
  int ok = stralloc_cats(&d->lines, error ? "bosun: rc: error: " : "bosun: rc: warning: ")
    && stralloc_cats(&d->lines, file)
    && stralloc_cats(&d->lines, ": ") ;
  for (; ok && *parts ; parts++) ok = stralloc_cats(&d->lines, *parts) ;
  if (ok) ok = stralloc_catb(&d->lines, "\n", 1) ;
  if (!ok) { d->lines.len = start ; d->nomem = 1 ; }
  if (error) d->errors++ ; else d->warnings++ ;
}

void rcdiag_free (rcdiag *d)
{
  stralloc_free(&d->lines) ;
  d->errors = d->warnings = 0 ;
  d->nomem = 0 ;
}
