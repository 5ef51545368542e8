#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
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
#include "dirfd.h"
#include "dirlist.h"
#include "fixattrs.h"           /* this directory's: the applier */
#include "lib/fixattrs.h"       /* init/lib's: the line parser */
#include "rc/rcset.h"

#define FA "bosun: fix-attrs: "
/* a tree on a read-only mount fails on every entry: say it a few times,
   then only count */
#define FIXATTRS_MAXREPORTS 5
/* levels a recursion descends (each holds one fd while below it) */
#define FIXATTRS_MAXDEPTH 256

/* What the line being applied is about; stage 2 is single-threaded. */
static struct fixattrs_ctx_s
{
  char const *file ;
  unsigned int line ;
  fixattrs_rule const *rule ;
  uid_t uid ;
  gid_t gid ;
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

/* On what fd holds (dirfd.h: an open directory or a pinned entry), never
   on a path: a link swapped in since the entry was looked up changes
   nothing. chown first: it clears the setuid and setgid bits that the mode
   may set. A link only changes owner, as lchown does. */
static void set_attrs (int fd, mode_t type, char const *path)
{
  if (dirfd_chown(fd, ctx.uid, ctx.gid) < 0) { entry_failed("unable to chown ", path) ; return ; }
  if (S_ISLNK(type)) return ;
  if (dirfd_chmod(fd, S_ISDIR(type) ? ctx.rule->dmode : ctx.rule->fmode) < 0)
    entry_failed("unable to chmod ", path) ;
}

static void walk_entry (int dir, char const *name, stralloc *path, unsigned int depth) ;

/* Every entry of the open directory fd, then the directory itself:
   post-order, so that a restrictive dmode does not lock the walk out
   (non-root runs). Each level holds one fd; the bound keeps a hostile
   tree from exhausting them. */
static void walk_dir (int fd, char const *path, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by FIXATTRS_MAXDEPTH */
{
  stralloc sub = STRALLOC_ZERO ;
  DIR *d = fdopendir(fd) ;
  if (!d) { entry_failed("unable to read the directory ", path) ; set_attrs(fd, S_IFDIR, path) ; close(fd) ; return ; }
  for (;;)
  {
    struct dirent *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) { if (errno) entry_failed("unable to read the directory ", path) ; break ; }
    if (de->d_name[0] == '.' && (!ctx.hidden || !de->d_name[1] || (de->d_name[1] == '.' && !de->d_name[2]))) continue ;
    sub.len = 0 ;
    if (!stralloc_cats(&sub, path) || !stralloc_catb(&sub, "/", 1) || !stralloc_cats(&sub, de->d_name) || !stralloc_0(&sub))
    {
      entry_failed("out of memory under ", path) ;
      break ;
    }
    walk_entry(dirfd(d), de->d_name, &sub, depth) ;
  }
  set_attrs(dirfd(d), S_IFDIR, path) ;
  closedir(d) ;
  stralloc_free(&sub) ;
}

/* [B9]: links below the root are pinned themselves, never followed
   [B9]; a directory is read through its pinned fd, not looked up again */
static void walk_entry (int dir, char const *name, stralloc *path, unsigned int depth) /* NOLINT(misc-no-recursion): bounded by FIXATTRS_MAXDEPTH */
{
  struct stat st ;
  int pinned = dirfd_pin(dir, name, 0, &st) ;
  int sub ;
  if (pinned < 0) { entry_failed("unable to stat ", path->s) ; return ; }
  if (!S_ISDIR(st.st_mode)) { set_attrs(pinned, st.st_mode, path->s) ; close(pinned) ; return ; }
  if (depth + 1 >= FIXATTRS_MAXDEPTH) { errno = ELOOP ; entry_failed("not descending (too deep) into ", path->s) ; set_attrs(pinned, S_IFDIR, path->s) ; close(pinned) ; return ; }
  sub = dirfd_reopen(pinned) ;
  if (sub < 0) { entry_failed("unable to read the directory ", path->s) ; set_attrs(pinned, S_IFDIR, path->s) ; close(pinned) ; return ; }
  close(pinned) ;
  walk_dir(sub, path->s, depth + 1) ;
}

/* The path a line names is followed, as s6-overlay does; below it
   nothing is. */
static void apply_path (char const *path)
{
  struct stat st ;
  int pinned = dirfd_pin(AT_FDCWD, path, 1, &st) ;
  int dir ;
  if (pinned < 0)
  {
    if (errno != ENOENT && errno != ENOTDIR) { entry_failed("unable to stat ", path) ; return ; }
    if (ctx.verbosity >= 1) say("warning", path, " does not exist, skipping it: create it in the image or remove the line", "", "") ;
    return ;
  }
  if (!ctx.rule->recurse || !S_ISDIR(st.st_mode)) { set_attrs(pinned, st.st_mode, path) ; close(pinned) ; return ; }
  dir = dirfd_reopen(pinned) ;
  if (dir < 0) { entry_failed("unable to read the directory ", path) ; set_attrs(pinned, S_IFDIR, path) ; close(pinned) ; return ; }
  close(pinned) ;
  walk_dir(dir, path, 0) ;
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
