/* Which checks of rclint.h each directory the boot reads gets. */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "dirlist.h"
#include "rootpath.h"
#include "rc/rclint.h"
#include "rc/rcparse.h"

static int join (char *buf, size_t max, char const *dir, char const *file)
{
  return (size_t)snprintf(buf, max, "%s/%s", dir, file) < max ;
}

/* DIR/FILE checked as a script when it is there */
static void script_in (rclint const *l, char const *dir, char const *file, unsigned int flags)
{
  char p[4096] ;
  if (join(p, sizeof(p), dir, file)) rclint_script(l, p, flags) ;
}

/* a oneshot's up or down: the file itself, then the script it runs when
   its first word is a path (most files in the wild [R4]) */
static void lint_cmdline (rclint const *l, rcdef const *def, char const *file, stralloc const *words, int nwords)
{
  char p[4096] ;
  script_in(l, def->dir.s, file, RCLINT_CMDLINE) ;
  if (nwords <= 0 || words->s[0] != '/') return ;
  if ((size_t)snprintf(p, sizeof(p), "%s%s", l->root, words->s) < sizeof(p))
    rclint_script(l, p, RCLINT_KERNEL | RCLINT_MODE) ;
}

void rclint_definition (rclint const *l, rcdef const *def)
{
  char const *dir = def->dir.s ;
  if (def->builtin || def->derived || (def->type != RC_LONGRUN && def->type != RC_ONESHOT)) return ;
  if (def->type == RC_LONGRUN)
  {
    /* run and finish are made executable when copied [R5] */
    script_in(l, dir, "run", RCLINT_KERNEL) ;
    script_in(l, dir, "finish", RCLINT_KERNEL) ;
    rclint_fds(l, dir, !!(def->has & RCF_NUM(RCN_NOTIFICATION_FD)), def->num[RCN_NOTIFICATION_FD],
      !!(def->has & RCF_NUM(RCN_LOCK_FD)), def->num[RCN_LOCK_FD]) ;
  }
  else
  {
    if (def->has & RCF_UP) lint_cmdline(l, def, "up", &def->up, def->upwords) ;
    if (def->has & RCF_DOWN) lint_cmdline(l, def, "down", &def->down, def->downwords) ;
  }
  rclint_env(l, dir) ;
  rclint_links(l, dir) ;
}

/* a number file of a services.d service: 1 and *u when there and valid */
static int number_in (rclint const *l, char const *dir, char const *file, unsigned int *u)
{
  stralloc text = STRALLOC_ZERO, real = STRALLOC_ZERO ;
  char p[4096] ;
  int r = 0 ;
  if (join(p, sizeof(p), dir, file) && rclint_real(l, p, &real) && openslurpclose(&text, real.s))
  {
    r = rcparse_uint(text.s, text.len, 0x7fffffffu, u) ;
    if (!r) rc_error(l->d, p, "is not a number, write a decimal number into it") ;
  }
  stralloc_free(&text) ;
  stralloc_free(&real) ;
  return r ;
}

/* 1: PATH is in the image (a directory, if wantdir) */
static int exists (rclint const *l, char const *path, int wantdir)
{
  stralloc real = STRALLOC_ZERO ;
  struct stat st ;
  int r = rclint_real(l, path, &real) && !stat(real.s, &st) && (!wantdir || S_ISDIR(st.st_mode)) ;
  stralloc_free(&real) ;
  return r ;
}

static int exists_in (rclint const *l, char const *dir, char const *file, int wantdir)
{
  char p[4096] ;
  return join(p, sizeof(p), dir, file) && exists(l, p, wantdir) ;
}

/* [B11]: one services.d service, copied and supervised as it is */
static void lint_service (rclint const *l, char const *dir)
{
  unsigned int notif = 0, lock = 0 ;
  int hasnotif, haslock ;
  char p[4096] ;
  if (!exists_in(l, dir, "run", 0) && join(p, sizeof(p), dir, "run"))
    rc_error(l->d, p, "missing: a services.d service needs a run file, write the program to supervise into it (or remove the directory)") ;
  script_in(l, dir, "run", RCLINT_KERNEL | RCLINT_MODE) ;
  script_in(l, dir, "finish", RCLINT_KERNEL | RCLINT_MODE) ;
  if (exists_in(l, dir, "log", 1) && join(p, sizeof(p), dir, "log"))
  {
    script_in(l, p, "run", RCLINT_KERNEL | RCLINT_MODE) ;
    script_in(l, p, "finish", RCLINT_KERNEL | RCLINT_MODE) ;
  }
  hasnotif = number_in(l, dir, "notification-fd", &notif) ;
  haslock = number_in(l, dir, "lock-fd", &lock) ;
  rclint_fds(l, dir, hasnotif, notif, haslock, lock) ;
  rclint_env(l, dir) ;
  rclint_links(l, dir) ;
}

/* each entry of DIR (byte order, dot-files skipped [F3]) */
static void lint_entries (rclint const *l, char const *conf, char const *sub, int services)
{
  dirlist dl = DIRLIST_ZERO ;
  char dir[4096] ;
  if (!join(dir, sizeof(dir), conf, sub) || !dirlist_read(&dl, dir)) { dirlist_free(&dl) ; return ; }
  if (!services) rclint_links(l, dir) ;
  for (size_t i = 0 ; i < dl.n ; i++)
  {
    char p[4096] ;
    if (!join(p, sizeof(p), dir, dirlist_name(&dl, i))) continue ;
    if (!services) rclint_script(l, p, RCLINT_KERNEL | RCLINT_MODE) ;
    else if (exists(l, p, 1)) lint_service(l, p) ;
  }
  dirlist_free(&dl) ;
}

void rclint_legacy (rclint const *l, char const *conf)
{
  lint_entries(l, conf, "services.d", 1) ;
  lint_entries(l, conf, "cont-init.d", 0) ;
  lint_entries(l, conf, "cont-finish.d", 0) ;
}
