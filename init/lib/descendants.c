#include <errno.h>
#include <stdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/allreadwrite.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/types.h>
#include "descendants.h"

static pid_t const *sort_pids ;
static int by_pid (void const *a, void const *b)
{
  pid_t x = sort_pids[*(size_t const *)a], y = sort_pids[*(size_t const *)b] ;
  return (x > y) - (x < y) ;
}

static size_t find_index (pid_t pid, pid_t const *pids, size_t const *order, size_t n)
{
  size_t lo = 0, hi = n ;
  while (lo < hi)
  {
    size_t mid = lo + (hi - lo) / 2 ;
    if (pids[order[mid]] < pid) lo = mid + 1 ; else hi = mid ;
  }
  return lo < n && pids[order[lo]] == pid ? order[lo] : n ;
}

/* Marks (1) every pid whose chain of parents reaches root, and returns how
   many. Each chain is walked once: what a walk learns is kept (1 yes, 2 no),
   so this is n log n however deep the tree. */
size_t descendants_mark (pid_t root, pid_t const *pids, pid_t const *ppids, size_t n, unsigned char *mark)
{
  size_t count = 0 ;
  size_t *order = malloc((2 * n + 1) * sizeof(size_t)) ;
  size_t *chain = order ? order + n : 0 ;
  memset(mark, 0, n) ;
  if (!order) return 0 ;
  for (size_t i = 0 ; i < n ; i++) order[i] = i ;
  sort_pids = pids ;
  qsort(order, n, sizeof(size_t), &by_pid) ;
  for (size_t i = 0 ; i < n ; i++)
  {
    size_t len = 0, cur = i ;
    unsigned char verdict = 2 ;
    while (cur < n && !mark[cur] && len < n)
    {
      if (pids[cur] == root) break ;
      chain[len++] = cur ;
      if (ppids[cur] == root) { verdict = 1 ; cur = n ; break ; }
      cur = find_index(ppids[cur], pids, order, n) ;
    }
    if (cur < n && mark[cur]) verdict = mark[cur] ;
    for (size_t j = 0 ; j < len ; j++)
    {
      mark[chain[j]] = verdict ;
      if (verdict == 1) count++ ;
    }
  }
  for (size_t i = 0 ; i < n ; i++) if (mark[i] != 1) mark[i] = 0 ;
  free(order) ;
  return count ;
}

/* The ppid is the 4th field of /proc/PID/stat, after the command name in
   parentheses, which may itself contain spaces and parentheses. */
int proc_stat_ppid (char const *stat, size_t len, pid_t *ppid)
{
  char const *p = stat + len ;
  unsigned int u ;
  size_t r ;
  while (p > stat && p[-1] != ')') p-- ;
  if (p == stat) return 0 ;
  if (stat + len - p < 5 || p[0] != ' ' || p[2] != ' ') return 0 ;
  r = uint_scan(p + 3, &u) ;
  if (!r) return 0 ;
  *ppid = (pid_t)u ;
  return 1 ;
}

/* A zombie (Z, or X while it goes) is no process left to wait for: it
   has no children (they were re-parented when it died) and no signal
   reaches it; its parent, PID 1 often, reaps it. */
int proc_stat_dead (char const *stat, size_t len)
{
  char const *p = stat + len ;
  while (p > stat && p[-1] != ')') p-- ;
  if (stat + len - p < 2) return 0 ;
  return p[1] == 'Z' || p[1] == 'X' ;
}

static int read_procs (pid_t **pids, pid_t **ppids, size_t *n)
{
  size_t cap = 0 ;
  DIR *d = opendir("/proc") ;
  if (!d) return 0 ;
  *n = 0 ;
  for (;;)
  {
    char path[32], buf[512] ;
    unsigned int pid ;
    ssize_t r ;
    direntry *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (!uint_scan(de->d_name, &pid) || strlen(de->d_name) > 10) continue ;
    if ((size_t)snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name) >= sizeof(path)) continue ;
    r = openreadnclose(path, buf, sizeof(buf)) ;
    if (r <= 0) continue ;
    if (*n == cap)
    {
      pid_t *np, *npp ;
      cap = cap ? 2 * cap : 256 ;
      np = realloc(*pids, cap * sizeof(pid_t)) ;
      if (!np) break ;
      *pids = np ;
      npp = realloc(*ppids, cap * sizeof(pid_t)) ;
      if (!npp) break ;
      *ppids = npp ;
    }
    if (!proc_stat_ppid(buf, (size_t)r, &(*ppids)[*n]) || proc_stat_dead(buf, (size_t)r)) continue ;
    (*pids)[(*n)++] = (pid_t)pid ;
  }
  dir_close(d) ;
  return 1 ;
}

/* Returns the number of processes signalled, -1 if /proc cannot be read.
   root 0 means every process but the caller: PID 1 sparing one process,
   which kill(-1) cannot do [S6]. spare 0 spares nothing. */
int descendants_signal_but (pid_t root, pid_t spare, int sig)
{
  pid_t *pids = 0, *ppids = 0 ;
  unsigned char *mark ;
  size_t n = 0 ;
  int count = 0 ;
  pid_t self = getpid() ;
  if (!read_procs(&pids, &ppids, &n)) return -1 ;
  mark = malloc(n + 1) ;
  if (!mark) { free(pids) ; free(ppids) ; return -1 ; }
  if (root) descendants_mark(root, pids, ppids, n, mark) ;
  else for (size_t i = 0 ; i < n ; i++) mark[i] = pids[i] != self ;
  for (size_t i = 0 ; i < n ; i++)
    if (mark[i] && (!spare || pids[i] != spare) && !kill(pids[i], sig)) count++ ;
  free(mark) ; free(pids) ; free(ppids) ;
  return count ;
}

/* Whether the caller has a child other than spare, from
   /proc/self/task/PID/children (single-threaded: the task is the
   process). Every descendant has a living child of the caller among its
   ancestors, since orphans come back to a subreaper or PID 1: so this
   answers for descendants too, reading one small file instead of all of
   /proc. -1 when the kernel does not have that file. */
int descendants_children_left (pid_t spare)
{
  char path[48], buf[4096] ;
  pid_t self = getpid() ;
  int fd, found = 0 ;
  size_t len = 0 ;
  if ((size_t)snprintf(path, sizeof(path), "/proc/%d/task/%d/children", (int)self, (int)self) >= sizeof(path)) return -1 ;
  fd = open_readb(path) ;
  if (fd < 0) return -1 ;
  while (!found)
  {
    ssize_t r = fd_read(fd, buf + len, sizeof(buf) - 1 - len) ;
    size_t start = 0 ;
    if (r <= 0) break ;
    len += (size_t)r ;
    for (size_t i = 0 ; i < len && !found ; i++)
    {
      unsigned int pid ;
      if (buf[i] != ' ' && buf[i] != '\n') continue ;
      buf[i] = 0 ;
      if (uint_scan(buf + start, &pid) && (pid_t)pid != spare) found = 1 ;
      start = i + 1 ;
    }
    memmove(buf, buf + start, len - start) ;
    len -= start ;
  }
  if (!found && len)
  {
    unsigned int pid ;
    buf[len] = 0 ;
    found = uint_scan(buf, &pid) && (pid_t)pid != spare ;
  }
  fd_close(fd) ;
  return found ;
}

int descendants_signal (pid_t root, int sig)
{
  return descendants_signal_but(root, 0, sig) ;
}
