/* Envdirs, as s6-envdir reads them (and [E1] per-service env/ dirs): one
   file per variable, named after it. The value is the file's first line
   (the whole file with ENVDIR_VERBATIM), trailing blanks chomped (or, in
   verbatim mode, the last newline) unless ENVDIR_NOCHOMP, at most
   ENVDIR_CLAMP bytes of the file read unless ENVDIR_NOCLAMP, NUL bytes
   turned into nullis (a newline by default). An empty file unsets the
   variable; names starting with a dot or holding '=' are skipped. */
#ifndef BOSUN_ENVDIR_H
#define BOSUN_ENVDIR_H

#include <stddef.h>
#include <skalibs/stralloc.h>

#define ENVDIR_VERBATIM 0x01
#define ENVDIR_NOCHOMP 0x02
#define ENVDIR_NOCLAMP 0x04
#define ENVDIR_CLAMP 4095

int envdir_name_ok (char const *name) ;
size_t envdir_value (char *s, size_t len, unsigned int flags, char nullis) ;
int envdir_load (char const *dir, unsigned int flags, char nullis, stralloc *modifs, stralloc *where) ;

#endif
