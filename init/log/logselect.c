/* Selection semantics, as s6-log 2.11 does them: a line starts selected;
   +RE selects it if RE matches, -RE deselects it if RE matches, f selects
   it exactly when no action took it yet. The selection carries over from
   one action to the next (s6-log does not reset it). */
#include "logselect.h"

/* the fast forms first; a regular expression is prefiltered by its
   required words, then run by the DFA, or by regexec when the DFA does
   not follow it or runs out of memory */
static int matches (logdirective const *d, char const *line)
{
  int r ;
  if (d->fast.kind != LOGMATCH_REGEX) return logmatch_run(&d->fast, line) ;
  if (!logmatch_maybe(&d->fast, line)) return 0 ;
  if (d->dfa && (r = ere_match(d->dfa, line)) >= 0) return r ;
  return !regexec(&d->re, line, 0, 0, 0) ;
}

int logselect_run (logscript const *s, char const *line, logselect_fn *fn, void *ctx)
{
  int selected = 1, acted = 0 ;
  size_t idx = 0 ;
  for (size_t i = 0 ; i < s->n ; i++)
  {
    logdirective const *d = s->d + i ;
    if (d->is_action)
    {
      if (selected)
      {
        int r = (*fn)(d, idx, ctx) ;
        if (r) return r ;
        acted = 1 ;
      }
      idx++ ;
    }
    else if (d->sel == LOGSEL_F) selected = !acted ;
    else if (matches(d, line))
      selected = d->sel == LOGSEL_PLUS ;
  }
  return 0 ;
}
