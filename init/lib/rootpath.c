#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/stralloc.h>
#include "rootpath.h"

#define LINK_MAX_LEN 4096

char const *rootpath_inside (char const *root, char const *hostpath)
{
  size_t n = strlen(root) ;
  if (strncmp(hostpath, root, n) || (hostpath[n] && hostpath[n] != '/')) return 0 ;
  return hostpath[n] ? hostpath + n : "/" ;
}

/* drops the last component of the inside path cur (never the root) */
static void pop (stralloc *cur)
{
  while (cur->len && cur->s[cur->len - 1] != '/') cur->len-- ;
  if (cur->len) cur->len-- ;
}

/* host = root + cur, NUL-terminated */
static int host_of (char const *root, stralloc const *cur, stralloc *host)
{
  host->len = 0 ;
  return stralloc_cats(host, root) && stralloc_catb(host, cur->s, cur->len)
    && (host->len || stralloc_catb(host, "/", 1)) && stralloc_0(host) ;
}

/* todo := target + "/" + rest (the rest of the path after the link) */
static int splice (stralloc *todo, size_t restpos, char const *target, size_t tlen)
{
  stralloc next = STRALLOC_ZERO ;
  int ok = stralloc_catb(&next, target, tlen) && stralloc_catb(&next, "/", 1)
    && stralloc_catb(&next, todo->s + restpos, todo->len - restpos) ;
  if (ok) { stralloc_free(todo) ; *todo = next ; }
  else stralloc_free(&next) ;
  return ok ;
}

/* one component c of length n appended to cur and looked at: 1 go on,
   0 absent, -1 error; a link is read into link (len 0 if not a link) */
static int step (char const *root, stralloc *cur, char const *c, size_t n, stralloc *host, stralloc *link)
{
  struct stat st ;
  link->len = 0 ;
  if (!stralloc_catb(cur, "/", 1) || !stralloc_catb(cur, c, n) || !host_of(root, cur, host)) return -1 ;
  if (lstat(host->s, &st) < 0) return errno == ENOENT || errno == ENOTDIR ? 0 : -1 ;
  if (!S_ISLNK(st.st_mode)) return 1 ;
  if (!stralloc_ready(link, LINK_MAX_LEN)) return -1 ;
  {
    ssize_t r = readlink(host->s, link->s, LINK_MAX_LEN) ;
    if (r < 0) return -1 ;
    link->len = (size_t)r ;
  }
  return 1 ;
}

/* the component at todo[*pos..]: its length, *pos moved past it */
static size_t next_component (stralloc const *todo, size_t *pos, size_t *start)
{
  size_t end = *pos ;
  while (end < todo->len && todo->s[end] != '/') end++ ;
  *start = *pos ;
  *pos = end < todo->len ? end + 1 : end ;
  return end - *start ;
}

static int walk (char const *root, stralloc *todo, stralloc *cur, stralloc *host)
{
  stralloc link = STRALLOC_ZERO ;
  size_t pos = 0 ;
  unsigned int links = 0 ;
  int r = 1 ;
  while (r > 0 && pos < todo->len)
  {
    size_t start, n = next_component(todo, &pos, &start) ;
    char const *c = todo->s + start ;
    if (!n || (n == 1 && c[0] == '.')) continue ;
    if (n == 2 && c[0] == '.' && c[1] == '.') { pop(cur) ; continue ; }
    r = step(root, cur, c, n, host, &link) ;
    /* absent: cur says the whole path that was looked for */
    if (!r && pos < todo->len && (!stralloc_catb(cur, "/", 1) || !stralloc_catb(cur, todo->s + pos, todo->len - pos))) r = -1 ;
    if (r <= 0 || !link.len) continue ;
    if (++links > ROOTPATH_MAXLINKS) { errno = ELOOP ; r = 0 ; continue ; }
    pop(cur) ;
    if (link.s[0] == '/') cur->len = 0 ;
    if (!splice(todo, pos, link.s, link.len)) r = -1 ;
    pos = 0 ;
  }
  stralloc_free(&link) ;
  return r ;
}

int rootpath_resolve (char const *root, char const *path, stralloc *out)
{
  stralloc todo = STRALLOC_ZERO, cur = STRALLOC_ZERO ;
  int r = stralloc_cats(&todo, path) ? walk(root, &todo, &cur, out) : -1 ;
  if (r > 0 && !host_of(root, &cur, out)) r = -1 ;
  if (!r)
  {
    out->len = 0 ;
    while (cur.len > 1 && cur.s[cur.len - 1] == '/') cur.len-- ;
    if (!stralloc_catb(out, cur.s, cur.len) || (!out->len && !stralloc_catb(out, "/", 1)) || !stralloc_0(out)) r = -1 ;
  }
  stralloc_free(&todo) ;
  stralloc_free(&cur) ;
  return r ;
}
