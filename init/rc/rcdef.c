#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/sig.h>
#include <skalibs/stralloc.h>
#include <skalibs/types.h>
#include "dirlist.h"
#include "rc/rcdef.h"

/* the biggest value any number file may hold: an fd or a time in ms */
#define RC_NUM_MAX 0x7fffffffu

static char const *const numfiles[RCN_COUNT] =
{
  "timeout-up", "timeout-down", "timeout-kill", "timeout-finish",
  "max-death-tally", "notification-fd", "lock-fd"
} ;

char const *rc_num_file (enum rc_num i)
{
  return numfiles[i] ;
}

void rcdef_init (rcdef *def)
{
  memset(def, 0, sizeof(*def)) ;
}

void rcdef_free (rcdef *def)
{
  stralloc *all[] = { &def->name, &def->dir, &def->deps, &def->contents, &def->up,
    &def->down, &def->producer_for, &def->consumer_for, &def->pipeline_name } ;
  for (size_t i = 0 ; i < sizeof(all) / sizeof(all[0]) ; i++) stralloc_free(all[i]) ;
  rcdef_init(def) ;
}

size_t rc_names_count (stralloc const *list)
{
  size_t n = 0 ;
  for (size_t i = 0 ; i < list->len ; i++) if (!list->s[i]) n++ ;
  return n ;
}

int rc_names_has (stralloc const *list, char const *name)
{
  for (size_t pos = 0 ; pos < list->len ; pos += strlen(list->s + pos) + 1)
    if (!strcmp(list->s + pos, name)) return 1 ;
  return 0 ;
}

/* The reading context: one directory, a scratch path, the diagnostics. */
struct reader
{
  rcdef *def ;
  char const *dir ;
  rcdiag *d ;
  stralloc path ;
  stralloc text ;
  int nomem ;
} ;

/* What the file read says, for a message [B12]: its first line between
   quotes, at most 32 bytes, anything unprintable as '?' */
#define QUOTED_MAX 40
static char const *quoted (struct reader const *r, char *buf)
{
  size_t n = 0 ;
  buf[n++] = '"' ;
  for (size_t i = 0 ; i < r->text.len && r->text.s[i] != '\n' && n < QUOTED_MAX - 6 ; i++)
  {
    char c = r->text.s[i] ;
    if (c < 0x20 || c >= 0x7f) c = '?' ;
    buf[n++] = c ;
  }
  if (n == QUOTED_MAX - 6) { memcpy(buf + n, "...", 3) ; n += 3 ; }
  buf[n++] = '"' ;
  buf[n] = 0 ;
  return buf ;
}

/* r->path = DIR/FILE, NUL-terminated */
static char const *path_of (struct reader *r, char const *file)
{
  r->path.len = 0 ;
  if (!stralloc_cats(&r->path, r->dir) || !stralloc_catb(&r->path, "/", 1)
   || !stralloc_cats(&r->path, file) || !stralloc_0(&r->path))
  {
    r->nomem = 1 ;
    return 0 ;
  }
  return r->path.s ;
}

/* 1: is there, 0: absent; a path that cannot be looked at is reported */
static int present (struct reader *r, char const *file, int wantdir)
{
  struct stat st ;
  char const *p = path_of(r, file) ;
  if (!p) return 0 ;
  if (stat(p, &st) < 0)
  {
    if (errno == ELOOP) rc_error(r->d, p, "is a loop of symbolic links, make it point to a file of the image") ;
    else if (errno != ENOENT && errno != ENOTDIR)
      rc_error(r->d, p, "cannot be read (", strerror(errno), "), fix its permissions") ;
    return 0 ;
  }
  if (wantdir && !S_ISDIR(st.st_mode))
  {
    rc_error(r->d, p, "is not a directory, make it one") ;
    return 0 ;
  }
  if (!wantdir && S_ISDIR(st.st_mode))
  {
    rc_error(r->d, p, "is a directory, it should be a file") ;
    return 0 ;
  }
  return 1 ;
}

/* r->text = the file's bytes. 1: read, 0: absent, -1: reported */
static int fetch (struct reader *r, char const *file)
{
  char const *p = path_of(r, file) ;
  struct stat st ;
  if (!p) return -1 ;
  r->text.len = 0 ;
  if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
  {
    rc_error(r->d, p, "is a directory, it should be a file") ;
    return -1 ;
  }
  if (!openslurpclose(&r->text, p))
  {
    if (errno == ENOENT || errno == ENOTDIR) return 0 ;
    if (errno == ENOMEM) { r->nomem = 1 ; return -1 ; }
    rc_error(r->d, p, "cannot be read (", strerror(errno), "), fix its permissions") ;
    return -1 ;
  }
  return 1 ;
}

/* a names file (dependencies, contents, consumer-for...) appended to list */
static void read_names_file (struct reader *r, char const *file, stralloc *list)
{
  size_t bad = 0 ;
  int e ;
  if (fetch(r, file) <= 0) return ;
  e = rcparse_names(r->text.s, r->text.len, list, &bad) ;
  if (e < 0) r->nomem = 1 ;
  else if (!e)
  {
    char fmt[UINT64_FMT] ;
    fmt[uint64_fmt(fmt, bad)] = 0 ;
    rc_error(r->d, r->path.s, "line ", fmt, " is not a service name, write one name per line (# starts a comment)") ;
  }
}

/* a names directory (dependencies.d, contents.d): one empty file per name */
static int read_names_dir (struct reader *r, char const *file, stralloc *list)
{
  dirlist dl = DIRLIST_ZERO ;
  char const *p ;
  if (!present(r, file, 1)) return 0 ;
  p = r->path.s ;
  if (!dirlist_read(&dl, p))
  {
    rc_error(r->d, p, "cannot be listed (", strerror(errno), "), fix its permissions") ;
    dirlist_free(&dl) ;
    return 1 ;
  }
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char const *name = dirlist_name(&dl, i) ;
    if (!rc_name_valid(name, strlen(name)))
      rc_error(r->d, p, "entry \"", name, "\" is not a service name, rename or remove it") ;
    else if (!rc_names_has(list, name) && !stralloc_catb(list, name, strlen(name) + 1))
      r->nomem = 1 ;
  }
  dirlist_free(&dl) ;
  return 1 ;
}

static void read_type (struct reader *r, char const *name)
{
  int untidy = 0 ;
  int user = !strcmp(name, "user") || !strcmp(name, "user2") ;
  int got = fetch(r, "type") ;
  enum rc_type t ;
  if (got < 0) return ;
  if (!got)
  {
    /* the classic user bundles often have no type file [F2]; anything
       else must say what it is, or a layer forgot its base definition */
    if (user || r->def->type == RC_BUNDLE) r->def->type = RC_BUNDLE ;
    else if (present(r, "contents.d", 1) || present(r, "contents", 0))
    {
      r->def->type = RC_BUNDLE ;
      rc_warn(r->d, path_of(r, "type"), "missing, read as a bundle because the service has contents; write bundle into it") ;
    }
    else rc_error(r->d, path_of(r, "type"), "missing (a directory merged from another layer needs its base definition), write longrun, oneshot or bundle into it") ;
    return ;
  }
  t = rcparse_type(r->text.s, r->text.len, &untidy) ;
  if (t == RC_NOTYPE)
  {
    char q[QUOTED_MAX] ;
    rc_error(r->d, r->path.s, "unknown type ", quoted(r, q), ", write longrun, oneshot or bundle into it") ;
    return ;
  }
  if (untidy)
    rc_warn(r->d, r->path.s, "carriage return or trailing blanks after \"", rc_type_name(t), "\" tolerated, remove them (s6-overlay refuses this file)") ;
  if (user && t != RC_BUNDLE)
  {
    rc_error(r->d, r->path.s, "the ", name, " service must be a bundle, write bundle into it") ;
    return ;
  }
  r->def->type = t ;
}

static void read_numbers (struct reader *r)
{
  for (unsigned int i = 0 ; i < RCN_COUNT ; i++)
  {
    if (fetch(r, numfiles[i]) <= 0) continue ;
    if (rcparse_uint(r->text.s, r->text.len, RC_NUM_MAX, &r->def->num[i])) r->def->has |= RCF_NUM(i) ;
    else { char q[QUOTED_MAX] ; rc_error(r->d, r->path.s, quoted(r, q), " is not a number, write a decimal number into it") ; }
  }
}

/* one execline command line; 1 when the file is there and parses */
static int read_cmdline (struct reader *r, char const *file, stralloc *argv, int *words)
{
  int n ;
  if (fetch(r, file) <= 0) return 0 ;
  argv->len = 0 ;
  n = rcparse_cmdline(r->text.s, r->text.len, argv) ;
  if (n == RCPARSE_NOMEM) { r->nomem = 1 ; return 0 ; }
  if (n < 0)
  {
    rc_error(r->d, r->path.s, "not one execline command line: ", rcparse_cmdline_why(n), ", fix the quoting") ;
    return 0 ;
  }
  *words = n ;
  return 1 ;
}

static void read_oneshot (struct reader *r)
{
  if (read_cmdline(r, "up", &r->def->up, &r->def->upwords)) r->def->has |= RCF_UP ;
  else if (!present(r, "up", 0) && !r->nomem)
  {
    int hasrun = present(r, "run", 0) ;
    rc_error(r->d, path_of(r, "up"), "missing: a oneshot needs an up file",
      hasrun ? " (there is a run file: is the type longrun?)" : ", write the command line into it") ;
  }
  if (read_cmdline(r, "down", &r->def->down, &r->def->downwords)) r->def->has |= RCF_DOWN ;
}

static void read_downsignal (struct reader *r)
{
  size_t end ;
  if (fetch(r, "down-signal") <= 0) return ;
  end = r->text.len ;
  while (end && (r->text.s[end - 1] == '\n' || r->text.s[end - 1] == '\r' || r->text.s[end - 1] == ' ')) end-- ;
  r->text.len = end ;
  if (!stralloc_0(&r->text)) { r->nomem = 1 ; return ; }
  if (!end || sig0_scan(r->text.s, &r->def->down_signal) != end)
  {
    char q[QUOTED_MAX] ;
    rc_error(r->d, r->path.s, quoted(r, q), " is not a signal, write a name like SIGHUP or a number") ;
  }
  else r->def->has |= RCF_DOWNSIGNAL ;
}

static void read_longrun (struct reader *r)
{
  static struct { char const *file ; uint32_t flag ; int dir ; } const plain[] =
  {
    { "run", RCF_RUN, 0 }, { "finish", RCF_FINISH, 0 }, { "data", RCF_DATA, 1 },
    { "env", RCF_ENV, 1 }, { "flag-essential", RCF_ESSENTIAL, 0 }
  } ;
  for (size_t i = 0 ; i < sizeof(plain) / sizeof(plain[0]) ; i++)
    if (present(r, plain[i].file, plain[i].dir)) r->def->has |= plain[i].flag ;
  if (!(r->def->has & RCF_RUN) && !r->nomem)
  {
    int hasup = present(r, "up", 0) ;
    rc_error(r->d, path_of(r, "run"), "missing: a longrun needs a run file",
      hasup ? " (there is an up file: is the type oneshot?)" : ", write the program to supervise into it") ;
  }
  read_downsignal(r) ;
  r->def->producer_for.len = 0 ;
  read_names_file(r, "producer-for", &r->def->producer_for) ;
  if (r->def->producer_for.len) r->def->has |= RCF_PRODUCER ;
  if (rc_names_count(&r->def->producer_for) > 1)
    rc_error(r->d, path_of(r, "producer-for"), "names more than one consumer, a producer feeds exactly one; keep one name") ;
  read_names_file(r, "consumer-for", &r->def->consumer_for) ;
  if (r->def->consumer_for.len) r->def->has |= RCF_CONSUMER ;
  r->def->pipeline_name.len = 0 ;
  read_names_file(r, "pipeline-name", &r->def->pipeline_name) ;
  if (r->def->pipeline_name.len) r->def->has |= RCF_PIPELINE ;
}

static void read_lists (struct reader *r)
{
  int had = r->def->deps.len > 0 ;
  if (read_names_dir(r, "dependencies.d", &r->def->deps)) had = 1 ;
  if (present(r, "dependencies", 0)) { had = 1 ; r->def->has |= RCF_DEPSFILE ; read_names_file(r, "dependencies", &r->def->deps) ; }
  if (had) r->def->has |= RCF_DEPS ;
  if (read_names_dir(r, "contents.d", &r->def->contents)) r->def->has |= RCF_CONTENTS ;
  if (present(r, "contents", 0))
  {
    r->def->has |= RCF_CONTENTS | RCF_CONTENTSFILE ;
    read_names_file(r, "contents", &r->def->contents) ;
  }
}

/* [B8]: what an image adds to a built-in service from s6-overlay's
   package directory is only the names it is linked with; its type and its
   actions stay bosun's. */
int rcdef_extend (rcdef *def, char const *dir, rcdiag *d)
{
  struct reader r = { .def = def, .dir = dir, .d = d, .path = STRALLOC_ZERO, .text = STRALLOC_ZERO, .nomem = 0 } ;
  read_lists(&r) ;
  stralloc_free(&r.path) ;
  stralloc_free(&r.text) ;
  return !r.nomem ;
}

int rcdef_read (rcdef *def, char const *dir, char const *name, rcdiag *d)
{
  struct reader r = { .def = def, .dir = dir, .d = d, .path = STRALLOC_ZERO, .text = STRALLOC_ZERO, .nomem = 0 } ;
  if (!def->name.len && (!stralloc_cats(&def->name, name) || !stralloc_0(&def->name))) return 0 ;
  def->dir.len = 0 ;
  if (!stralloc_cats(&def->dir, dir) || !stralloc_0(&def->dir)) return 0 ;
  read_type(&r, name) ;
  read_lists(&r) ;
  if (def->type == RC_LONGRUN || def->type == RC_ONESHOT) read_numbers(&r) ;
  if (def->type == RC_ONESHOT) read_oneshot(&r) ;
  else if (def->type == RC_LONGRUN) read_longrun(&r) ;
  stralloc_free(&r.path) ;
  stralloc_free(&r.text) ;
  return !r.nomem ;
}
