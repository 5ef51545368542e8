/* [B8] habit of images built on s6-overlay (Home Assistant's add-on base):
   they add oneshots to s6-overlay's own base bundle, and dependencies to
   its fix-attrs and legacy-cont-init, by copying definitions into the
   overlay's package, /package/admin/s6-overlay-VERSION/etc/s6-rc/sources.
   bosun has no such package of its own, so whatever is there is the
   image's, read as an addition to the built-ins. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "dirlist.h"
#include "rc/rcset.h"

#define PACKAGE_NAME "s6-overlay"
#define PACKAGE_SOURCES "etc/s6-rc/sources"
/* s6-overlay-VERSION and the unversioned link to it: one read each */
#define PACKAGES_MAX 16

static int is_package (char const *name)
{
  size_t n = sizeof(PACKAGE_NAME) - 1 ;
  return !strncmp(name, PACKAGE_NAME, n) && (!name[n] || name[n] == '-') ;
}

int rcset_read_package (rcset *set, char const *admin, rcdiag *d, enum rcset_from from)
{
  dirlist dl = DIRLIST_ZERO ;
  struct stat seen[PACKAGES_MAX] ;
  size_t nseen = 0 ;
  int ok = 1 ;
  /* a missing /package/admin is the usual case: nothing to add */
  if (!dirlist_read(&dl, admin)) { dirlist_free(&dl) ; return errno == ENOMEM ? 0 : 1 ; }
  for (size_t i = 0 ; ok && i < dl.n && nseen < PACKAGES_MAX ; i++)
  {
    char dir[4096] ;
    struct stat st ;
    size_t k = 0 ;
    if (!is_package(dirlist_name(&dl, i))) continue ;
    if ((size_t)snprintf(dir, sizeof(dir), "%s/%s/" PACKAGE_SOURCES, admin, dirlist_name(&dl, i)) >= sizeof(dir)) continue ;
    if (stat(dir, &st) < 0 || !S_ISDIR(st.st_mode)) continue ;
    while (k < nseen && !(seen[k].st_dev == st.st_dev && seen[k].st_ino == st.st_ino)) k++ ;
    if (k < nseen) continue ;
    seen[nseen++] = st ;
    ok = rcset_read(set, dir, d, from) ;
  }
  dirlist_free(&dl) ;
  return ok ;
}
