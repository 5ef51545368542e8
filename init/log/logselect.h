#ifndef BOSUN_LOGSELECT_H
#define BOSUN_LOGSELECT_H
/* Runs a compiled script on one line: which actions take it. */
#include "logscript.h"

/* Called for each action that takes the line; index counts actions from
   0 in script order. A non-zero return stops the run and is returned. */
typedef int logselect_fn (logdirective const *a, size_t index, void *ctx) ;

/* line must be NUL-terminated (regexec needs it), without its newline. */
int logselect_run (logscript const *s, char const *line, logselect_fn *fn, void *ctx) ;

#endif
