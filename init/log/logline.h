#ifndef BOSUN_LOGLINE_H
#define BOSUN_LOGLINE_H
/* Line processing: cuts input into lines (at newlines, and at the -l
   limit), stamps them, and performs the actions the script selects. */
#include <stddef.h>
#include <stdint.h>
#include <skalibs/stralloc.h>
#include "logdir.h"
#include "logscript.h"

typedef struct logline_ctx {
  logscript const *script ;
  logdir *dirs ;              /* one slot per action; used by the directory ones */
  size_t linelimit ;          /* 0: none */
  stralloc out ;
  char tai[32] ;
  char iso[32] ;
  size_t tailen, isolen ;
  uint64_t isosec ;           /* the second iso's date and time are for */
} logline_ctx ;

void logline_init (logline_ctx *c, logscript const *s, size_t linelimit) ;
/* Processes the complete lines of in and removes them; with final, the
   rest too, as a line of its own. Flushes stdout and stderr. */
void logline_feed (logline_ctx *c, stralloc *in, int final) ;
/* whether a log directory takes no lines until its processor is done;
   logline_feed then leaves them in its input (final: it takes them all) */
int logline_held (logline_ctx const *c) ;
/* Length of the first line of s (newline excluded) under the limit;
   *next gets where the following line starts. 0 with *next == 0 when
   no line is complete yet. Pure. */
size_t logline_cut (char const *s, size_t len, size_t limit, int final, size_t *next) ;
void logline_free (logline_ctx *c) ;

#endif
