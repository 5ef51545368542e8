/* Pure parsers for the files of a service definition [R1]-[R5]: they see
   only bytes, never the filesystem, so they are unit-tested and fuzzed. */
#ifndef BOSUN_RCPARSE_H
#define BOSUN_RCPARSE_H

#include <stddef.h>
#include <skalibs/stralloc.h>

enum rc_type { RC_NOTYPE = 0, RC_LONGRUN, RC_ONESHOT, RC_BUNDLE } ;

/* type [R1]: the word, optionally one newline. Returns the type, or
   RC_NOTYPE if it is none of the three. *untidy is set when it was read
   only by tolerating CR, blanks or extra newlines after the word. */
enum rc_type rcparse_type (char const *s, size_t len, int *untidy) ;
char const *rc_type_name (enum rc_type t) ;

/* A list of names, one per line [R2][R3]: blanks around a name and empty
   lines are skipped, a line starting with # is a comment. The names are
   appended to out as name\0name\0. Returns 1, or 0 with *badline set to
   the first line holding something that is not a service name (a slash,
   an inner blank, a leading dot, a NUL byte); -1 when out of memory. */
int rcparse_names (char const *s, size_t len, stralloc *out, size_t *badline) ;

/* A service name as s6-rc accepts it: non-empty, no slash, no blank, no
   control character, not starting with a dot. */
int rc_name_valid (char const *s, size_t len) ;

/* A number file (timeout-up, notification-fd...): digits, then blanks or
   newlines only. Returns 1 and *u, or 0 when malformed or above max. */
int rcparse_uint (char const *s, size_t len, unsigned int max, unsigned int *u) ;

/* One execline command line (oneshot up/down [R4]), parsed by execline's
   own parser: words are appended to argv as word\0word\0. A leading #!
   line is a comment like any other; no word at all is a no-op. Returns the
   number of words, or a negative RCPARSE_* code. */
#define RCPARSE_NOMEM (-1)
#define RCPARSE_SYNTAX (-2)
#define RCPARSE_UNCLOSED (-3)
#define RCPARSE_UNOPENED (-4)
#define RCPARSE_NULBYTE (-5)
int rcparse_cmdline (char const *s, size_t len, stralloc *argv) ;
char const *rcparse_cmdline_why (int code) ;

#endif
