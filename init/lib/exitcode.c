#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "exitcode.h"
#include "paths.h"

/* First line, blanks trimmed; empty = 0; not a number = 100; modulo 256. */
int exitcode_parse (char const *s, size_t len)
{
  size_t start = 0, end = 0 ;
  unsigned int code = 0 ;
  while (end < len && s[end] != '\n') end++ ;
  while (start < end && (s[start] == ' ' || s[start] == '\t' || s[start] == '\r')) start++ ;
  while (end > start && (s[end-1] == ' ' || s[end-1] == '\t' || s[end-1] == '\r')) end-- ;
  if (start == end) return 0 ;
  for (size_t i = start ; i < end ; i++)
  {
    unsigned int digit = (unsigned char)s[i] - '0' ;
    if (digit > 9) return 100 ;
    code = (code * 10 + digit) % 256 ;
  }
  return (int)code ;
}

int exitcode_read (void)
{
  char buf[64] ;
  ssize_t r = openreadnclose(BOSUN_EXITCODE, buf, sizeof(buf)) ;
  if (r < 0)
  {
    if (errno == ENOENT) return 0 ;
    strerr_warnwusys("read " BOSUN_EXITCODE ", exiting with 100") ;
    return 100 ;
  }
  return exitcode_parse(buf, (size_t)r) ;
}

/* In place: no truncation first, so that a full /run can neither empty
   the file nor refuse the few bytes of a file that already holds some. */
static int write_in_place (char const *s, size_t len)
{
  int fd = open(BOSUN_EXITCODE, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644) ;
  int ok ;
  if (fd < 0) return 0 ;
  ok = allwrite(fd, s, len) == len && ftruncate(fd, (off_t)len) == 0 ;
  {
    int e = errno ;
    fd_close(fd) ;
    errno = e ;
  }
  return ok ;
}

int exitcode_write (unsigned int code)
{
  char fmt[UINT_FMT + 1] ;
  size_t len = uint_fmt(fmt, code) ;
  fmt[len++] = '\n' ;
  if (!write_in_place(fmt, len))
  {
    strerr_warnwusys("write " BOSUN_EXITCODE) ;
    return 0 ;
  }
  return 1 ;
}

/* s6-overlay's file as stage 2 finds it [X2]: finish scripts read it under
   set -e before deciding to write their own code. Its mtime is older than
   any code PID 1 keeps later, so exitcode_final never takes it for a
   later writer. */
void exitcode_create (void)
{
  if (!write_in_place("0\n", 2))
    strerr_warnwusys("create " BOSUN_EXITCODE " holding 0, which finish scripts read (they fail without it)") ;
}

unsigned int exitcode_of_wstat (int wstat)
{
  return WIFSIGNALED(wstat) ? 128 + (unsigned int)WTERMSIG(wstat) : (unsigned int)WEXITSTATUS(wstat) ;
}

void exitcode_keep (exitcode_keeper *k, unsigned int code)
{
  if (exitcode_write(code)) return ;
  k->lost = (int)code ;
  clock_gettime(CLOCK_REALTIME, &k->lost_at) ;
}

int exitcode_final (exitcode_keeper const *k)
{
  struct stat st ;
  if (k->lost < 0) return exitcode_read() ;
  if (stat(BOSUN_EXITCODE, &st) == 0
   && (st.st_mtim.tv_sec > k->lost_at.tv_sec || (st.st_mtim.tv_sec == k->lost_at.tv_sec && st.st_mtim.tv_nsec > k->lost_at.tv_nsec)))
    return exitcode_read() ;
  return k->lost ;
}
