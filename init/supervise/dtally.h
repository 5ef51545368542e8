/* supervise/death_tally, as s6 2.11 writes it (read by s6-svdt and
   s6-permafailon): one 14-byte record per death of ./run, oldest first,
   at most max-death-tally of them: TAI64N stamp (12 bytes), then the exit
   code (128 + signal when killed), then the signal number (0 if none). */
#ifndef BOSUN_DTALLY_H
#define BOSUN_DTALLY_H

#include <skalibs/tai.h>

#define DTALLY_FILE "supervise/death_tally"
#define DTALLY_RECORD 14

void dtally_pack (char *s, tain const *stamp, int wstat) ;
int dtally_append (tain const *stamp, int wstat, unsigned int max) ;

#endif
