#include <errno.h>
#include <signal.h>
#include <string.h>
#include <skalibs/djbunix.h>
#include <skalibs/sig.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "svconf.h"

/* digits only, optionally followed by blanks and newlines */
int svconf_parse_uint (char const *s, unsigned int *u)
{
  size_t n = uint_scan(s, u) ;
  if (!n) return 0 ;
  for (s += n ; *s ; s++) if (!strchr(" \t\r\n", *s)) return 0 ;
  return 1 ;
}

/* "SIGTERM", "TERM" or "15", like s6's down-signal */
int svconf_parse_signal (char const *s, int *sig)
{
  char name[32] ;
  size_t len = strcspn(s, " \t\r\n") ;
  unsigned int u ;
  if (!len || len >= sizeof(name) || s[len + strspn(s + len, " \t\r\n")]) return 0 ;
  memcpy(name, s, len) ;
  name[len] = 0 ;
  if (svconf_parse_uint(name, &u)) { if (!u || u >= 65) return 0 ; *sig = (int)u ; return 1 ; }
  {
    int r = sig_number(strncmp(name, "SIG", 3) ? name : name + 3) ;
    if (r <= 0) return 0 ;
    *sig = r ;
  }
  return 1 ;
}

/* 1: file read into buf; 0: no file (or empty); -1: unreadable */
static int read_small (char const *file, char *buf, size_t max)
{
  ssize_t r = openreadnclose(file, buf, max - 1) ;
  if (r < 0) return errno == ENOENT ? 0 : -1 ;
  buf[r] = 0 ;
  return r > 0 ;
}

static void warn_bad (char const *name, char const *file, char const *want)
{
  strerr_warnw("service ", name, ": ignoring ", file, ": it should hold ", want) ;
}

static void read_uint (char const *name, char const *file, unsigned int *u, unsigned int max)
{
  char buf[64] ;
  int r = read_small(file, buf, sizeof(buf)) ;
  unsigned int v ;
  if (!r) return ;
  if (r < 0) { strerr_warnwu("read ", file, " of service ", name) ; return ; }
  if (!svconf_parse_uint(buf, &v) || v > max) { warn_bad(name, file, "a number of milliseconds") ; return ; }
  *u = v ;
}

void svconf_read (svconf *c, char const *name)
{
  char buf[64] ;
  unsigned int fd = 0 ;
  int r ;
  c->notif_fd = -1 ;
  c->timeout_kill = 0 ;
  c->timeout_finish = SVCONF_TIMEOUT_FINISH ;
  c->down_signal = SIGTERM ;
  c->max_death_tally = SVCONF_MAX_DEATH_TALLY ;
  read_uint(name, "timeout-kill", &c->timeout_kill, 86400000) ;
  read_uint(name, "timeout-finish", &c->timeout_finish, 86400000) ;
  read_uint(name, "max-death-tally", &c->max_death_tally, SVCONF_MAX_DEATH_TALLY_MAX) ;
  r = read_small("notification-fd", buf, sizeof(buf)) ;
  if (r < 0) strerr_warnwu("read notification-fd of service ", name) ;
  else if (r)
  {
    /* s6 accepts 1 too (it then replaces the logging pipe): so do we */
    if (!svconf_parse_uint(buf, &fd) || fd > 1023) warn_bad(name, "notification-fd", "a file descriptor number") ;
    else c->notif_fd = (int)fd ;
  }
  r = read_small("down-signal", buf, sizeof(buf)) ;
  if (r < 0) strerr_warnwu("read down-signal of service ", name) ;
  else if (r && !svconf_parse_signal(buf, &c->down_signal))
    warn_bad(name, "down-signal", "a signal name like SIGTERM or TERM, or a number") ;
}
