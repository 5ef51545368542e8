/* New service directories appear in the scanned directory; the scanner
   needs a rescan and a moment to start their supervisors. Whoever links
   them waits for that moment by event, not by a sleep: it makes each
   directory's event/ fifodir first, subscribes, asks for the rescan, then
   waits for each supervisor's start event (or finds it already there). */
#ifndef BOSUN_SVAPPEAR_H
#define BOSUN_SVAPPEAR_H

#include <stddef.h>

/* DIR/event as a fifodir, before DIR is linked [V3]. 1, or 0 with errno. */
int svappear_prepare (char const *dir) ;

/* Rescans servicedir and waits up to ms for every dir of dirs[] to be
   supervised. Returns how many are still not; each is named in a warning. */
size_t svappear_wait (char const *servicedir, char const *const *dirs, size_t n, unsigned int ms) ;

#endif
