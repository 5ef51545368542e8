#ifndef BOSUN_ERE_H
#define BOSUN_ERE_H
/* A matcher for the POSIX extended regular expressions of selections,
   giving regexec's answer (REG_EXTENDED | REG_NOSUB, flags 0, musl, C
   locale: a match anywhere in the line, ^ and $ at its ends only) several
   times faster than musl's regexec: the expression becomes a Thompson NFA
   (ere_parse.c, ere_nfa.c) run as a DFA built lazily, a state at a time,
   in a cache of bounded size (ere_dfa.c). Expressions outside the subset
   it follows are refused at compile time, and regexec keeps them. */

typedef struct ere_s ere ;

/* 1: *out matches re; 0: re is left to regexec; -1: out of memory.
   re must be one regcomp(REG_EXTENDED) accepted. */
int ere_compile (char const *re, ere **out) ;
/* 1 if the NUL-terminated line matches, 0 if not, -1 if memory ran out
   (ask regexec). Not reentrant: the DFA cache grows as lines come. */
int ere_match (ere *e, char const *line) ;
void ere_free (ere *e) ;

#endif
