/* The container's exit status lives in a file that anything in the container
   may rewrite until the very end [X2]; its reading rules are contract s.6. */
#ifndef BOSUN_EXITCODE_H
#define BOSUN_EXITCODE_H

#include <stddef.h>
#include <time.h>

int exitcode_parse (char const *s, size_t len) ;
int exitcode_read (void) ;
int exitcode_write (unsigned int code) ;
/* at boot, before stage 2: the file holding "0\n", as s6-overlay makes it */
void exitcode_create (void) ;

/* What PID 1 writes and finally returns. A code the file could not take
   (a full /run) is kept, and wins at the end unless the file was written
   after it: PID 1 never loses an exit code. */
typedef struct exitcode_keeper_s exitcode_keeper ;
struct exitcode_keeper_s
{
  int lost ;                /* -1 if none */
  struct timespec lost_at ;
} ;
#define EXITCODE_KEEPER_ZERO { .lost = -1, .lost_at = { 0, 0 } }
void exitcode_keep (exitcode_keeper *k, unsigned int code) ;
int exitcode_final (exitcode_keeper const *k) ;
unsigned int exitcode_of_wstat (int wstat) ;

#endif
