#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <skalibs/djbunix.h>
#include "svpipe.h"

static int is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' ;
}

/* a name the scanner can find in its directory: not empty, no '/', no
   control character, not a dot-name (the scanner skips those) */
static int valid_name (char const *s, size_t len)
{
  if (!len || len > NAME_MAX || s[0] == '.') return 0 ;
  for (size_t i = 0 ; i < len ; i++)
    if (s[i] == '/' || (unsigned char)s[i] < 0x20 || s[i] == 0x7f) return 0 ;
  return 1 ;
}

/* the line from *pos, blanks trimmed; *pos moves past its newline */
static void next_line (char const *buf, size_t len, size_t *pos, size_t *start, size_t *end)
{
  size_t i = *pos, e ;
  while (i < len && buf[i] != '\n' && is_blank(buf[i])) i++ ;
  *start = i ;
  while (i < len && buf[i] != '\n') i++ ;
  e = i ;
  while (e > *start && is_blank(buf[e - 1])) e-- ;
  *end = e ;
  *pos = i < len ? i + 1 : i ;
}

int svpipe_next_name (char const *buf, size_t len, size_t *pos, char *name)
{
  while (*pos < len)
  {
    size_t start, end ;
    next_line(buf, len, pos, &start, &end) ;
    if (start == end) continue ;
    if (!valid_name(buf + start, end - start)) return -1 ;
    memcpy(name, buf + start, end - start) ;
    name[end - start] = 0 ;
    return 1 ;
  }
  return 0 ;
}

int svpipe_parse_name (char const *buf, size_t len, char *name)
{
  size_t pos = 0 ;
  char extra[NAME_MAX + 1] ;
  if (svpipe_next_name(buf, len, &pos, name) != 1) return 0 ;
  return !svpipe_next_name(buf, len, &pos, extra) ;
}

svpipe *svpipe_find (svpipes const *t, char const *consumer)
{
  for (size_t i = 0 ; i < t->n ; i++)
    if (!strcmp(t->p[i].consumer, consumer)) return &t->p[i] ;
  return 0 ;
}

svpipe *svpipe_get (svpipes *t, char const *consumer, int *created)
{
  svpipe *p = svpipe_find(t, consumer) ;
  size_t len = strlen(consumer) ;
  *created = 0 ;
  if (p) return p ;
  if (len > NAME_MAX) { errno = ENAMETOOLONG ; return 0 ; }
  if (t->n == t->cap)
  {
    size_t cap = t->cap ? 2 * t->cap : 8 ;
    svpipe *q = realloc(t->p, cap * sizeof(svpipe)) ;
    if (!q) return 0 ;
    t->p = q ; t->cap = cap ;
  }
  p = &t->p[t->n] ;
  /* close-on-exec: only the members' supervisors get an end, on purpose */
  if (pipecoe(p->fd) < 0) return 0 ;
  memcpy(p->consumer, consumer, len + 1) ;
  t->n++ ;
  *created = 1 ;
  return p ;
}

static void close_ends (svpipe *p)
{
  fd_close(p->fd[0]) ; fd_close(p->fd[1]) ;
  p->fd[0] = p->fd[1] = -1 ;
}

size_t svpipe_release (svpipes *t, svpipe_inuse_fn *inuse, void *ctx)
{
  size_t released = 0 ;
  for (size_t i = 0 ; i < t->n ; )
  {
    if ((*inuse)(t->p[i].consumer, ctx)) { i++ ; continue ; }
    close_ends(&t->p[i]) ;
    t->p[i] = t->p[--t->n] ;
    released++ ;
  }
  return released ;
}

void svpipe_close_all (svpipes *t)
{
  for (size_t i = 0 ; i < t->n ; i++) close_ends(&t->p[i]) ;
}
