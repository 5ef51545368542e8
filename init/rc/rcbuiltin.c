/* The built-in services of [B8]. Their up/down actions belong to stage 2;
   here they are definitions like any other, so that the graph, the order
   and "bosun check" see the same tree as the boot does. */
#include <string.h>
#include <skalibs/stralloc.h>
#include "rc/rcset.h"

struct builtin
{
  char const *name ;
  char const *list ;   /* dependencies or contents, space-separated */
  enum rc_type type ;
  int reserved ;       /* user and user2 are ours to fill, the rest is not */
} ;

static struct builtin const builtins[] =
{
  { "fix-attrs", "", RC_ONESHOT, 1 },
  { "legacy-cont-init", "fix-attrs", RC_ONESHOT, 1 },
  { "base", "fix-attrs legacy-cont-init", RC_BUNDLE, 1 },
  { "user", "", RC_BUNDLE, 0 },
  { "legacy-services", "base user", RC_ONESHOT, 1 },
  { "user2", "", RC_BUNDLE, 0 },
  { "top", "base user legacy-services user2", RC_BUNDLE, 1 },
} ;
#define NBUILTINS (sizeof(builtins) / sizeof(builtins[0]))

int rc_name_reserved (char const *name)
{
  for (size_t i = 0 ; i < NBUILTINS ; i++)
    if (builtins[i].reserved && !strcmp(builtins[i].name, name)) return 1 ;
  return 0 ;
}

/* "a b c" appended as a\0b\0c\0 */
static int add_words (stralloc *list, char const *s)
{
  while (*s)
  {
    size_t n = strcspn(s, " ") ;
    if (!stralloc_catb(list, s, n) || !stralloc_0(list)) return 0 ;
    s += n ;
    while (*s == ' ') s++ ;
  }
  return 1 ;
}

int rcset_builtins (rcset *set)
{
  for (size_t i = 0 ; i < NBUILTINS ; i++)
  {
    rcdef *def ;
    if (!rcset_grow(set)) return 0 ;
    def = &set->defs[set->n++] ;
    rcdef_init(def) ;
    def->type = builtins[i].type ;
    def->builtin = 1 ;
    if (!stralloc_cats(&def->name, builtins[i].name) || !stralloc_0(&def->name)
     || !stralloc_cats(&def->dir, "(built-in)") || !stralloc_0(&def->dir)
     || !add_words(def->type == RC_BUNDLE ? &def->contents : &def->deps, builtins[i].list))
      return 0 ;
    if (def->type == RC_BUNDLE) def->has |= RCF_CONTENTS ;
    else def->has |= RCF_UP | RCF_DOWN ;
  }
  return 1 ;
}
