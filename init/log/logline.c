/* Per-line work of the logger. Stamps are taken once per line, when
   the line is processed, so every action of a line shows the same time. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "logline.h"
#include "logselect.h"
#include "logstamp.h"

void logline_init (logline_ctx *c, logscript const *s, size_t linelimit)
{
  memset(c, 0, sizeof *c) ;
  c->script = s ;
  c->linelimit = linelimit ;
  c->out = stralloc_zero ;
}

void logline_free (logline_ctx *c)
{
  stralloc_free(&c->out) ;
}

size_t logline_cut (char const *s, size_t len, size_t limit, int final, size_t *next)
{
  size_t scan = limit && limit < len ? limit : len ;
  char const *nl = memchr(s, '\n', scan) ;
  if (nl) { *next = (size_t)(nl - s) + 1 ; return (size_t)(nl - s) ; }
  if ((limit && len >= limit) || (final && len)) { *next = scan ; return scan ; }
  *next = 0 ;
  return 0 ;
}

/* stamps, prefix and line as the action wants them, into c->out */
static int compose (logline_ctx *c, logdirective const *a, char const *line, size_t len)
{
  c->out.len = 0 ;
  if (a->tai && !stralloc_catb(&c->out, c->tai, c->tailen)) return 0 ;
  if (a->iso && !stralloc_catb(&c->out, c->iso, c->isolen)) return 0 ;
  if (a->prefix && (!stralloc_cats(&c->out, a->prefix) || !stralloc_catb(&c->out, " ", 1))) return 0 ;
  return stralloc_catb(&c->out, line, len) ;
}

/* =FILE: the last line, cut at ^ bytes and padded with newlines to that
   size, written in place (a reader never sees an empty file). */
static void status_write (char const *file, char const *s, size_t len, size_t limit)
{
  char pad[256] ;
  size_t total ;
  int fd = open(file, O_WRONLY | O_CREAT | O_CLOEXEC, 0644) ;
  if (fd < 0) { strerr_warnwu2sys("open status file ", file) ; return ; }
  if (limit && len > limit) len = limit ;
  total = limit ? limit : len + 1 ;
  memset(pad, '\n', sizeof pad) ;
  ssize_t w = pwrite(fd, s, len, 0) ;
  for (size_t off = len ; w >= 0 && off < total ; off += (size_t)w)
    w = pwrite(fd, pad, total - off < sizeof pad ? total - off : sizeof pad, (off_t)off) ;
  if (w < 0 || ftruncate(fd, (off_t)total) < 0) strerr_warnwu2sys("write status file ", file) ;
  close(fd) ;
}

static int act (logdirective const *a, size_t idx, void *ctx)
{
  logline_ctx *c = ctx ;
  char const *line = c->out.s ;
  size_t len = c->out.len ;
  switch (a->act)
  {
    case LOGACT_STDOUT :
      if (buffer_put(buffer_1, line, len) < 0 || buffer_put(buffer_1, "\n", 1) < 0) strerr_diefu1sys(111, "write to stdout") ;
      break ;
    case LOGACT_ALERT :
    {
      /* cut at E bytes plus "...", only when that makes it shorter (as s6-log) */
      int cut = a->limit && len > a->limit + 3 ;
      buffer_puts(buffer_2, PROG) ;
      buffer_puts(buffer_2, ": alert: ") ;
      buffer_put(buffer_2, line, cut ? a->limit : len) ;
      if (cut) buffer_puts(buffer_2, "...") ;
      buffer_put(buffer_2, "\n", 1) ;
      break ;
    }
    case LOGACT_STATUS : status_write(a->target, line, len, a->limit) ; break ;
    case LOGACT_DIR :
      c->out.s[len] = '\n' ;
      logdir_write(c->dirs + idx, line, len + 1) ;
      break ;
  }
  return 0 ;
}

/* compose, then act: the selection runs once on the bare line */
typedef struct pass { logline_ctx *c ; char const *line ; size_t len ; } pass ;

static int compose_and_act (logdirective const *a, size_t idx, void *ctx)
{
  pass *p = ctx ;
  if (!compose(p->c, a, p->line, p->len) || !stralloc_readyplus(&p->c->out, 1)) strerr_diefu1sys(111, "compose a log line") ;
  return act(a, idx, p->c) ;
}

/* The local date and time change once a second: converted then only,
   the nanoseconds are written for every line. */
static void stamp (logline_ctx *c)
{
  tain now ;
  tain_wallclock_read(&now) ;
  c->tailen = logstamp_tai(c->tai, &now) ;
  if (c->isolen && tai_sec(tain_secp(&now)) == c->isosec)
    logstamp_iso_nano(c->iso, (uint32_t)now.nano) ;
  else
  {
    c->isolen = logstamp_iso(c->iso, &now) ;
    c->isosec = tai_sec(tain_secp(&now)) ;
  }
}

static void one_line (logline_ctx *c, char *line, size_t len)
{
  pass p = { c, line, len } ;
  char saved = line[len] ;
  if (c->script->stamps) stamp(c) ;
  line[len] = 0 ;
  logselect_run(c->script, line, &compose_and_act, &p) ;
  line[len] = saved ;
}

int logline_held (logline_ctx const *c)
{
  for (size_t i = 0 ; c->dirs && i < c->script->nactions ; i++) if (logdir_held(c->dirs + i)) return 1 ;
  return 0 ;
}

void logline_feed (logline_ctx *c, stralloc *in, int final)
{
  size_t pos = 0 ;
  if (!stralloc_readyplus(in, 1)) strerr_diefu1sys(111, "allocate the input buffer") ;
  for (;;)
  {
    size_t next, len ;
    /* a directory waits for its processor: the rest stays in in */
    if (!final && logline_held(c)) break ;
    len = logline_cut(in->s + pos, in->len - pos, c->linelimit, final, &next) ;
    if (!next) break ;
    one_line(c, in->s + pos, len) ;
    pos += next ;
  }
  memmove(in->s, in->s + pos, in->len - pos) ;
  in->len -= pos ;
  for (size_t i = 0 ; c->dirs && i < c->script->nactions ; i++) if (c->dirs[i].fd >= 0) logdir_flush(c->dirs + i) ;
  if (!buffer_flush(buffer_1)) strerr_diefu1sys(111, "write to stdout") ;
  buffer_flush(buffer_2) ;
}
