/* The set of definitions the database is built from [B7]: the built-in
   services of [B8], then every directory of the definitions tree [F1], the
   user bundles from either layout [F2], all under the profile of [F4]. */
#ifndef BOSUN_RCSET_H
#define BOSUN_RCSET_H

#include <stddef.h>
#include "rc/rcdef.h"
#include "rc/rcdiag.h"

typedef struct rcset_s rcset ;
struct rcset_s
{
  rcdef *defs ;
  size_t n ;
  size_t cap ;
} ;
#define RCSET_ZERO { .defs = 0, .n = 0, .cap = 0 }

/* Where the image's own tree is, from the environment. */
typedef struct rcsources_s rcsources ;
struct rcsources_s
{
  char defs[4096] ;     /* s6-rc.d */
  char bundles[4096] ;  /* user-bundles.d */
} ;
int rcsources_from_env (rcsources *src, char const *const *envp) ;
/* /etc, or /etc/cont-profile.d/NAME with S6_RUNTIME_PROFILE=NAME [F4]; 0 when
   NAME is not a plain directory name or the path does not fit in max */
int rc_config_root (char *root, size_t max, char const *const *envp) ;

/* the built-ins, with user and user2 as empty bundles; 0 when out of memory */
int rcset_builtins (rcset *set) ;
/* every service directory of DIR; user and user2 add to the built-in
   bundles. A missing DIR is an empty tree. 0 when out of memory. */
int rcset_read_tree (rcset *set, char const *dir, rcdiag *d) ;
/* DIR/user and DIR/user2 only (user-bundles.d) */
int rcset_read_bundles (rcset *set, char const *dir, rcdiag *d) ;
/* checks that need the whole set: bundles with no contents */
void rcset_check (rcset const *set, rcdiag *d) ;

int rcset_grow (rcset *set) ;  /* room for one more; 0 when out of memory */
size_t rcset_find (rcset const *set, char const *name) ;  /* set->n if absent */
int rc_name_reserved (char const *name) ;
void rcset_free (rcset *set) ;

#endif
