/* bosun health: exit 0 when the container is healthy, 1 with one line on
   stderr naming what is not. Healthy means: stage 2 brought "top" up
   (its marker, BOSUN_STAGE2_DONE [B7]), and every longrun that should be
   up is up, and ready where it has a notification-fd [R5]: those of the
   rc state file, and the services.d ones [B11] unless they start down.
   Made for HEALTHCHECK CMD ["/command/bosun", "health"], so it stays cheap enough
   for every second: no fork, no lock wait, a few small reads under /run.
   Reads only; supervise/ is readable by the tree's owner only (0700, as
   in s6), so run it as that user (root, or the container's USER). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/tai.h>
#include <skalibs/types.h>
#include "applets.h"
#include "dirlist.h"
#include "legacy.h"
#include "paths.h"
#include "rc/rcparse.h"
#include "svsummary.h"

#define USAGE "bosun health"

/* every verdict other than healthy goes through here: one line, then 0 */
#define unhealthy(...) (strerr_warn(PROG, ": ", __VA_ARGS__), 0)

/* The boot transition holds the rc lock. Without the marker, a held lock
   (or none made yet) means the boot still runs; a free one means top's
   transition ended without success. The shared lock is only tried: it
   never waits, and a transition asking for it meanwhile waits
   microseconds. */
static int booted (void)
{
  int fd, busy, e ;
  if (access(BOSUN_STAGE2_DONE, F_OK) == 0) return 1 ;
  if (errno != ENOENT) return unhealthy("unable to check ", BOSUN_STAGE2_DONE, ": ", strerror(errno)) ;
  fd = open(BOSUN_RC_LOCK, O_RDONLY | O_CLOEXEC) ;
  if (fd < 0) return unhealthy("boot still in progress") ;
  busy = flock(fd, LOCK_SH | LOCK_NB) < 0 ;
  e = errno ;
  close(fd) ;
  if (busy && e == EWOULDBLOCK) return unhealthy("boot still in progress") ;
  if (busy) return unhealthy("boot still in progress? unable to try the lock ", BOSUN_RC_LOCK, ": ", strerror(e)) ;
  /* the marker is written just after the lock is released */
  if (access(BOSUN_STAGE2_DONE, F_OK) == 0) return 1 ;
  return unhealthy("boot failed: top did not come up (see the container's log, and bosun status)") ;
}

/* DIR/FILE into buf (NUL-terminated): its length, 0 when absent, -1 with
   errno set when unreadable */
static ssize_t readsmall (char const *dir, char const *file, char *buf, size_t max)
{
  char path[4096] ;
  ssize_t r ;
  if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path)) return (errno = ENAMETOOLONG, -1) ;
  r = openreadnclose(path, buf, max - 1) ;
  if (r < 0) return errno == ENOENT ? 0 : -1 ;
  buf[r] = 0 ;
  return r ;
}

/* DIR's notification-fd [R5]: 1 and *fd, 0 without one, -1 unreadable */
static int notification_fd (char const *dir, unsigned int *fd)
{
  char buf[32] ;
  ssize_t r = readsmall(dir, "notification-fd", buf, sizeof(buf)) ;
  if (r <= 0) return (int)r ;
  return rcparse_uint(buf, (size_t)r, 0x7fffffffu, fd) ;
}

/* "svc-x is down (exitcode 1, 4 restarts)", and the command that brings
   it back when it was wanted down: a services.d service is its
   supervisor's alone, legacy-services being up already [R9] */
static int down_verdict (char const *name, svsummary const *s, int legacy)
{
  char last[64], n[UINT64_FMT] ;
  char const *state = svsummary_state(s) ;
  char const *wanted = legacy ? ", wanted down: s6-svc -u /run/service/" : ", wanted down: s6-rc -u change " ;
  char const *fixname = name, *fixend = " brings it back" ;
  if (s->v.wantup) wanted = fixname = fixend = "" ;
  svsummary_death(last, sizeof(last), s) ;
  if (!s->hasrestarts) return unhealthy(name, " is ", state, " (", last, wanted, fixname, fixend, ")") ;
  n[uint64_fmt(n, s->restarts)] = 0 ;
  return unhealthy(name, " is ", state, " (", last, ", ", n, s->restarts == 1 ? " restart" : " restarts", wanted, fixname, fixend, ")") ;
}

/* one longrun that should be up: up, and ready if it has a notification-fd */
static int longrun_ok (char const *dir, char const *name, tain const *now, int legacy)
{
  svsummary s ;
  unsigned int fd ;
  int hasfd ;
  char fdfmt[UINT_FMT], since[UINT64_FMT] ;
  if (!svsummary_load(&s, dir, now))
    return unhealthy(name, ": unable to read ", dir, "/supervise/status: ", strerror(s.err),
      s.err == EACCES ? " (supervise/ is the tree owner's only: run bosun health as that user)" : " (is its supervisor running?)") ;
  if (!svsummary_up(&s)) return down_verdict(name, &s, legacy) ;
  hasfd = notification_fd(dir, &fd) ;
  if (hasfd < 0) return unhealthy(name, ": unable to read ", dir, "/notification-fd: ", strerror(errno)) ;
  if (!hasfd || s.v.ready) return 1 ;
  fdfmt[uint_fmt(fdfmt, fd)] = 0 ;
  since[uint64_fmt(since, s.v.updownfor)] = 0 ;
  return unhealthy("not ready: ", name, " (up ", since, " s, waiting for readiness on fd ", fdfmt, ")") ;
}

/* one name of the state file: only longruns are checked (the built-ins
   have no live copy, oneshots are done once they are in the file) */
static int rc_service_ok (char const *name, tain const *now)
{
  char dir[4096], type[64] ;
  ssize_t r ;
  int untidy ;
  if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", BOSUN_RC_SERVICEDIRS, name) >= sizeof(dir)) return unhealthy(name, ": name too long") ;
  r = readsmall(dir, "type", type, sizeof(type)) ;
  if (r < 0) return unhealthy(name, ": unable to read ", dir, "/type: ", strerror(errno)) ;
  if (!r || rcparse_type(type, (size_t)r, &untidy) != RC_LONGRUN) return 1 ;
  return longrun_ok(dir, name, now, 0) ;
}

/* every longrun of the state file; *legacy set when legacy-services is up */
static int rc_ok (tain const *now, int *legacy)
{
  stralloc sa = STRALLOC_ZERO ;
  int ok = 1 ;
  *legacy = 0 ;
  if (!openslurpclose(&sa, BOSUN_RC_STATE))
    return errno == ENOENT || unhealthy("unable to read ", BOSUN_RC_STATE, ": ", strerror(errno)) ;
  for (size_t start = 0, i = 0 ; ok && i < sa.len ; i++)
  {
    if (sa.s[i] != '\n') continue ;
    sa.s[i] = 0 ;
    if (!strcmp(sa.s + start, "legacy-services")) *legacy = 1 ;
    else ok = rc_service_ok(sa.s + start, now) ;
    start = i + 1 ;
  }
  stralloc_free(&sa) ;
  return ok ;
}

/* the services.d copies [B11], except those that start down (a down file) */
static int legacy_ok (tain const *now)
{
  dirlist dl = DIRLIST_ZERO ;
  int ok = 1 ;
  if (!dirlist_read(&dl, LEGACY_SERVICES_COPY))
  {
    int e = errno ;
    dirlist_free(&dl) ;
    return unhealthy("unable to read ", LEGACY_SERVICES_COPY, ": ", strerror(e)) ;
  }
  dirlist_sort(&dl) ;
  for (size_t i = 0 ; ok && i < dl.n ; i++)
  {
    char dir[4096], down[4096] ;
    char const *name = dirlist_name(&dl, i) ;
    if ((size_t)snprintf(dir, sizeof(dir), "%s/%s", LEGACY_SERVICES_COPY, name) >= sizeof(dir)
     || (size_t)snprintf(down, sizeof(down), "%s/down", dir) >= sizeof(down)) continue ;
    if (access(down, F_OK) == 0) continue ;
    ok = longrun_ok(dir, name, now, 1) ;
  }
  dirlist_free(&dl) ;
  return ok ;
}

/* [R9]: top came up, so legacy-services went down since (with a service
   of user it depends on, s6-rc said so then); its copies say whether it
   has services to bring back */
static int legacy_gone (void)
{
  dirlist dl = DIRLIST_ZERO ;
  int any ;
  if (!dirlist_read(&dl, LEGACY_SERVICES_COPY)) return errno == ENOENT || unhealthy("unable to read ", LEGACY_SERVICES_COPY, ": ", strerror(errno)) ;
  any = dl.n > 0 ;
  dirlist_free(&dl) ;
  if (!any) return 1 ;
  return unhealthy("legacy-services is down, and the services.d services with it: s6-rc -u change legacy-services brings them back") ;
}

int health_main (int argc, char const *const *argv, char const *const *envp)
{
  tain now ;
  int legacy ;
  (void)argv ;
  (void)envp ;
  PROG = "bosun: health" ;
  if (argc > 1) strerr_dieusage(100, USAGE) ;
  if (!tain_wallclock_read(&now)) strerr_diefu1sys(111, "read the clock") ;
  if (!booted() || !rc_ok(&now, &legacy)) return 1 ;
  if (!legacy) return !legacy_gone() ;
  return !legacy_ok(&now) ;
}
