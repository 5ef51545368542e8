/* s6-applyuidgid [-z] [-u uid] [-g gid] [-G gidlist] [-U] PROG...: set the
   given ids, then exec PROG [V4]. -U takes UID, GID and GIDLIST from the
   environment (as s6-envuidgid sets them); options after it override it.
   -z removes those three variables from PROG's environment. Only what is
   given changes. */
#include <string.h>
#include <skalibs/env.h>
#include <skalibs/exec.h>
#include <skalibs/sgetopt.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include <grp.h>
#include <unistd.h>
#include "account.h"
#include "applets.h"

#define USAGE "s6-applyuidgid [ -z ] [ -u uid ] [ -g gid ] [ -G gidlist ] [ -U ] prog..."

struct want
{
  uid_t uid ;
  gid_t gid ;
  gid_t groups[ACCOUNT_MAXGROUPS] ;
  size_t ngroups ;
  unsigned int hasuid : 1 ;
  unsigned int hasgid : 1 ;
  unsigned int hasgroups : 1 ;
} ;

static unsigned int id_arg (char const *s)
{
  unsigned int id ;
  if (!account_id_scan(s, strlen(s), &id)) strerr_dieusage(100, USAGE) ;
  return id ;
}

static char const *need_var (char const *const *envp, char const *name)
{
  char const *v = env_get2(envp, name) ;
  if (!v) strerr_dief(100, name, " not set, run s6-envuidgid before s6-applyuidgid -U or give -u, -g and -G") ;
  return v ;
}

static void from_env (struct want *w, char const *const *envp)
{
  char const *uid = need_var(envp, "UID") ;
  char const *gid = need_var(envp, "GID") ;
  char const *list = need_var(envp, "GIDLIST") ;
  unsigned int id ;
  if (!account_id_scan(uid, strlen(uid), &id)) strerr_dief(100, "invalid $UID: ", uid, ", it must be a number") ;
  w->uid = id ;
  if (!account_id_scan(gid, strlen(gid), &id)) strerr_dief(100, "invalid $GID: ", gid, ", it must be a number") ;
  w->gid = id ;
  if (!account_gidlist_scan(list, w->groups, ACCOUNT_MAXGROUPS, &w->ngroups))
    strerr_dief(100, "invalid $GIDLIST: ", list, ", it must be numbers separated by commas") ;
  w->hasuid = w->hasgid = w->hasgroups = 1 ;
}

static void apply (struct want const *w)
{
  char fmt[UINT_FMT] ;
  if (w->hasgroups && setgroups(w->ngroups, w->groups) < 0)
    strerr_diefusys(111, "set the supplementary groups (only root can)") ;
  fmt[gid_fmt(fmt, w->gid)] = 0 ;
  if (w->hasgid && setgid(w->gid) < 0) strerr_diefusys(111, "set gid ", fmt, " (only root can)") ;
  fmt[uid_fmt(fmt, w->uid)] = 0 ;
  if (w->hasuid && setuid(w->uid) < 0) strerr_diefusys(111, "set uid ", fmt, " (only root can)") ;
}

int s6_applyuidgid_main (int argc, char const *const *argv, char const *const *envp)
{
  static struct want w ;
  subgetopt l = SUBGETOPT_ZERO ;
  int unexport = 0 ;
  PROG = "s6-applyuidgid" ;
  for (;;)
  {
    int opt = subgetopt_r(argc, argv, "zu:g:G:U", &l) ;
    if (opt == -1) break ;
    switch (opt)
    {
      case 'z' : unexport = 1 ; break ;
      case 'u' : w.uid = id_arg(l.arg) ; w.hasuid = 1 ; break ;
      case 'g' : w.gid = id_arg(l.arg) ; w.hasgid = 1 ; break ;
      case 'G' :
        if (!account_gidlist_scan(l.arg, w.groups, ACCOUNT_MAXGROUPS, &w.ngroups)) strerr_dieusage(100, USAGE) ;
        w.hasgroups = 1 ;
        break ;
      case 'U' : from_env(&w, envp) ; break ;
      default : strerr_dieusage(100, USAGE) ;
    }
  }
  argc -= l.ind ; argv += l.ind ;
  if (!argc) strerr_dieusage(100, USAGE) ;
  apply(&w) ;
  if (unexport) xmexec_em(argv, envp, "UID\0GID\0GIDLIST", 16) ;
  xexec_e(argv, envp) ;
}
