/* The #! line of a script, read the way the kernel reads it: the
   interpreter, then at most one argument (the rest of the line, blanks
   around it trimmed). Used to run a script from a filesystem mounted
   noexec, where the kernel refuses it but its interpreter (on the image's
   own filesystem) may read it like any file. */
#ifndef BOSUN_SHEBANG_H
#define BOSUN_SHEBANG_H

#include <stddef.h>

/* line holds the first bytes of the file (len of them), and is modified.
   Returns 1 with *interp (and *arg, or 0) pointing into it; 0 when there
   is no usable #! line (none, no newline, no interpreter, or a \r). */
int shebang_parse (char *line, size_t len, char const **interp, char const **arg) ;

#endif
