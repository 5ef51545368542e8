#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include <skalibs/stralloc.h>
#include "rootpath.h"
#include "shebang.h"
#include "rc/rclint.h"

/* the directories the CMD's PATH searches [L3], where env and with-contenv
   look for the program of a "#!/usr/bin/env bash" line */
static char const *const image_path[] =
{
  "/command", "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin", 0
} ;

/* where a path of this system really is inside the image; 1 if it exists */
int rclint_real (rclint const *l, char const *path, stralloc *real)
{
  char const *inside = rootpath_inside(l->root, path) ;
  if (!inside) return (errno = EXDEV, 0) ;
  return rootpath_resolve(l->root, inside, real) > 0 ;
}

static int in_image_path (rclint const *l, char const *prog)
{
  stralloc real = STRALLOC_ZERO ;
  int found = 0 ;
  for (char const *const *dir = image_path ; !found && *dir ; dir++)
  {
    char p[4096] ;
    if ((size_t)snprintf(p, sizeof(p), "%s/%s", *dir, prog) >= sizeof(p)) continue ;
    found = rootpath_resolve(l->root, p, &real) > 0 ;
  }
  stralloc_free(&real) ;
  return found ;
}

static int is_env_runner (char const *interp)
{
  char const *base = strrchr(interp, '/') ;
  base = base ? base + 1 : interp ;
  return !strcmp(base, "env") || !strcmp(base, "with-contenv") ;
}

/* the #! line: its interpreter, and the program env/with-contenv run */
static void check_interpreter (rclint const *l, char const *path, char *text, size_t len)
{
  char const *interp, *arg ;
  stralloc real = STRALLOC_ZERO ;
  if (!shebang_parse(text, len, &interp, &arg) || interp[0] != '/') return ;
  if (rootpath_resolve(l->root, interp, &real) <= 0)
    rc_error(l->d, path, "its #! line names \"", interp, "\", which does not exist in the image: install it, or fix the #! line") ;
  else if (arg && arg[0] != '-' && !strchr(arg, '/') && !strpbrk(arg, " \t") && is_env_runner(interp) && !in_image_path(l, arg))
    rc_error(l->d, path, "its #! line runs \"", arg, "\" through ", interp, ", and no ", arg,
      " is in the image's PATH (/command, /usr/bin, /bin...): install it, or fix the #! line") ;
  stralloc_free(&real) ;
}

static int has_crlf (char const *s, size_t len)
{
  for (char const *cr = memchr(s, '\r', len) ; cr ; cr = memchr(cr + 1, '\r', len - (size_t)(cr + 1 - s)))
    if ((size_t)(cr + 1 - s) < len && cr[1] == '\n') return 1 ;
  return 0 ;
}

static void check_text (rclint const *l, char const *path, stralloc *text, unsigned int flags)
{
  int crlf = has_crlf(text->s, text->len) ;
  if (crlf)
  {
    rc_error(l->d, path, (flags & RCLINT_CMDLINE)
      ? "has Windows line endings (CRLF), which execline reads as part of the words: convert it with dos2unix or sed -i 's/\\r$//'"
      : "has Windows line endings (CRLF), so its #! interpreter is looked for with a \\r at the end of its name: convert it with dos2unix or sed -i 's/\\r$//'") ;
    return ;
  }
  if (!(flags & RCLINT_KERNEL)) return ;
  if (text->len >= 4 && !memcmp(text->s, "\177ELF", 4)) return ;
  if (text->len < 2 || text->s[0] != '#' || text->s[1] != '!')
  {
    rc_error(l->d, path, "has no #! line and is not a binary, so it cannot be executed: add a #!/bin/sh line") ;
    return ;
  }
  if (!stralloc_0(text)) { l->d->nomem = 1 ; return ; }
  check_interpreter(l, path, text->s, text->len - 1) ;
}

void rclint_script (rclint const *l, char const *path, unsigned int flags)
{
  stralloc real = STRALLOC_ZERO, text = STRALLOC_ZERO ;
  struct stat st ;
  if (!rclint_real(l, path, &real) || stat(real.s, &st) < 0 || !S_ISREG(st.st_mode)) goto end ;
  if ((flags & RCLINT_MODE) && !(st.st_mode & 0111))
    rc_error(l->d, path, "is not executable, chmod +x it") ;
  if (!openslurpclose(&text, real.s)) goto end ;  /* unreadable: said by the reader */
  check_text(l, path, &text, flags) ;
 end:
  stralloc_free(&real) ;
  stralloc_free(&text) ;
}
