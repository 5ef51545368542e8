#ifndef BOSUN_LOGWORDS_H
#define BOSUN_LOGWORDS_H
/* S6_LOGGING_SCRIPT as a list of s6-log directives [V6]. s6-overlay splits
   the variable on blanks only, so a processor with arguments, as in
   `!"gzip -nq9"`, reaches s6-log as two broken words; bosun also honours
   double quotes, which group blanks into one word and are removed. Pure. */
#include <stddef.h>

#define LOGWORDS_DEFAULT "n20 s1000000 T"

/* Splits s in place; at most max words into words. Returns the number of
   words, or -1 on an unterminated quote or more than max words. */
int logwords_split (char *s, char const **words, size_t max) ;
/* The catch-all logger's stamps: the first t and T words of the script,
   as the directives "t" and "T" (in that order) into out; returns how
   many (0 to 2). */
size_t logwords_stamps (char const *const *words, size_t n, char const **out) ;

#endif
