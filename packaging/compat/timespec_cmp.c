/* bosun compat layer: timespec_cmp() as skalibs >= 2.14 provides it; see
 * include/skalibs/stat.h. Compares fields instead of subtracting so that
 * extreme tv_sec values cannot overflow. */

#include <skalibs/stat.h>

int timespec_cmp (struct timespec const *a, struct timespec const *b)
{
  if (a->tv_sec != b->tv_sec) return a->tv_sec < b->tv_sec ? -1 : 1 ;
  if (a->tv_nsec != b->tv_nsec) return a->tv_nsec < b->tv_nsec ? -1 : 1 ;
  return 0 ;
}
