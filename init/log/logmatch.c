#include <stdlib.h>
#include <string.h>
#include "logmatch.h"

/* A character that means something to an ERE; '|' is handled apart. */
static int is_meta (char c)
{
  return c && strchr(".[]()*+?{}\\^$", c) ;
}

/* every alternative a non-empty plain word, optionally after one ^ */
static int plain_words (char const *re)
{
  char const *p = re ;
  for (;;)
  {
    char const *start ;
    if (*p == '^') p++ ;
    start = p ;
    while (*p && *p != '|' && !is_meta(*p)) p++ ;
    if (p == start || (*p && *p != '|')) return 0 ;
    if (!*p) return 1 ;
    p++ ;
  }
}

static int split (logmatch *m, char const *re)
{
  size_t n = 1 ;
  char *p ;
  for (char const *q = re ; *q ; q++) if (*q == '|') n++ ;
  m->buf = strdup(re) ;
  m->alt = malloc(n * sizeof *m->alt) ;
  m->len = malloc(n * sizeof *m->len) ;
  m->anchored = malloc(n) ;
  if (!m->buf || !m->alt || !m->len || !m->anchored) { logmatch_free(m) ; return -1 ; }
  p = m->buf ;
  for (size_t i = 0 ; i < n ; i++)
  {
    char *bar = strchr(p, '|') ;
    if (bar) *bar = 0 ;
    m->anchored[i] = *p == '^' ;
    if (*p == '^') p++ ;
    m->alt[i] = p ;
    m->len[i] = strlen(p) ;
    p = bar ? bar + 1 : p + m->len[i] ;
  }
  m->n = n ;
  m->kind = LOGMATCH_WORDS ;
  return 1 ;
}

/* --- the prefilter of other expressions --- */

static int one_of (char c, char const *set)
{
  return c && strchr(set, c) ;
}

/* p at '[': just after the matching ']', 0 if there is none */
static char const *skip_bracket (char const *p)
{
  p++ ;
  if (*p == '^') p++ ;
  if (*p == ']') p++ ;
  while (*p && *p != ']')
  {
    if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '='))
    {
      char k = p[1] ;
      for (p += 2 ; *p && !(p[0] == k && p[1] == ']') ; p++) ;
      if (!*p) return 0 ;
      p += 2 ;
    }
    else p++ ;
  }
  return *p ? p + 1 : 0 ;
}

/* p at '(': just after the matching ')', 0 if there is none */
static char const *skip_group (char const *p)
{
  int depth = 0 ;
  while (*p)
  {
    if (*p == '\\') { if (!p[1]) return 0 ; p += 2 ; continue ; }
    if (*p == '[') { if (!(p = skip_bracket(p))) return 0 ; continue ; }
    if (*p == '(') depth++ ;
    else if (*p == ')' && !--depth) return p + 1 ;
    p++ ;
  }
  return 0 ;
}

/* a group's inside made of plain words only, each at least 2 bytes:
   then one of them is in every match */
static int plain_group (char const *s, size_t len)
{
  size_t w = 0 ;
  for (size_t i = 0 ; i <= len ; i++)
  {
    if (i == len || s[i] == '|') { if (w < 2) return 0 ; w = 0 ; }
    else if (is_meta(s[i])) return 0 ;
    else w++ ;
  }
  return 1 ;
}

/* A segment: consecutive required bytes, as the words one of which is
   in every match: a run of plain bytes gives one word, a group of plain
   words next to it multiplies them ("(GET|POST) /api" gives "GET /api"
   and "POST /api"), up to SEG_MAX words. */
#define SEG_MAX 16

typedef struct seg { char *w[SEG_MAX] ; size_t n, min ; char *block ; } seg ;

static void seg_free (seg *g) { free(g->block) ; g->block = 0 ; g->n = 0 ; }

static int seg_start (seg *g, size_t cap)
{
  g->block = malloc(SEG_MAX * (cap + 1)) ;
  if (!g->block) return 0 ;
  for (size_t i = 0 ; i < SEG_MAX ; i++) { g->w[i] = g->block + i * (cap + 1) ; g->w[i][0] = 0 ; }
  g->n = 1 ;
  return 1 ;
}

static void seg_append (seg *g, char const *s, size_t len)
{
  for (size_t i = 0 ; i < g->n ; i++) strncat(g->w[i], s, len) ;
}

/* g times the words of a plain group; 0 if that makes too many */
static int seg_times (seg *g, char const *s, size_t len)
{
  size_t k = 1, n ;
  for (size_t i = 0 ; i < len ; i++) if (s[i] == '|') k++ ;
  if (g->n * k > SEG_MAX) return 0 ;
  n = g->n ;
  for (size_t j = k ; j-- ; )
  {
    char const *a = s ;
    size_t al ;
    for (size_t skip = j ; skip ; skip--) a = strchr(a, '|') + 1 ;
    al = strcspn(a, "|") ;
    if (al > (size_t)(s + len - a)) al = (size_t)(s + len - a) ;
    for (size_t i = 0 ; i < n ; i++)
    {
      if (j) memcpy(g->w[j * n + i], g->w[i], strlen(g->w[i]) + 1) ;
      strncat(g->w[j * n + i], a, al) ;
    }
  }
  g->n = n * k ;
  return 1 ;
}

typedef struct segs { seg kept[LOGMATCH_MAXREQ] ; size_t n ; seg cur ; size_t cap ; int oom ; } segs ;

/* the current segment ends: kept if it helps (words of 2 bytes or more),
   the shortest kept one giving way to a longer one */
static void seg_end (segs *ss)
{
  seg *g = &ss->cur ;
  size_t k = ss->n ;
  g->min = (size_t)-1 ;
  for (size_t i = 0 ; i < g->n ; i++) if (strlen(g->w[i]) < g->min) g->min = strlen(g->w[i]) ;
  if (g->n && g->min >= 2)
  {
    if (k == LOGMATCH_MAXREQ)
    {
      k = 0 ;
      for (size_t i = 1 ; i < LOGMATCH_MAXREQ ; i++) if (ss->kept[i].min < ss->kept[k].min) k = i ;
      if (ss->kept[k].min < g->min) { seg_free(ss->kept + k) ; ss->kept[k] = *g ; g->block = 0 ; }
    }
    else { ss->kept[ss->n++] = *g ; g->block = 0 ; }
  }
  seg_free(g) ;
  if (!seg_start(g, ss->cap)) ss->oom = 1 ;
}

/* The segments of re at its top level. 0 when nothing can be required: a
   top-level |, or syntax this does not follow (regexec then decides). */
static int required (char const *re, segs *ss)
{
  char const *p = re ;
  for (;;)
  {
    char c = *p ;
    int plain = c && !is_meta(c) && c != '|' ;
    if (ss->oom) return 0 ;
    if (plain && !one_of(p[1], "*?{+")) { seg_append(&ss->cur, p, 1) ; p++ ; continue ; }
    if (c == '(')
    {
      char const *e = skip_group(p) ;
      if (!e) return 0 ;
      if (!one_of(*e, "*?{+") && plain_group(p + 1, (size_t)(e - p - 2)))
      {
        if (!seg_times(&ss->cur, p + 1, (size_t)(e - p - 2)))
        {
          seg_end(ss) ;
          if (ss->oom || !seg_times(&ss->cur, p + 1, (size_t)(e - p - 2))) return 0 ;
        }
      }
      else seg_end(ss) ;
      p = e ;
      continue ;
    }
    seg_end(ss) ;
    if (!c) return 1 ;
    if (c == '|' || c == ')') return 0 ;
    if (c == '\\') { if (!p[1]) return 0 ; p += 2 ; }
    else if (c == '[') { if (!(p = skip_bracket(p))) return 0 ; }
    else if (c == '{') { if (!(p = strchr(p, '}'))) return 0 ; p++ ; }
    else p++ ;    /* . ^ $ quantifiers, and a plain byte made optional */
  }
}

static int pack (logmatch *m, segs const *ss)
{
  size_t total = 0, words = 0 ;
  char *w ;
  for (size_t k = 0 ; k < ss->n ; k++)
    for (size_t i = 0 ; i < ss->kept[k].n ; i++) { total += strlen(ss->kept[k].w[i]) + 1 ; words++ ; }
  if (!words) return 0 ;
  m->buf = malloc(total) ;
  m->alt = malloc(words * sizeof *m->alt) ;
  m->len = malloc(words * sizeof *m->len) ;
  if (!m->buf || !m->alt || !m->len) { logmatch_free(m) ; return -1 ; }
  w = m->buf ;
  for (size_t k = 0 ; k < ss->n ; k++)
  {
    m->req[k] = m->n ;
    for (size_t i = 0 ; i < ss->kept[k].n ; i++)
    {
      size_t l = strlen(ss->kept[k].w[i]) ;
      memcpy(w, ss->kept[k].w[i], l + 1) ;
      m->alt[m->n] = w ; m->len[m->n++] = l ;
      w += l + 1 ;
    }
  }
  m->nreq = ss->n ;
  m->req[ss->n] = m->n ;
  return 0 ;
}

static int prefilter (logmatch *m, char const *re)
{
  segs ss ;
  int r = 0 ;
  memset(&ss, 0, sizeof ss) ;
  ss.cap = strlen(re) ;
  if (!seg_start(&ss.cur, ss.cap)) return -1 ;
  if (required(re, &ss) && ss.n) r = pack(m, &ss) ;
  if (ss.oom) r = -1 ;
  for (size_t k = 0 ; k < ss.n ; k++) seg_free(ss.kept + k) ;
  seg_free(&ss.cur) ;
  return r ;
}

int logmatch_compile (logmatch *m, char const *re)
{
  memset(m, 0, sizeof *m) ;
  m->kind = LOGMATCH_REGEX ;
  if (!strcmp(re, ".*")) { m->kind = LOGMATCH_ALL ; return 1 ; }
  if (!plain_words(re)) return prefilter(m, re) ;
  return split(m, re) ;
}

int logmatch_maybe (logmatch const *m, char const *line)
{
  for (size_t k = 0 ; k < m->nreq ; k++)
  {
    size_t i = m->req[k] ;
    while (i < m->req[k + 1] && !strstr(line, m->alt[i])) i++ ;
    if (i == m->req[k + 1]) return 0 ;
  }
  return 1 ;
}

int logmatch_run (logmatch const *m, char const *line)
{
  if (m->kind == LOGMATCH_ALL) return 1 ;
  for (size_t i = 0 ; i < m->n ; i++)
  {
    if (m->anchored[i] ? !strncmp(line, m->alt[i], m->len[i]) : strstr(line, m->alt[i]) != 0)
      return 1 ;
  }
  return 0 ;
}

void logmatch_free (logmatch *m)
{
  free(m->buf) ; free(m->alt) ; free(m->len) ; free(m->anchored) ;
  memset(m, 0, sizeof *m) ;
}
