/* Accounts as s6's commands take them: a user name, "user:group" or
   "uid:gid". Names are looked up in /etc/passwd and /etc/group; the binary
   is static against musl, which reads those files itself, so lookups work
   in any image, and numbers need no lookup at all (FROM scratch). */
#ifndef BOSUN_ACCOUNT_H
#define BOSUN_ACCOUNT_H

#include <stddef.h>
#include <sys/types.h>

/* more supplementary groups than anyone puts in a container */
#define ACCOUNT_MAXGROUPS 256
/* room for ACCOUNT_MAXGROUPS gids written as "n,n,...,n" */
#define ACCOUNT_GIDLIST_FMT (ACCOUNT_MAXGROUPS * 11)

int account_id_scan (char const *s, size_t len, unsigned int *id) ;
int account_gidlist_scan (char const *s, gid_t *list, size_t max, size_t *n) ;
size_t account_gidlist_fmt (char *s, gid_t const *list, size_t n) ;
int account_triple_scan (char const *s, uid_t *uid, gid_t *gid, gid_t *list, size_t max, size_t *n) ;

int account_user (char const *name, uid_t *uid, gid_t *gid) ;
int account_group (char const *name, gid_t *gid) ;
int account_supplementary (char const *user, gid_t primary, gid_t *list, size_t max, size_t *n) ;
int account_apply (uid_t uid, gid_t gid, gid_t const *list, size_t n) ;

#endif
