/* s6-tai64nlocal: copy stdin to stdout, turning a TAI64N stamp at the
   start of a line ("@" + 24 hex digits, as s6-log's t and s6-tai64n
   write it) into the local date and time, "YYYY-MM-DD HH:MM:SS.nnnnnnnnn"
   (TZ applies) [N2]. Other lines, and the rest of each line, are copied
   as they are. The usual way to read a t-stamped log: s6-tai64nlocal <
   current. */
#include <errno.h>
#include <skalibs/buffer.h>
#include <skalibs/skamisc.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/tai.h>
#include "applets.h"
#include "log/logstamp.h"

/* the date and time without the two blanks logstamp_iso ends with */
#define LOCAL_LEN (LOGSTAMP_ISO_LEN - 2)

static void put (char const *s, size_t len)
{
  if (buffer_put(buffer_1, s, len) < (ssize_t)len) strerr_diefusys(111, "write to stdout") ;
}

static void convert_line (char const *s, size_t len)
{
  tain t ;
  char iso[LOGSTAMP_ISO_LEN] ;
  size_t n = len >= TIMESTAMP ? timestamp_scan(s, &t) : 0 ;
  if (n == TIMESTAMP && logstamp_iso(iso, &t))
  {
    put(iso, LOCAL_LEN) ;
    s += n ; len -= n ;
  }
  put(s, len) ;
}

int s6_tai64nlocal_main (int argc, char const *const *argv, char const *const *envp)
{
  stralloc line = STRALLOC_ZERO ;
  (void)argc ; (void)argv ; (void)envp ;
  PROG = "s6-tai64nlocal" ;
  for (;;)
  {
    int r ;
    line.len = 0 ;
    r = skagetln(buffer_0, &line, '\n') ;
    if (r < 0 && errno != EPIPE) strerr_diefusys(111, "read stdin") ;
    if (line.len) convert_line(line.s, line.len) ;
    if (r <= 0) break ;
    /* a reader of a pipe waits for each line */
    if (!buffer_len(buffer_0) && !buffer_flush(buffer_1)) strerr_diefusys(111, "write to stdout") ;
  }
  if (!buffer_flush(buffer_1)) strerr_diefusys(111, "write to stdout") ;
  return 0 ;
}
