#include <errno.h>
#include <ftw.h>
#include <glob.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "account.h"
#include "dirlist.h"
#include "fixattrs.h"           /* this directory's: the applier */
#include "lib/fixattrs.h"       /* init/lib's: the line parser */
#include "rc/rcset.h"

#define FA "bosun: fix-attrs: "
/* a tree on a read-only mount fails on every entry: say it a few times,
   then only count */
#define FIXATTRS_MAXREPORTS 5
/* descriptors nftw may hold open at once; deeper levels reopen */
#define FIXATTRS_NOPENFD 16

/* What the line being applied is about. nftw's callback takes no user
   pointer, so this is file-scope; stage 2 is single-threaded. */
static struct fixattrs_ctx_s
{
  char const *file ;
  unsigned int line ;
  fixattrs_rule const *rule ;
  uid_t uid ;
  gid_t gid ;
  size_t rootlen ;
  int hidden ;
  unsigned int verbosity ;
  unsigned int errors ;
} ctx ;

/* bosun's form: "bosun: fix-attrs: LEVEL: FILE line N: what" */
static void say (char const *level, char const *a, char const *b, char const *c, char const *d)
{
  char fmt[UINT_FMT] ;
  fmt[uint_fmt(fmt, ctx.line)] = 0 ;
  strerr_warn(FA, level, ": ", ctx.file, " line ", fmt, ": ", a, b, c, d) ;
}

static void entry_failed (char const *what, char const *path)
{
  char const *why = strerror(errno) ;
  if (++ctx.errors <= FIXATTRS_MAXREPORTS) say("error", what, path, ": ", why) ;
  if (ctx.errors == FIXATTRS_MAXREPORTS + 1) say("error", "more entries failed, not naming them", "", "", "") ;
}

/* chown first: it clears the setuid and setgid bits that the mode may set.
   follow is only for the path the line names; inside a tree lchown. */
static void set_attrs (char const *path, mode_t type, int follow)
{
  int r = follow ? chown(path, ctx.uid, ctx.gid) : lchown(path, ctx.uid, ctx.gid) ;
  if (r < 0) { entry_failed("unable to chown ", path) ; return ; }
  if (S_ISLNK(type)) return ;
  if (chmod(path, S_ISDIR(type) ? ctx.rule->dmode : ctx.rule->fmode) < 0)
    entry_failed("unable to chmod ", path) ;
}

/* 1 when a component of path below the root starts with '.' */
static int hidden_below (char const *path)
{
  for (size_t i = ctx.rootlen ; path[i] ; i++)
    if (path[i] == '.' && (i == ctx.rootlen || path[i-1] == '/')) return 1 ;
  return 0 ;
}

/* FTW_PHYS: links are reported as links, never followed [B9] */
static int walk_one (char const *path, struct stat const *st, int type, struct FTW *ftw)
{
  (void)st ;
  if (ftw->level && !ctx.hidden && hidden_below(path)) return 0 ;
  switch (type)
  {
    case FTW_NS : entry_failed("unable to stat ", path) ; break ;
    case FTW_DNR : entry_failed("unable to read the directory ", path) ; set_attrs(path, S_IFDIR, 0) ; break ;
    case FTW_SL : case FTW_SLN : set_attrs(path, S_IFLNK, 0) ; break ;
    case FTW_D : case FTW_DP : set_attrs(path, S_IFDIR, 0) ; break ;
    default : set_attrs(path, S_IFREG, 0) ; break ;
  }
  return 0 ;
}

/* The root is resolved first so that a link named by the line is walked
   into; depth-first post-order changes a directory after its contents, so
   a restrictive dmode does not lock the walk out (non-root runs). */
static void walk (char const *path)
{
  char root[PATH_MAX] ;
  if (!realpath(path, root)) { entry_failed("unable to resolve ", path) ; return ; }
  ctx.rootlen = strlen(root) ;
  if (nftw(root, &walk_one, FIXATTRS_NOPENFD, FTW_PHYS | FTW_DEPTH) < 0)
    entry_failed("unable to walk ", root) ;
}

static void apply_path (char const *path)
{
  struct stat st ;
  if (stat(path, &st) < 0)
  {
    if (errno != ENOENT && errno != ENOTDIR) { entry_failed("unable to stat ", path) ; return ; }
    if (ctx.verbosity >= 1) say("warning", path, " does not exist, skipping it: create it in the image or remove the line", "", "") ;
    return ;
  }
  if (ctx.rule->recurse && S_ISDIR(st.st_mode)) walk(path) ;
  else set_attrs(path, st.st_mode & S_IFMT, 1) ;
}

/* s6-overlay hands the path to the shell unquoted, so images may use
   patterns; a pattern that matches nothing is a missing path. */
static void apply_pattern (char const *pattern)
{
  glob_t g ;
  int r = glob(pattern, 0, 0, &g) ;
  if (r == GLOB_NOMATCH)
  {
    if (ctx.verbosity >= 1) say("warning", pattern, " matches nothing, skipping it: create it in the image or remove the line", "", "") ;
  }
  else if (r)
  {
    errno = r == GLOB_NOSPACE ? ENOMEM : EIO ;
    entry_failed("unable to expand ", pattern) ;
  }
  else for (size_t i = 0 ; i < g.gl_pathc ; i++) apply_path(g.gl_pathv[i]) ;
  globfree(&g) ;
}

/* A numeric user has no name to look up: its primary group is its passwd
   entry's if it has one, else the fallback's, else left as it is. */
static gid_t primary_of (unsigned int uid)
{
  struct passwd *pw = getpwuid((uid_t)uid) ;
  if (pw) return pw->pw_gid ;
  return ctx.rule->has_fallback ? (gid_t)ctx.rule->fallback_gid : (gid_t)-1 ;
}

/* The user's ids by name (or number); an unknown name takes the fallback */
static int resolve_user (uid_t *uid, gid_t *primary)
{
  fixattrs_rule const *r = ctx.rule ;
  unsigned int id ;
  int e ;
  if (account_id_scan(r->user, strlen(r->user), &id)) { *uid = (uid_t)id ; *primary = primary_of(id) ; return 1 ; }
  e = account_user(r->user, uid, primary) ;
  if (e > 0) return 1 ;
  if (e < 0) { entry_failed("unable to read ", "/etc/passwd") ; return 0 ; }
  if (!r->has_fallback)
  {
    say("error", "user \"", r->user, "\" is not in the image's /etc/passwd", ", add it there or give fallback ids (user,uid:gid)") ;
    return 0 ;
  }
  *uid = (uid_t)r->fallback_uid ;
  *primary = (gid_t)r->fallback_gid ;
  return 1 ;
}

/* user[:group]: without a group, the user's primary group */
static int resolve (void)
{
  fixattrs_rule const *r = ctx.rule ;
  unsigned int id ;
  int e ;
  if (!resolve_user(&ctx.uid, &ctx.gid)) return 0 ;
  if (!r->group) return 1 ;
  if (account_id_scan(r->group, strlen(r->group), &id)) { ctx.gid = (gid_t)id ; return 1 ; }
  e = account_group(r->group, &ctx.gid) ;
  if (e > 0) return 1 ;
  if (e < 0) { entry_failed("unable to read ", "/etc/group") ; return 0 ; }
  if (!r->has_fallback)
  {
    say("error", "group \"", r->group, "\" is not in the image's /etc/group", ", add it there or give fallback ids (user:group,uid:gid)") ;
    return 0 ;
  }
  ctx.gid = (gid_t)r->fallback_gid ;
  return 1 ;
}

/* 1 when the line failed: malformed, unknown account, or an entry that
   could not be changed */
static unsigned int apply_line (char const *s, size_t len)
{
  fixattrs_rule rule ;
  int r = fixattrs_parse(s, len, &rule) ;
  unsigned int failed ;
  if (r < 0) say("error", rule.why, "", "", "") ;
  if (r <= 0) return r < 0 ;
  ctx.rule = &rule ;
  ctx.errors = 0 ;
  if (!resolve()) failed = 1 ;
  else
  {
    if (strpbrk(rule.path, "*?[")) apply_pattern(rule.path) ;
    else apply_path(rule.path) ;
    failed = ctx.errors > 0 ;
  }
  ctx.rule = 0 ;
  return failed ;
}

static unsigned int apply_file (char const *file)
{
  stralloc sa = STRALLOC_ZERO ;
  unsigned int failed = 0 ;
  size_t pos = 0 ;
  ctx.file = file ;
  ctx.line = 0 ;
  if (!openslurpclose(&sa, file))
  {
    strerr_warn(FA "error: unable to read ", file, ": ", strerror(errno), ", make it a readable file or remove it") ;
    return 1 ;
  }
  /* s6-overlay's wording, which images may look for */
  if (ctx.verbosity >= 2) strerr_warn("fix-attrs: info: applying ", file) ;
  while (pos < sa.len)
  {
    char const *nl = memchr(sa.s + pos, '\n', sa.len - pos) ;
    size_t len = nl ? (size_t)(nl - sa.s) - pos : sa.len - pos ;
    ctx.line++ ;
    failed += apply_line(sa.s + pos, len) ;
    pos += len + 1 ;
  }
  stralloc_free(&sa) ;
  return failed ;
}

unsigned int fixattrs_run (char const *dir, int hidden, unsigned int verbosity)
{
  dirlist dl = DIRLIST_ZERO ;
  unsigned int failed = 0 ;
  ctx.hidden = hidden ;
  ctx.verbosity = verbosity ;
  if (!dirlist_read(&dl, dir))
  {
    strerr_warn(FA "error: unable to list ", dir, ": ", strerror(errno)) ;
    dirlist_free(&dl) ;
    return 1 ;
  }
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char path[PATH_MAX] ;
    if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, dirlist_name(&dl, i)) >= sizeof(path))
    {
      strerr_warn(FA "error: a file name in ", dir, " is too long, shorten it") ;
      failed++ ;
      continue ;
    }
    failed += apply_file(path) ;
  }
  if (dl.n && verbosity >= 1)
    strerr_warn("fix-attrs: warning: fix-attrs is deprecated, please fix volume permissions in your container manager instead") ;
  dirlist_free(&dl) ;
  return failed ;
}

unsigned int fixattrs_boot (char const *const *envp, int hidden, unsigned int verbosity)
{
  char root[PATH_MAX], dir[PATH_MAX] ;
  if (!rc_config_root(root, sizeof(root), envp))
  {
    strerr_warn(FA "error: S6_RUNTIME_PROFILE is not a usable profile name, give a plain directory name of /etc/cont-profile.d") ;
    return 1 ;
  }
  if ((size_t)snprintf(dir, sizeof(dir), "%s/" FIXATTRS_SUBDIR, root) >= sizeof(dir))
  {
    strerr_warn(FA "error: S6_RUNTIME_PROFILE is too long, shorten it") ;
    return 1 ;
  }
  return fixattrs_run(dir, hidden, verbosity) ;
}
