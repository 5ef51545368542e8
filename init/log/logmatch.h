#ifndef BOSUN_LOGMATCH_H
#define BOSUN_LOGMATCH_H
/* Cheaper ways to run the selections of a script than musl's regexec,
   which is several times slower than glibc's. Pure, and unit-tested
   against regexec on the same lines.
   - ".*", and plain words or alternations of them ("error|warning",
     "^STAT"), are searched with strstr: kind LOGMATCH_ALL or _WORDS.
   - Any other expression keeps regexec, behind a prefilter: the words a
     match must contain (unquantified plain runs, and groups of plain
     alternatives, of an expression without a top-level |) are looked for
     first, and a line lacking one is not given to regexec, as grep does. */
#include <stddef.h>

#define LOGMATCH_MAXREQ 4

enum logmatch_kind { LOGMATCH_REGEX, LOGMATCH_ALL, LOGMATCH_WORDS } ;

typedef struct logmatch {
  enum logmatch_kind kind ;
  char *buf ;                 /* the words, NUL-separated */
  char const **alt ;
  size_t *len ;
  unsigned char *anchored ;   /* ^word: at the start of the line only */
  size_t n ;
  /* REGEX: requirement k is "one of alt[req[k]] .. alt[req[k+1] - 1]" */
  size_t nreq ;
  size_t req[LOGMATCH_MAXREQ + 1] ;
} logmatch ;

/* 1: m holds a fast form of re; 0: re needs regexec (m may hold its
   prefilter); -1: out of memory. */
int logmatch_compile (logmatch *m, char const *re) ;
/* whether the NUL-terminated line matches (as regexec, which stops at
   the first NUL too); m must be a fast one */
int logmatch_run (logmatch const *m, char const *line) ;
/* REGEX: 0 if the line cannot match, 1 if regexec must say */
int logmatch_maybe (logmatch const *m, char const *line) ;
void logmatch_free (logmatch *m) ;

#endif
