/* The problems found in a definitions tree: every one is kept, not just the
   first, so that one run of "bosun check" shows them all. Each message is a
   full line "bosun: rc: LEVEL: FILE: what is wrong, what to do". */
#ifndef BOSUN_RCDIAG_H
#define BOSUN_RCDIAG_H

#include <skalibs/stralloc.h>

typedef struct rcdiag_s rcdiag ;
struct rcdiag_s
{
  stralloc lines ;     /* line\nline\n... */
  unsigned int errors ;
  unsigned int warnings ;
  int nomem ;          /* a message could not be stored */
} ;
#define RCDIAG_ZERO { .lines = STRALLOC_ZERO, .errors = 0, .warnings = 0, .nomem = 0 }

/* rc_error(d, file, part, part...): FILE then the parts, joined */
void rcdiag_add (rcdiag *d, int error, char const *file, char const *const *parts) ;
#define rc_error(d, file, ...) rcdiag_add((d), 1, (file), (char const *const []){ __VA_ARGS__, 0 })
#define rc_warn(d, file, ...) rcdiag_add((d), 0, (file), (char const *const []){ __VA_ARGS__, 0 })
void rcdiag_free (rcdiag *d) ;

#endif
