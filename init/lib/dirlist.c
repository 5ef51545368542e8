#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/direntry.h>
#include <skalibs/stralloc.h>
#include "dirlist.h"

static char const *sort_base ;
static int by_name (void const *a, void const *b)
{
  return strcmp(sort_base + *(size_t const *)a, sort_base + *(size_t const *)b) ;
}

void dirlist_sort (dirlist *dl)
{
  sort_base = dl->names.s ;
  if (dl->n) qsort(dl->offsets, dl->n, sizeof(size_t), &by_name) ;
}

/* 1 on success (a missing directory is an empty list), 0 on error. */
int dirlist_read (dirlist *dl, char const *dir)
{
  DIR *d = opendir(dir) ;
  size_t count = 0 ;
  dl->names.len = 0 ; dl->n = 0 ;
  if (!d) return errno == ENOENT || errno == ENOTDIR ;
  for (;;)
  {
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (de->d_name[0] == '.') continue ;
    if (!stralloc_catb(&dl->names, de->d_name, strlen(de->d_name) + 1)) { dir_close(d) ; return 0 ; }
    count++ ;
  }
  if (errno) { int e = errno ; dir_close(d) ; errno = e ; return 0 ; }
  dir_close(d) ;
  free(dl->offsets) ;
  dl->offsets = malloc((count + 1) * sizeof(size_t)) ;
  if (!dl->offsets) return 0 ;
  for (size_t pos = 0 ; pos < dl->names.len ; pos += strlen(dl->names.s + pos) + 1)
    dl->offsets[dl->n++] = pos ;
  dirlist_sort(dl) ;
  return 1 ;
}

char const *dirlist_name (dirlist const *dl, size_t i)
{
  return dl->names.s + dl->offsets[i] ;
}

void dirlist_free (dirlist *dl)
{
  stralloc_free(&dl->names) ;
  free(dl->offsets) ;
  dl->offsets = 0 ;
  dl->n = 0 ;
}
