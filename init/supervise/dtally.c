#include <string.h>
#include <sys/wait.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "dtally.h"

void dtally_pack (char *s, tain const *stamp, int wstat)
{
  tain_pack(s, stamp) ;
  if (WIFSIGNALED(wstat))
  {
    s[12] = (char)(128 + WTERMSIG(wstat)) ;
    s[13] = (char)WTERMSIG(wstat) ;
  }
  else
  {
    s[12] = (char)WEXITSTATUS(wstat) ;
    s[13] = 0 ;
  }
}

/* rewrites the file whole (at most 4096 * 14 bytes) so that it always
   holds whole records */
int dtally_append (tain const *stamp, int wstat, unsigned int max)
{
  stralloc sa = STRALLOC_ZERO ;
  size_t keep, from ;
  int r ;
  if (!openslurpclose(&sa, DTALLY_FILE)) sa.len = 0 ;
  sa.len -= sa.len % DTALLY_RECORD ;
  if (!stralloc_readyplus(&sa, DTALLY_RECORD)) { stralloc_free(&sa) ; return 0 ; }
  dtally_pack(sa.s + sa.len, stamp, wstat) ;
  sa.len += DTALLY_RECORD ;
  keep = (size_t)max * DTALLY_RECORD ;
  from = sa.len > keep ? sa.len - keep : 0 ;
  r = openwritenclose_suffix(DTALLY_FILE, sa.s + from, sa.len - from, ".new") ;
  stralloc_free(&sa) ;
  return r ;
}
