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

int logmatch_compile (logmatch *m, char const *re)
{
  memset(m, 0, sizeof *m) ;
  m->kind = LOGMATCH_REGEX ;
  if (!strcmp(re, ".*")) { m->kind = LOGMATCH_ALL ; return 1 ; }
  if (!plain_words(re)) return 0 ;
  return split(m, re) ;
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
