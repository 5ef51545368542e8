#ifndef BOSUN_LOGMATCH_H
#define BOSUN_LOGMATCH_H
/* A fast path for the selections most scripts use: ".*", and plain words
   or alternations of them ("error|warning", "^STAT"). Those are searched
   with memmem instead of musl's regexec, which is several times slower;
   any other expression is left to regexec. The result is the same as
   regexec's on a NUL-terminated line (unit-tested against it). Pure. */
#include <stddef.h>

enum logmatch_kind { LOGMATCH_REGEX, LOGMATCH_ALL, LOGMATCH_WORDS } ;

typedef struct logmatch {
  enum logmatch_kind kind ;
  char *buf ;                 /* the alternatives, NUL-separated */
  char const **alt ;
  size_t *len ;
  unsigned char *anchored ;   /* ^word: at the start of the line only */
  size_t n ;
} logmatch ;

/* 1: m holds a fast form of re; 0: re needs regexec (m says so);
   -1: out of memory. */
int logmatch_compile (logmatch *m, char const *re) ;
/* whether the NUL-terminated line matches (as regexec, which stops at
   the first NUL too); m must be a fast one */
int logmatch_run (logmatch const *m, char const *line) ;
void logmatch_free (logmatch *m) ;

#endif
