/* One supervised service as `bosun status` and `bosun health` describe it:
   its decoded supervise/status and bosun's restart count, and the words
   both commands use for it, so that they never disagree. Built on the
   client view of tools/svclient.h (same library). */
#ifndef BOSUN_SVSUMMARY_H
#define BOSUN_SVSUMMARY_H

#include <stddef.h>
#include <stdint.h>
#include <skalibs/tai.h>
#include "svclient.h"

typedef struct svsummary_s svsummary ;
struct svsummary_s
{
  int known ;          /* supervise/status could be read */
  int err ;            /* errno when it could not */
  struct svstat_view v ;
  int hasrestarts ;    /* supervise/bosun-restarts exists (s6's tree has none) */
  uint64_t restarts ;
} ;

/* Fills s from the service directory DIR, times relative to now.
   Returns s->known. */
int svsummary_load (svsummary *s, char const *dir, tain const *now) ;

/* run is running (a pid that is not finish's) */
int svsummary_up (svsummary const *s) ;

/* "up", "down", "finishing", or "unknown" */
char const *svsummary_state (svsummary const *s) ;

/* How run last died, NUL-terminated into buf: "exitcode 3",
   "signal SIGTERM", or "-" while it runs or when unknown. */
void svsummary_death (char *buf, size_t max, svsummary const *s) ;

/* the restart count, or "-" without the file */
void svsummary_restarts (char *buf, size_t max, svsummary const *s) ;

#endif
