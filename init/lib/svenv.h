/* A service's own environment [E1], read from its directory (the cwd):
   env/env (a KEY=value file) or env/ (an envdir). Shared by the supervisor
   (run, finish) and the rc engine (oneshots' up and down). */
#ifndef BOSUN_SVENV_H
#define BOSUN_SVENV_H

#include <skalibs/stralloc.h>

/* The variable naming what the service's files set, SEP-separated [E1] */
#define SVENV_VAR "BOSUN_SERVICE_ENV"
#define SVENV_SEP ':'

/* Appends the modifications to modifs (env_merge format). 1, or 0 after a
   message naming the service and the file (and line) at fault. When the
   files set anything, SVENV_VAR=NAME:NAME... ends the modifications. */
int svenv_load (char const *name, stralloc *modifs) ;

#endif
