/* s6-setuidgid ACCOUNT PROG...: run PROG as another user [V4].
   ACCOUNT is a user name (uid, gid and supplementary groups from /etc/passwd
   and /etc/group), "uid:gid" (numbers, no lookup, no supplementary groups:
   works in an image without /etc), or "user:group" with names or numbers on
   either side (s6 only takes numbers there). "" runs PROG unchanged.
   Exit 1 for an unknown user or group, as s6 does. */
#include <string.h>
#include <skalibs/exec.h>
#include <skalibs/strerr.h>
#include "account.h"
#include "applets.h"

#define USAGE "s6-setuidgid ACCOUNT PROG..."

static gid_t groups[ACCOUNT_MAXGROUPS] ;

/* A lone "1000" is a name, as in s6: a number alone would leave the gid
   to guess. Numbers are taken in the "uid:gid" form only. */
static uid_t user_part (char const *account, size_t len, int numeric, gid_t *gid)
{
  char name[len + 1] ;
  unsigned int id ;
  uid_t uid ;
  int r ;
  if (numeric && account_id_scan(account, len, &id)) return (uid_t)id ;
  memcpy(name, account, len) ;
  name[len] = 0 ;
  r = account_user(name, &uid, gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find user ", name) ;
  if (!r) strerr_dief(1, "unknown user: ", name, ", add it to /etc/passwd or give a numeric uid:gid") ;
  return uid ;
}

static gid_t group_part (char const *group)
{
  unsigned int id ;
  gid_t gid ;
  int r ;
  if (account_id_scan(group, strlen(group), &id)) return (gid_t)id ;
  r = account_group(group, &gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/group to find group ", group) ;
  if (!r) strerr_dief(1, "unknown group: ", group, ", add it to /etc/group or give a numeric gid") ;
  return gid ;
}

/* A named user gets its groups from /etc/group; a numeric uid gets none. */
static size_t supplementary (char const *account, size_t len, int numeric, gid_t gid)
{
  char name[len + 1] ;
  unsigned int id ;
  size_t n = 0 ;
  if (numeric && account_id_scan(account, len, &id)) return 0 ;
  memcpy(name, account, len) ;
  name[len] = 0 ;
  if (!account_supplementary(name, gid, groups, ACCOUNT_MAXGROUPS, &n))
    strerr_diefusys(111, "read the groups of user ", name, " in /etc/group") ;
  return n ;
}

int s6_setuidgid_main (int argc, char const *const *argv, char const *const *envp)
{
  char const *account ;
  char const *colon ;
  size_t userlen, n ;
  uid_t uid ;
  gid_t gid = 0 ;
  PROG = "s6-setuidgid" ;
  if (argc < 3) strerr_dieusage(100, USAGE) ;
  account = argv[1] ;
  if (!*account) xexec_e(argv + 2, envp) ;
  colon = strchr(account, ':') ;
  userlen = colon ? (size_t)(colon - account) : strlen(account) ;
  if (colon && !userlen) strerr_dieusage(100, USAGE) ;
  uid = user_part(account, userlen, !!colon, &gid) ;
  if (colon) gid = group_part(colon + 1) ;
  n = supplementary(account, userlen, !!colon, gid) ;
  if (!account_apply(uid, gid, groups, n))
    strerr_diefusys(111, "switch to account ", account, " (only root can)") ;
  xexec_e(argv + 2, envp) ;
}
