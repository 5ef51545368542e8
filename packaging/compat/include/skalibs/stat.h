/* bosun compat layer: skalibs >= 2.14 has a skalibs/stat.h that execline's
 * eltest includes for portable access to struct stat's timespec fields.
 * On Linux with musl or glibc, st_atim/st_mtim/st_ctim exist natively, so
 * this header only brings in <sys/stat.h> and timespec_cmp(). */

#ifndef SKALIBS_STAT_H
#define SKALIBS_STAT_H

#include <sys/stat.h>
#include <time.h>

/* Orders two timespecs: negative if a < b, 0 if equal, positive if a > b. */
extern int timespec_cmp (struct timespec const *a, struct timespec const *b) ;

#endif
