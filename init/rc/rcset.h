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
/* What rcset_read takes from DIR: every service (a tree), user and user2
   only (user-bundles.d), every service plus more names for the built-ins
   (s6-overlay's package sources), or only those names (the live copy has
   the rest). */
enum rcset_from { RCSET_TREE, RCSET_BUNDLES, RCSET_PACKAGE, RCSET_EXTENSIONS } ;
int rcset_read (rcset *set, char const *dir, rcdiag *d, enum rcset_from from) ;
/* [B8] habit: images extend s6-overlay's own services by adding to its
   package, ADMIN/s6-overlay[-VERSION]/etc/s6-rc/sources (ADMIN is
   /package/admin, under a root for bosun check); each directory once.
   from is RCSET_PACKAGE or RCSET_EXTENSIONS. */
int rcset_read_package (rcset *set, char const *admin, rcdiag *d, enum rcset_from from) ;
/* checks that need the whole set: bundles with no contents */
void rcset_check (rcset const *set, rcdiag *d) ;

int rcset_grow (rcset *set) ;  /* room for one more; 0 when out of memory */
size_t rcset_find (rcset const *set, char const *name) ;  /* set->n if absent */
int rc_name_reserved (char const *name) ;
void rcset_free (rcset *set) ;

#endif
