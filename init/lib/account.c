#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>
#include <skalibs/types.h>
#include "account.h"

/* 1 when s[0..len) is a whole decimal id that fits in 32 bits minus the
   (uid_t)-1 that the kernel reads as "leave unchanged". */
int account_id_scan (char const *s, size_t len, unsigned int *id)
{
  unsigned long long v = 0 ;
  if (!len || len > 10) return 0 ;
  for (size_t i = 0 ; i < len ; i++)
  {
    if (s[i] < '0' || s[i] > '9') return 0 ;
    v = v * 10 + (unsigned int)(s[i] - '0') ;
  }
  if (v >= 0xffffffffULL) return 0 ;
  *id = (unsigned int)v ;
  return 1 ;
}

/* "g1,g2,...": the whole string must be ids; "" is the empty list.
   0 (errno EINVAL or E2BIG) on a bad list. */
int account_gidlist_scan (char const *s, gid_t *list, size_t max, size_t *n)
{
  size_t count = 0 ;
  if (!*s) { *n = 0 ; return 1 ; }
  for (;;)
  {
    size_t len = strcspn(s, ",") ;
    unsigned int id ;
    if (!account_id_scan(s, len, &id)) return (errno = EINVAL, 0) ;
    if (count == max) return (errno = E2BIG, 0) ;
    list[count++] = (gid_t)id ;
    if (!s[len]) break ;
    s += len + 1 ;
  }
  *n = count ;
  return 1 ;
}

/* Writes the list without a terminator; s needs ACCOUNT_GIDLIST_FMT bytes. */
size_t account_gidlist_fmt (char *s, gid_t const *list, size_t n)
{
  size_t len = 0 ;
  for (size_t i = 0 ; i < n ; i++)
  {
    if (i) s[len++] = ',' ;
    len += gid_fmt(s + len, list[i]) ;
  }
  return len ;
}

/* s6-envuidgid's -D argument: "uid[:gid[:gidlist]]", missing parts 0/empty. */
int account_triple_scan (char const *s, uid_t *uid, gid_t *gid, gid_t *list, size_t max, size_t *n)
{
  unsigned int u, g = 0 ;
  size_t len = strcspn(s, ":") ;
  if (!account_id_scan(s, len, &u)) return 0 ;
  *n = 0 ;
  if (s[len])
  {
    s += len + 1 ;
    len = strcspn(s, ":") ;
    if (!account_id_scan(s, len, &g)) return 0 ;
    if (s[len] && !account_gidlist_scan(s + len + 1, list, max, n)) return 0 ;
  }
  *uid = (uid_t)u ;
  *gid = (gid_t)g ;
  return 1 ;
}

/* musl reports "no such entry" with a null pointer and errno 0 or ENOENT
   (an image without /etc/passwd has no entries); anything else is an error. */
static int lookup_failed (void)
{
  return errno && errno != ENOENT && errno != ESRCH ? -1 : 0 ;
}

/* 1 found, 0 unknown, -1 error reading the database */
int account_user (char const *name, uid_t *uid, gid_t *gid)
{
  struct passwd *pw ;
  errno = 0 ;
  pw = getpwnam(name) ;
  if (!pw) return lookup_failed() ;
  *uid = pw->pw_uid ;
  *gid = pw->pw_gid ;
  return 1 ;
}

int account_group (char const *name, gid_t *gid)
{
  struct group *gr ;
  errno = 0 ;
  gr = getgrnam(name) ;
  if (!gr) return lookup_failed() ;
  *gid = gr->gr_gid ;
  return 1 ;
}

static int is_member (char *const *members, char const *user)
{
  for (; *members ; members++) if (!strcmp(*members, user)) return 1 ;
  return 0 ;
}

static int listed (gid_t const *list, size_t n, gid_t gid)
{
  for (size_t i = 0 ; i < n ; i++) if (list[i] == gid) return 1 ;
  return 0 ;
}

/* The groups of /etc/group that list user as a member, without the primary
   group (already the gid) and without duplicates. 0 on error. */
int account_supplementary (char const *user, gid_t primary, gid_t *list, size_t max, size_t *n)
{
  size_t count = 0 ;
  int ok = 1 ;
  setgrent() ;
  for (;;)
  {
    struct group *gr ;
    errno = 0 ;
    gr = getgrent() ;
    if (!gr) { if (lookup_failed() < 0) ok = 0 ; break ; }
    if (gr->gr_gid == primary || !is_member(gr->gr_mem, user) || listed(list, count, gr->gr_gid)) continue ;
    if (count == max) { errno = E2BIG ; ok = 0 ; break ; }
    list[count++] = gr->gr_gid ;
  }
  endgrent() ;
  *n = count ;
  return ok ;
}

/* Groups first, then gid, then uid: after setuid nothing else is allowed.
   Returns 0 and sets errno on failure; the caller says which step. */
int account_apply (uid_t uid, gid_t gid, gid_t const *list, size_t n)
{
  return setgroups(n, list) == 0 && setgid(gid) == 0 && setuid(uid) == 0 ;
}
