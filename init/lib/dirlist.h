/* The entries of a directory in byte-sorted order, dot-files skipped: the
   order in which s6-overlay runs the legacy directories [F3]. */
#ifndef BOSUN_DIRLIST_H
#define BOSUN_DIRLIST_H

#include <stddef.h>
#include <skalibs/stralloc.h>

typedef struct dirlist_s dirlist ;
struct dirlist_s
{
  stralloc names ;   /* name\0name\0... */
  size_t *offsets ;
  size_t n ;
} ;
#define DIRLIST_ZERO { .names = STRALLOC_ZERO, .offsets = 0, .n = 0 }

int dirlist_read (dirlist *dl, char const *dir) ;
void dirlist_sort (dirlist *dl) ;
char const *dirlist_name (dirlist const *dl, size_t i) ;
void dirlist_free (dirlist *dl) ;

#endif
