#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/env.h>
#include <skalibs/stralloc.h>
#include "dirlist.h"
#include "rc/rcset.h"

int rcset_grow (rcset *set)
{
  rcdef *defs ;
  size_t cap ;
  if (set->n < set->cap) return 1 ;
  cap = set->cap ? set->cap * 2 : 32 ;
  defs = realloc(set->defs, cap * sizeof(rcdef)) ;
  if (!defs) return 0 ;
  set->defs = defs ;
  set->cap = cap ;
  return 1 ;
}

size_t rcset_find (rcset const *set, char const *name)
{
  for (size_t i = 0 ; i < set->n ; i++)
    if (!strcmp(set->defs[i].name.s, name)) return i ;
  return set->n ;
}

void rcset_free (rcset *set)
{
  for (size_t i = 0 ; i < set->n ; i++) rcdef_free(&set->defs[i]) ;
  free(set->defs) ;
  set->defs = 0 ;
  set->n = set->cap = 0 ;
}

static int is_user_bundle (char const *name)
{
  return !strcmp(name, "user") || !strcmp(name, "user2") ;
}

/* DIR/NAME into the set: a new service, or more contents for user/user2;
   from s6-overlay's package sources, more names for any built-in */
static int read_one (rcset *set, char const *dir, char const *name, rcdiag *d, stralloc *path, enum rcset_from from)
{
  size_t i = rcset_find(set, name) ;
  struct stat st ;
  path->len = 0 ;
  if (!stralloc_cats(path, dir) || !stralloc_catb(path, "/", 1) || !stralloc_cats(path, name) || !stralloc_0(path)) return 0 ;
  if (stat(path->s, &st) < 0)
  {
    rc_error(d, path->s, "cannot be read (", strerror(errno), "), fix it or remove it") ;
    return 1 ;
  }
  if (!S_ISDIR(st.st_mode))
  {
    rc_warn(d, path->s, "is not a directory, ignored; remove it") ;
    return 1 ;
  }
  if (from == RCSET_PACKAGE && i < set->n && set->defs[i].builtin && !is_user_bundle(name))
    return rcdef_extend(&set->defs[i], path->s, d) ;
  if (i < set->n && !is_user_bundle(name))
  {
    if (set->defs[i].builtin)
      rc_error(d, path->s, "\"", name, "\" is a reserved name (a built-in service of s6-overlay), rename the service") ;
    else
      rc_error(d, path->s, "service \"", name, "\" is already defined in ", set->defs[i].dir.s, ", keep one") ;
    return 1 ;
  }
  if (i == set->n)
  {
    if (!rcset_grow(set)) return 0 ;
    rcdef_init(&set->defs[set->n++]) ;
  }
  return rcdef_read(&set->defs[i], path->s, name, d) ;
}

int rcset_read (rcset *set, char const *dir, rcdiag *d, enum rcset_from from)
{
  dirlist dl = DIRLIST_ZERO ;
  stralloc path = STRALLOC_ZERO ;
  int ok = 1 ;
  if (!dirlist_read(&dl, dir))
  {
    rc_error(d, dir, "cannot be listed (", strerror(errno), "), fix its permissions") ;
    dirlist_free(&dl) ;
    return 1 ;
  }
  for (size_t i = 0 ; ok && i < dl.n ; i++)
  {
    char const *name = dirlist_name(&dl, i) ;
    if (from == RCSET_BUNDLES && !is_user_bundle(name)) continue ;
    if (from == RCSET_EXTENSIONS && !rc_name_reserved(name)) continue ;
    ok = read_one(set, dir, name, d, &path, from == RCSET_EXTENSIONS ? RCSET_PACKAGE : from) ;
  }
  stralloc_free(&path) ;
  dirlist_free(&dl) ;
  return ok ;
}

int rcset_read_tree (rcset *set, char const *dir, rcdiag *d)
{
  return rcset_read(set, dir, d, RCSET_TREE) ;
}

int rcset_read_bundles (rcset *set, char const *dir, rcdiag *d)
{
  return rcset_read(set, dir, d, RCSET_BUNDLES) ;
}

void rcset_check (rcset const *set, rcdiag *d)
{
  for (size_t i = 0 ; i < set->n ; i++)
  {
    rcdef const *def = &set->defs[i] ;
    if (def->builtin || def->type != RC_BUNDLE) continue ;
    if (!(def->has & RCF_CONTENTS))
      rc_error(d, def->dir.s, "a bundle needs contents.d/ or a contents file, add one") ;
  }
}

/* [F4]: a profile moves the whole configuration root from /etc to
   /etc/cont-profile.d/NAME */
int rc_config_root (char *root, size_t max, char const *const *envp)
{
  char const *profile = env_get2(envp, "S6_RUNTIME_PROFILE") ;
  size_t n ;
  if (profile && *profile)
  {
    if (strchr(profile, '/') || profile[0] == '.') return 0 ;
    n = (size_t)snprintf(root, max, "/etc/cont-profile.d/%s", profile) ;
  }
  else n = (size_t)snprintf(root, max, "/etc") ;
  return n < max ;
}

/* [F2]: S6_RUNTIME_BUNDLEDIR moves the bundles */
int rcsources_from_env (rcsources *src, char const *const *envp)
{
  char const *bundledir = env_get2(envp, "S6_RUNTIME_BUNDLEDIR") ;
  char root[4096] ;
  size_t n ;
  if (!rc_config_root(root, sizeof(root), envp)) return 0 ;
  if ((size_t)snprintf(src->defs, sizeof(src->defs), "%s/s6-overlay/s6-rc.d", root) >= sizeof(src->defs)) return 0 ;
  if (bundledir && *bundledir) n = (size_t)snprintf(src->bundles, sizeof(src->bundles), "%s", bundledir) ;
  else n = (size_t)snprintf(src->bundles, sizeof(src->bundles), "%s/s6-overlay/user-bundles.d", root) ;
  return n < sizeof(src->bundles) ;
}
