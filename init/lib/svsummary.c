#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include "svstatus.h"
#include "svsummary.h"

int svsummary_load (svsummary *s, char const *dir, tain const *now)
{
  char const *what ;
  memset(s, 0, sizeof(*s)) ;
  s->known = svstat_load(dir, &s->v, now, &what) ;
  if (!s->known) s->err = errno ;
  s->hasrestarts = svstatus_restarts_read(dir, &s->restarts) ;
  return s->known ;
}

int svsummary_up (svsummary const *s)
{
  return s->known && svstat_up(&s->v) ;
}

char const *svsummary_state (svsummary const *s)
{
  if (!s->known) return "unknown" ;
  if (svstat_up(&s->v)) return "up" ;
  /* finish runs with the pid field set to its own pid */
  return s->v.pid && s->v.finishing ? "finishing" : "down" ;
}

void svsummary_death (char *buf, size_t max, svsummary const *s)
{
  char sig[32] ;
  if (!s->known || svstat_up(&s->v)) { snprintf(buf, max, "-") ; return ; }
  if (WIFSIGNALED(s->v.wstat))
  {
    svstat_signame(sig, WTERMSIG(s->v.wstat)) ;
    snprintf(buf, max, "signal %s", sig) ;
  }
  else snprintf(buf, max, "exitcode %d", WEXITSTATUS(s->v.wstat)) ;
}

void svsummary_restarts (char *buf, size_t max, svsummary const *s)
{
  if (s->hasrestarts) snprintf(buf, max, "%llu", (unsigned long long)s->restarts) ;
  else snprintf(buf, max, "-") ;
}
