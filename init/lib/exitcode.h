/* The container's exit status lives in a file that anything in the container
   may rewrite until the very end [X2]; its reading rules are contract s.6. */
#ifndef BOSUN_EXITCODE_H
#define BOSUN_EXITCODE_H

#include <stddef.h>

int exitcode_parse (char const *s, size_t len) ;
int exitcode_read (void) ;
int exitcode_write (unsigned int code) ;
unsigned int exitcode_of_wstat (int wstat) ;

#endif
