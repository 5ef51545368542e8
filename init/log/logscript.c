/* Compiles an s6-log script [contract 11]. Settings (n s S l r R E ^ p !
   ?) stay in force for the actions after them; t and T apply to the next
   action only; selections are kept in order, the line processor runs them
   (logselect.c). Behaviour checked against s6 2.11's s6-log. */
#include <stdlib.h>
#include <string.h>
#include "logscript.h"

/* Plain decimal digits, whole string, no overflow. */
static int num_scan (char const *s, unsigned long *u)
{
  unsigned long r = 0 ;
  if (!*s) return 0 ;
  for (; *s ; s++)
  {
    if (*s < '0' || *s > '9') return 0 ;
    if (r > (~0UL - 9) / 10) return 0 ;
    r = r * 10 + (unsigned long)(*s - '0') ;
  }
  *u = r ;
  return 1 ;
}

/* What every action is built from: the settings seen so far. */
typedef struct parse_state {
  logdir_conf dir ;
  int tai, iso ;
  char const *prefix ;
  size_t alert, status ;
} parse_state ;

static int bad (logscript_err *err, char const *d, char const *why)
{
  err->directive = d ;
  err->why = why ;
  return 0 ;
}

/* One setting directive into st; 0 if malformed. */
static int setting (char const *d, parse_state *st, logscript_err *err)
{
  unsigned long u ;
  switch (d[0])
  {
    case 't' : case 'T' :
      if (d[1]) return bad(err, d, "unrecognized directive") ;
      if (d[0] == 't') st->tai = 1 ; else st->iso = 1 ;
      return 1 ;
    case 'p' :
      st->prefix = d[1] ? d + 1 : 0 ;
      return 1 ;
    case '!' : case '?' :
      st->dir.proc = !d[1] ? LOGPROC_NONE : d[0] == '!' ? LOGPROC_EXECLINE : LOGPROC_SH ;
      st->dir.processor = d[1] ? d + 1 : 0 ;
      return 1 ;
    default : break ;
  }
  if (!num_scan(d + 1, &u)) return bad(err, d, "unrecognized directive") ;
  switch (d[0])
  {
    case 'n' :
      if (u > 0xffffffffUL) return bad(err, d, "archive count too large") ;
      st->dir.count = (unsigned int)u ; break ;
    case 's' :
      st->dir.size = u < LOGSCRIPT_MIN_SIZE ? LOGSCRIPT_MIN_SIZE : u > LOGSCRIPT_MAX_SIZE ? LOGSCRIPT_MAX_SIZE : u ;
      break ;
    case 'S' : st->dir.total = u ; break ;
    case 'l' :
      /* as s6-log: checked against the size in force when l is read */
      if (u > st->dir.size / 2) return bad(err, d, "tolerance over half the size set by the s directive before it") ;
      st->dir.tolerance = u ; break ;
    case 'r' : st->dir.retry_ms = u ; break ;
    case 'R' : st->dir.period_s = u ; break ;
    case 'E' : st->alert = u ; break ;
    case '^' : st->status = u ; break ;
    default : return bad(err, d, "unrecognized directive") ;
  }
  return 1 ;
}

static int action (char const *d, parse_state *st, logdirective *out, logscript_err *err)
{
  memset(out, 0, sizeof *out) ;
  out->is_action = 1 ;
  out->tai = st->tai ; out->iso = st->iso ; out->prefix = st->prefix ;
  out->dir = st->dir ;
  switch (d[0])
  {
    case '1' : case '2' :
      if (d[1]) return bad(err, d, "unrecognized directive") ;
      out->act = d[0] == '1' ? LOGACT_STDOUT : LOGACT_ALERT ;
      out->limit = d[0] == '2' ? st->alert : 0 ;
      break ;
    case '=' :
      if (!d[1]) return bad(err, d, "status file name missing") ;
      out->act = LOGACT_STATUS ; out->target = d + 1 ; out->limit = st->status ;
      break ;
    default :
      out->act = LOGACT_DIR ; out->target = d ;
      break ;
  }
  st->tai = st->iso = 0 ;
  return 1 ;
}

static int selection (char const *d, logdirective *out, logscript_err *err)
{
  memset(out, 0, sizeof *out) ;
  if (d[0] == 'f')
  {
    if (d[1]) return bad(err, d, "unrecognized directive") ;
    out->sel = LOGSEL_F ;
    return 1 ;
  }
  out->sel = d[0] == '+' ? LOGSEL_PLUS : LOGSEL_MINUS ;
  if (regcomp(&out->re, d + 1, REG_EXTENDED | REG_NOSUB)) return bad(err, d, "invalid regular expression") ;
  if (logmatch_compile(&out->fast, d + 1) < 0) { regfree(&out->re) ; return -1 ; }
  if (out->fast.kind == LOGMATCH_REGEX && ere_compile(d + 1, &out->dfa) < 0)
  {
    logmatch_free(&out->fast) ; regfree(&out->re) ; return -1 ;
  }
  return 1 ;
}

static int is_selection (char c) { return c == '+' || c == '-' || c == 'f' ; }
static int is_action (char c) { return c == '1' || c == '2' || c == '=' || c == '/' || c == '.' ; }

int logscript_parse (char const *const *argv, size_t argc, logscript *s, logscript_err *err)
{
  parse_state st = { { LOGSCRIPT_DEFAULT_COUNT, LOGSCRIPT_DEFAULT_SIZE, 0, LOGSCRIPT_DEFAULT_TOLERANCE, 0, 0, LOGPROC_NONE, 0 }, 0, 0, 0, LOGSCRIPT_DEFAULT_ALERT, LOGSCRIPT_DEFAULT_STATUS } ;
  logscript r = LOGSCRIPT_ZERO ;
  err->directive = 0 ; err->why = 0 ;
  if (argc && !(r.d = calloc(argc, sizeof *r.d))) return -1 ;
  for (size_t i = 0 ; i < argc ; i++)
  {
    char const *d = argv[i] ;
    int ok ;
    if (!d[0]) { bad(err, d, "empty directive") ; goto fail ; }
    if (is_selection(d[0])) ok = selection(d, r.d + r.n, err) ;
    else if (is_action(d[0])) ok = action(d, &st, r.d + r.n, err) ;
    else { ok = setting(d, &st, err) ; r.trailing = 1 ; if (ok) continue ; }
    if (ok < 0) { logscript_free(&r) ; return -1 ; }
    if (!ok) goto fail ;
    if (r.d[r.n].is_action)
    {
      r.nactions++ ; r.trailing = 0 ;
      if (r.d[r.n].tai || r.d[r.n].iso) r.stamps = 1 ;
      if (r.d[r.n].act == LOGACT_DIR) r.ndirs++ ;
    }
    else r.trailing = 1 ;
    r.n++ ;
  }
  if (!r.nactions) { bad(err, 0, "no action directive specified") ; goto fail ; }
  *s = r ;
  return 1 ;
 fail:
  logscript_free(&r) ;
  return 0 ;
}

void logscript_free (logscript *s)
{
  for (size_t i = 0 ; i < s->n ; i++)
    if (!s->d[i].is_action && s->d[i].sel != LOGSEL_F) { regfree(&s->d[i].re) ; logmatch_free(&s->d[i].fast) ; ere_free(s->d[i].dfa) ; }
  free(s->d) ;
  s->d = 0 ; s->n = s->nactions = s->ndirs = 0 ; s->trailing = s->stamps = 0 ;
}
