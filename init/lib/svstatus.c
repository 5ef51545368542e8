#include <errno.h>
#include <string.h>
#include <skalibs/djbunix.h>
#include <skalibs/types.h>
#include <skalibs/uint16.h>
#include <skalibs/uint64.h>
#include "svstatus.h"

void svstatus_pack (char *s, svstatus const *st)
{
  tain_pack(s, &st->stamp) ;
  tain_pack(s + 12, &st->readystamp) ;
  uint64_pack_big(s + 24, st->pid) ;
  uint16_pack_big(s + 32, st->wstat) ;
  s[34] = (char)st->flags ;
}

void svstatus_unpack (char const *s, svstatus *st)
{
  tain_unpack(s, &st->stamp) ;
  tain_unpack(s + 12, &st->readystamp) ;
  uint64_unpack_big(s + 24, &st->pid) ;
  uint16_unpack_big(s + 32, &st->wstat) ;
  st->flags = (unsigned char)s[34] & 0x0f ;
}

/* dir/name into a buffer on the caller's stack; 0 (ENAMETOOLONG) when too long */
static int svstatus_path (char *buf, size_t max, char const *dir, char const *name)
{
  size_t dlen = strlen(dir), nlen = strlen(name) ;
  if (dlen + nlen + 2 > max) return (errno = ENAMETOOLONG, 0) ;
  memcpy(buf, dir, dlen + 1) ;
  buf[dlen] = '/' ;
  memcpy(buf + dlen + 1, name, nlen + 1) ;
  return 1 ;
}

int svstatus_read (char const *dir, svstatus *st)
{
  char fn[4096] ;
  char s[SVSTATUS_SIZE] ;
  ssize_t r ;
  if (!svstatus_path(fn, sizeof(fn), dir, SVSTATUS_FILE)) return 0 ;
  r = openreadnclose(fn, s, SVSTATUS_SIZE) ;
  if (r < 0) return 0 ;
  /* a short file is a status from another program: refuse it */
  if (r != SVSTATUS_SIZE) return (errno = EPROTO, 0) ;
  svstatus_unpack(s, st) ;
  return 1 ;
}

/* writes fn.new then renames it over fn, so a reader never sees half a file */
int svstatus_write (char const *dir, svstatus const *st)
{
  char fn[4096] ;
  char s[SVSTATUS_SIZE] ;
  if (!svstatus_path(fn, sizeof(fn), dir, SVSTATUS_FILE)) return 0 ;
  svstatus_pack(s, st) ;
  return openwritenclose_suffix(fn, s, SVSTATUS_SIZE, ".new") ;
}

int svstatus_restarts_read (char const *dir, uint64_t *n)
{
  char fn[4096] ;
  char s[UINT64_FMT + 1] ;
  ssize_t r ;
  size_t len ;
  if (!svstatus_path(fn, sizeof(fn), dir, SVSTATUS_RESTARTS_FILE)) return 0 ;
  r = openreadnclose(fn, s, sizeof(s) - 1) ;
  if (r < 0) return 0 ;
  s[r] = 0 ;
  len = uint64_scan(s, n) ;
  if (!len || (s[len] && s[len] != '\n')) return (errno = EPROTO, 0) ;
  return 1 ;
}

int svstatus_restarts_write (char const *dir, uint64_t n)
{
  char fn[4096] ;
  char s[UINT64_FMT + 1] ;
  size_t len ;
  if (!svstatus_path(fn, sizeof(fn), dir, SVSTATUS_RESTARTS_FILE)) return 0 ;
  len = uint64_fmt(s, n) ;
  s[len++] = '\n' ;
  return openwritenclose_suffix(fn, s, len, ".new") ;
}
