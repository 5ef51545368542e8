/* s6-tai64n: copy stdin to stdout, each line prefixed with the TAI64N
   stamp of the moment its first byte was read ("@" + 24 hex digits +
   space), as s6-log's t writes it [N2]. A last line without newline is
   stamped and copied as it is. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/buffer.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "log/logstamp.h"

static void put (char const *s, size_t len)
{
  if (buffer_put(buffer_1, s, len) < (ssize_t)len) strerr_diefusys(111, "write to stdout") ;
}

/* stamps and copies one chunk; *atstart: the next byte begins a line */
static void copy_chunk (char const *s, size_t len, int *atstart)
{
  while (len)
  {
    char const *nl = memchr(s, '\n', len) ;
    size_t n = nl ? (size_t)(nl - s) + 1 : len ;
    if (*atstart)
    {
      char stamp[LOGSTAMP_TAI_LEN] ;
      tain now ;
      tain_now(&now) ;
      put(stamp, logstamp_tai(stamp, &now)) ;
    }
    put(s, n) ;
    *atstart = !!nl ;
    s += n ; len -= n ;
  }
}

int s6_tai64n_main (int argc, char const *const *argv, char const *const *envp)
{
  char buf[4096] ;
  int atstart = 1 ;
  (void)argc ; (void)argv ; (void)envp ;
  PROG = "s6-tai64n" ;
  for (;;)
  {
    ssize_t r = fd_read(0, buf, sizeof(buf)) ;
    if (r < 0) strerr_diefusys(111, "read stdin") ;
    if (!r) break ;
    copy_chunk(buf, (size_t)r, &atstart) ;
    /* the lines go out as they come: a reader of a pipe waits for them */
    if (!buffer_flush(buffer_1)) strerr_diefusys(111, "write to stdout") ;
  }
  if (!buffer_flush(buffer_1)) strerr_diefusys(111, "write to stdout") ;
  return 0 ;
}
