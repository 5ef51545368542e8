#include <errno.h>
#include <stdio.h>
#include <skalibs/iopause.h>
#include <skalibs/tai.h>
#include "svlisten.h"
#include "svstatus.h"

static void check (svlisten *l)
{
  switch (l->want)
  {
    case 'u' : l->done = l->up ; break ;
    case 'U' : l->done = l->up && l->ready ; break ;
    case 'd' : l->done = !l->up ; break ;
    /* while down, the ready flag says that finish is done */
    case 'D' : l->done = !l->up && l->ready ; break ;
    default : break ;  /* r and R need an event */
  }
}

void svlisten_event (svlisten *l, char ev)
{
  if (l->done) return ;
  switch (ev)
  {
    case 'u' : l->up = 1 ; l->ready = 0 ; if (l->want == 'r') l->done = 1 ; break ;
    case 'U' : l->up = 1 ; l->ready = 1 ; if (l->want == 'r' || l->want == 'R') l->done = 1 ; break ;
    case 'd' : l->up = 0 ; l->ready = 0 ; break ;
    case 'D' : l->up = 0 ; l->ready = 1 ; break ;
    case 'x' : l->died = 1 ; return ;
    /* O: the service will not be restarted; only a wait for up fails */
    case 'O' : if (l->want != 'd' && l->want != 'D') l->failed = 1 ; return ;
    default : return ;
  }
  if (!l->done) check(l) ;
}

int svlisten_start (svlisten *l, char const *dir, char want, char const **what)
{
  char event[4096] ;
  svstatus st ;
  fifodir_sub zero = FIFODIR_SUB_ZERO ;
  l->dir = dir ; l->want = want ;
  l->up = l->ready = l->done = l->died = l->failed = 0 ;
  l->sub = zero ;
  *what = "subscribe to events in " ;
  if ((size_t)snprintf(event, sizeof(event), "%s/event", dir) >= sizeof(event)) return (errno = ENAMETOOLONG, 0) ;
  if (!fifodir_subscribe(&l->sub, event)) return 0 ;
  *what = "read the status of " ;
  if (!svstatus_read(dir, &st))
  {
    int e = errno ;
    fifodir_unsubscribe(&l->sub) ;
    errno = e ;
    return 0 ;
  }
  l->up = st.pid && !(st.flags & SVSTATUS_FINISHING) ;
  l->ready = !!(st.flags & SVSTATUS_READY) ;
  check(l) ;
  return 1 ;
}

void svlisten_end (svlisten *l)
{
  fifodir_unsubscribe(&l->sub) ;
}

/* SVLISTEN_OK when the wait is over with success, SVLISTEN_FAILED when it
   cannot succeed any more, -1 to keep waiting */
static int verdict (svlisten const *l, unsigned int n, int all)
{
  unsigned int done = 0, bad = 0 ;
  for (unsigned int i = 0 ; i < n ; i++)
  {
    if (l[i].done) done++ ;
    else if (l[i].died || l[i].failed) bad++ ;
  }
  if (all ? done == n : done > 0) return SVLISTEN_OK ;
  if (all ? bad > 0 : bad == n) return SVLISTEN_FAILED ;
  return -1 ;
}

static int drain (svlisten *l)
{
  char buf[256] ;
  for (;;)
  {
    ssize_t r = fifodir_read(&l->sub, buf, sizeof(buf)) ;
    if (r < 0) return 0 ;
    if (!r) return 1 ;
    for (ssize_t i = 0 ; i < r ; i++) svlisten_event(l, buf[i]) ;
  }
}

int svlisten_wait (svlisten *l, unsigned int n, int all, tain const *deadline)
{
  iopause_fd x[n ? n : 1] ;
  for (;;)
  {
    int r = verdict(l, n, all) ;
    if (r >= 0) return r ;
    for (unsigned int i = 0 ; i < n ; i++) { x[i].fd = l[i].sub.fd ; x[i].events = IOPAUSE_READ ; }
    r = iopause_g(x, n, deadline) ;
    if (r < 0) return SVLISTEN_ERROR ;
    if (!r) return SVLISTEN_TIMEOUT ;
    for (unsigned int i = 0 ; i < n ; i++)
      if (x[i].revents && !drain(&l[i])) return SVLISTEN_ERROR ;
  }
}
