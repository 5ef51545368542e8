/* s6-envuidgid [-u|-g|-B] [-n] [-i|-D uid:gid:gidlist] ACCOUNT PROG...:
   put an account's ids into UID, GID and GIDLIST, then exec PROG [V4].
   Default: ACCOUNT is a user; UID, GID and GIDLIST (its other groups in
   /etc/group) are set. -u: a user, UID only. -g: a group, GID only.
   -B: "user:group", UID and GID, an empty side is 0. -n: numbers are taken
   as ids (and without -u/-g it means -B). -D: the ids to use for an unknown
   account instead of failing; -i: fail (the default). Exit 1 for an
   unknown account, as s6 does. */
#include <string.h>
#include <skalibs/exec.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "account.h"
#include "applets.h"

#define USAGE "s6-envuidgid [ -i | -D defaultuid:defaultgid:defaultgidlist ] [ -u | -g | -B ] [ -n ] account prog..."

struct opts
{
  char mode ;  /* 'a' account, 'u', 'g', 'B' */
  int numeric ;
  int hasdef ;
  uid_t defuid ;
  gid_t defgid ;
  gid_t deflist[ACCOUNT_MAXGROUPS] ;
  size_t ndeflist ;
} ;

static stralloc modifs = STRALLOC_ZERO ;

static void add_id (char const *name, unsigned int id)
{
  char fmt[UINT_FMT] ;
  size_t len = uint_fmt(fmt, id) ;
  if (!stralloc_cats(&modifs, name) || !stralloc_catb(&modifs, "=", 1)
   || !stralloc_catb(&modifs, fmt, len) || !stralloc_0(&modifs))
    strerr_diefusys(111, "build the environment") ;
}

static void add_list (gid_t const *list, size_t n)
{
  char fmt[ACCOUNT_GIDLIST_FMT] ;
  size_t len = account_gidlist_fmt(fmt, list, n) ;
  if (!stralloc_cats(&modifs, "GIDLIST=") || !stralloc_catb(&modifs, fmt, len) || !stralloc_0(&modifs))
    strerr_diefusys(111, "build the environment") ;
}

/* -n with -u or -g reads the leading digits, as s6 does ("12:3" is 12). */
static int numeric_prefix (char const *s, unsigned int *id)
{
  size_t len = 0 ;
  while (s[len] >= '0' && s[len] <= '9') len++ ;
  return account_id_scan(s, len, id) ;
}

static void user_id (struct opts const *o, char const *name, int prefix, uid_t *uid)
{
  unsigned int id ;
  gid_t gid ;
  int r ;
  if (o->numeric && (prefix ? numeric_prefix(name, &id) : account_id_scan(name, strlen(name), &id)))
  {
    *uid = id ;
    return ;
  }
  r = account_user(name, uid, &gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find user ", name) ;
  if (!r && o->hasdef) { *uid = o->defuid ; return ; }
  if (!r) strerr_dief(1, "unknown user: ", name, ", add it to /etc/passwd or give -D") ;
}

static void group_id (struct opts const *o, char const *name, int prefix, gid_t *gid)
{
  unsigned int id ;
  int r ;
  if (o->numeric && (prefix ? numeric_prefix(name, &id) : account_id_scan(name, strlen(name), &id)))
  {
    *gid = id ;
    return ;
  }
  r = account_group(name, gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/group to find group ", name) ;
  if (!r && o->hasdef) { *gid = o->defgid ; return ; }
  if (!r) strerr_dief(1, "unknown group: ", name, ", add it to /etc/group or give -D") ;
}

/* "user:group": the group is resolved first, as s6 does, and an empty
   side takes the default id (0 without -D). */
static void both (struct opts const *o, char const *account)
{
  char const *colon = strchr(account, ':') ;
  size_t userlen = colon ? (size_t)(colon - account) : strlen(account) ;
  char user[userlen + 1] ;
  uid_t uid = o->hasdef ? o->defuid : 0 ;
  gid_t gid = o->hasdef ? o->defgid : 0 ;
  memcpy(user, account, userlen) ;
  user[userlen] = 0 ;
  if (colon && colon[1]) group_id(o, colon + 1, 0, &gid) ;
  if (userlen) user_id(o, user, 0, &uid) ;
  add_id("UID", uid) ;
  add_id("GID", gid) ;
}

static void whole_account (struct opts const *o, char const *account)
{
  gid_t list[ACCOUNT_MAXGROUPS] ;
  size_t n ;
  uid_t uid ;
  gid_t gid ;
  int r = account_user(account, &uid, &gid) ;
  if (r < 0) strerr_diefusys(111, "read /etc/passwd to find user ", account) ;
  if (!r)
  {
    if (!o->hasdef) strerr_dief(1, "unknown user: ", account, ", add it to /etc/passwd or give -D") ;
    add_id("UID", o->defuid) ;
    add_id("GID", o->defgid) ;
    add_list(o->deflist, o->ndeflist) ;
    return ;
  }
  if (!account_supplementary(account, gid, list, ACCOUNT_MAXGROUPS, &n))
    strerr_diefusys(111, "read the groups of user ", account, " in /etc/group") ;
  add_id("UID", uid) ;
  add_id("GID", gid) ;
  add_list(list, n) ;
}

int s6_envuidgid_main (int argc, char const *const *argv, char const *const *envp)
{
  static struct opts o = { .mode = 'a' } ;
  subgetopt l = SUBGETOPT_ZERO ;
  PROG = "s6-envuidgid" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "ugBniD:", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'u' : case 'g' : case 'B' : o.mode = (char)opt ; break ;
      case 'n' : o.numeric = 1 ; break ;
      case 'i' : o.hasdef = 0 ; break ;
      case 'D' :
        if (!account_triple_scan(l.arg, &o.defuid, &o.defgid, o.deflist, ACCOUNT_MAXGROUPS, &o.ndeflist))
          strerr_dieusage(100, USAGE) ;
        o.hasdef = 1 ;
        break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (argc < 2) strerr_dieusage(100, USAGE) ;
  if (o.mode == 'a' && o.numeric) o.mode = 'B' ;
  switch (o.mode)
  {
    case 'u' : { uid_t uid ; user_id(&o, argv[0], 1, &uid) ; add_id("UID", uid) ; break ; }
    case 'g' : { gid_t gid ; group_id(&o, argv[0], 1, &gid) ; add_id("GID", gid) ; break ; }
    case 'B' : both(&o, argv[0]) ; break ;
    default : whole_account(&o, argv[0]) ; break ;
  }
  xmexec_em(argv + 1, envp, modifs.s, modifs.len) ;
}
