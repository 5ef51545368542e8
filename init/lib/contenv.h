/* The container environment: the snapshot of /init's environment kept as one
   file per variable in /run/s6/container_environment [B4], read back by
   with-contenv and printcontenv [V5]. A file holds the value followed by one
   newline; a file written by an image without the newline reads the same. */
#ifndef BOSUN_CONTENV_H
#define BOSUN_CONTENV_H

#include <stddef.h>
#include <skalibs/stralloc.h>

int contenv_path (stralloc *sa, char const *path) ;
int contenv_name_ok (char const *name, size_t len) ;
size_t contenv_value_len (char const *s, size_t len) ;
int contenv_write (char const *dir, char const *const *envp) ;
int contenv_load (char const *dir, stralloc *modifs) ;
int contenv_get (char const *dir, char const *name, stralloc *value) ;

#endif
