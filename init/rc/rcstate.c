#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "paths.h"
#include "rc/rcstate.h"

int rcstate_read (rcgraph const *g, unsigned char *up)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t start = 0 ;
  memset(up, 0, rcgraph_n(g)) ;
  if (!openslurpclose(&sa, BOSUN_RC_STATE)) return errno == ENOENT ;
  for (size_t i = 0 ; i < sa.len ; i++)
  {
    if (sa.s[i] != '\n') continue ;
    sa.s[i] = 0 ;
    {
      size_t k = rcgraph_find(g, sa.s + start) ;
      if (k < rcgraph_n(g)) up[k] = 1 ;
    }
    start = i + 1 ;
  }
  stralloc_free(&sa) ;
  return 1 ;
}

int rcstate_write (rcgraph const *g, unsigned char const *up)
{
  stralloc sa = STRALLOC_ZERO ;
  int ok = 1 ;
  for (size_t i = 0 ; i < rcgraph_n(g) && ok ; i++)
    if (up[i]) ok = stralloc_cats(&sa, rcgraph_name(g, i)) && stralloc_catb(&sa, "\n", 1) ;
  ok = ok && openwritenclose_suffix(BOSUN_RC_STATE, sa.s ? sa.s : "", sa.len, ".new") ;
  stralloc_free(&sa) ;
  return ok ;
}

int rcstate_lock (int block)
{
  int fd = open(BOSUN_RC_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0644) ;
  if (fd < 0) return -1 ;
  while (flock(fd, LOCK_EX | (block ? 0 : LOCK_NB)) < 0)
  {
    int e = errno ;
    if (e == EINTR) continue ;
    close(fd) ;
    errno = e ;
    return -1 ;
  }
  return fd ;
}
