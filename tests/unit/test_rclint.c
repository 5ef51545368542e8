/* bosun check's run-time checks (rc/rclint.h), each class on a small image
   tree made here: a problem is reported naming its file, a good file is not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "rc/rclint.h"

static char img[64] ;

static void put (char const *inside, char const *text, mode_t mode)
{
  char p[512], cmd[600] ;
  FILE *f ;
  snprintf(p, sizeof(p), "%s%s", img, inside) ;
  snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", p) ;
  CHECK(system(cmd) == 0) ;
  f = fopen(p, "w") ;
  CHECK(f != 0) ;
  if (!f) return ;
  fputs(text, f) ;
  fclose(f) ;
  CHECK(chmod(p, mode) == 0) ;
}

static void link_to (char const *inside, char const *target)
{
  char p[512] ;
  snprintf(p, sizeof(p), "%s%s", img, inside) ;
  CHECK(symlink(target, p) == 0) ;
}

static void make_image (void)
{
  snprintf(img, sizeof(img), "/tmp/bosun-rclint-XXXXXX") ;
  CHECK(mkdtemp(img) != 0) ;
  put("/bin/sh", "\177ELF", 0755) ;
  put("/command/with-contenv", "\177ELF", 0755) ;
}

static void drop_image (void)
{
  char cmd[128] ;
  snprintf(cmd, sizeof(cmd), "rm -rf %s", img) ;
  CHECK(system(cmd) == 0) ;
}

/* runs fn on PATH (inside the image); the number of errors, and d's text */
static unsigned int script_errors (char const *inside, unsigned int flags, rcdiag *d)
{
  rclint l = { .root = img, .d = d } ;
  char p[512] ;
  rcdiag_free(d) ;
  snprintf(p, sizeof(p), "%s%s", img, inside) ;
  rclint_script(&l, p, flags) ;
  if (!stralloc_0(&d->lines)) return 1000 ;
  return d->errors ;
}

TEST(rclint_scripts_crlf_interpreters_modes)
{
  rcdiag d = RCDIAG_ZERO ;
  make_image() ;
  put("/s/good", "#!/bin/sh\necho hi\n", 0755) ;
  put("/s/contenv", "#!/command/with-contenv sh\necho hi\n", 0755) ;
  put("/s/crlf", "#!/bin/sh\r\necho hi\r\n", 0755) ;
  put("/s/bash", "#!/bin/bash\necho\n", 0755) ;
  put("/s/bashio", "#!/command/with-contenv bashio\necho\n", 0755) ;
  put("/s/noexec", "#!/bin/sh\n", 0644) ;
  put("/s/nosb", "echo hi\n", 0755) ;
  put("/s/up", "foreground { echo hi }\r\n", 0644) ;
  CHECK_INT(script_errors("/s/good", RCLINT_KERNEL | RCLINT_MODE, &d), 0) ;
  CHECK_INT(script_errors("/s/contenv", RCLINT_KERNEL | RCLINT_MODE, &d), 0) ;
  CHECK_INT(script_errors("/s/crlf", RCLINT_KERNEL, &d), 1) ;
  CHECK(strstr(d.lines.s, "/s/crlf: has Windows line endings (CRLF)") != 0) ;
  CHECK_INT(script_errors("/s/bash", RCLINT_KERNEL, &d), 1) ;
  CHECK(strstr(d.lines.s, "its #! line names \"/bin/bash\", which does not exist in the image") != 0) ;
  CHECK_INT(script_errors("/s/bashio", RCLINT_KERNEL, &d), 1) ;
  CHECK(strstr(d.lines.s, "runs \"bashio\" through /command/with-contenv") != 0) ;
  CHECK_INT(script_errors("/s/noexec", RCLINT_KERNEL, &d), 0) ;       /* made executable at copy */
  CHECK_INT(script_errors("/s/noexec", RCLINT_KERNEL | RCLINT_MODE, &d), 1) ;
  CHECK(strstr(d.lines.s, "is not executable, chmod +x it") != 0) ;
  CHECK_INT(script_errors("/s/nosb", RCLINT_KERNEL, &d), 1) ;
  CHECK_INT(script_errors("/s/nosb", RCLINT_CMDLINE, &d), 0) ;        /* execline: no #! needed */
  CHECK_INT(script_errors("/s/up", RCLINT_CMDLINE, &d), 1) ;
  CHECK(strstr(d.lines.s, "which execline reads as part of the words") != 0) ;
  CHECK_INT(script_errors("/s/absent", RCLINT_KERNEL, &d), 0) ;       /* left to the readers */
  rcdiag_free(&d) ;
  drop_image() ;
}

static unsigned int dir_errors (void (*fn)(rclint const *, char const *), char const *inside, rcdiag *d)
{
  rclint l = { .root = img, .d = d } ;
  char p[512] ;
  rcdiag_free(d) ;
  snprintf(p, sizeof(p), "%s%s", img, inside) ;
  (*fn)(&l, p) ;
  if (!stralloc_0(&d->lines)) return 1000 ;
  return d->errors ;
}

TEST(rclint_env_files_and_links)
{
  rcdiag d = RCDIAG_ZERO ;
  make_image() ;
  put("/a/env/env", "# c\nA=1\r\nB=x=y\n", 0644) ;
  put("/b/env/env", "A=1\nJUSTANAME\n", 0644) ;
  put("/c/env/OK", "1\n", 0644) ;
  put("/c/env/SUB/x", "", 0644) ;
  put("/d/env/OK", "1\n", 0644) ;
  CHECK_INT(dir_errors(&rclint_env, "/a", &d), 0) ;
  CHECK_INT(dir_errors(&rclint_env, "/b", &d), 1) ;
  CHECK(strstr(d.lines.s, "/b/env/env: line 2: no '=' after the variable name") != 0) ;
  CHECK_INT(dir_errors(&rclint_env, "/c", &d), 1) ;
  CHECK(strstr(d.lines.s, "/c/env/SUB: cannot be read as a variable") != 0) ;
  CHECK_INT(dir_errors(&rclint_env, "/d", &d), 0) ;
  put("/scripts/web", "#!/bin/sh\n", 0755) ;
  put("/l/data/deep/file", "", 0644) ;
  link_to("/l/run", "../scripts/web") ;
  link_to("/l/abs", "/scripts/web") ;
  CHECK_INT(dir_errors(&rclint_links, "/l", &d), 0) ;
  link_to("/l/data/deep/gone", "../../nothing/here") ;
  link_to("/l/absgone", "/scripts/none") ;
  CHECK_INT(dir_errors(&rclint_links, "/l", &d), 2) ;
  CHECK(strstr(d.lines.s, "/l/data/deep/gone: is a link to \"../../nothing/here\", which points nowhere in the image (/l/nothing/here)") != 0) ;
  CHECK(strstr(d.lines.s, "/l/absgone: is a link to \"/scripts/none\", which points nowhere in the image (/scripts/none)") != 0) ;
  rcdiag_free(&d) ;
  drop_image() ;
}

static unsigned int fd_errors (unsigned int notif, int haslock, unsigned int lock, rcdiag *d)
{
  rclint l = { .root = img, .d = d } ;
  char p[512] ;
  rcdiag_free(d) ;
  snprintf(p, sizeof(p), "%s/f", img) ;
  rclint_fds(&l, p, 1, notif, haslock, lock) ;
  if (!stralloc_0(&d->lines)) return 1000 ;
  return d->errors ;
}

TEST(rclint_notification_fd_clashes)
{
  rcdiag d = RCDIAG_ZERO ;
  make_image() ;
  CHECK_INT(fd_errors(0, 0, 0, &d), 1) ;
  CHECK(strstr(d.lines.s, "/f/notification-fd: is 0, which is the service's stdin") != 0) ;
  CHECK_INT(fd_errors(1, 0, 0, &d), 1) ;
  CHECK_INT(fd_errors(2, 0, 0, &d), 1) ;
  CHECK_INT(fd_errors(3, 0, 0, &d), 0) ;
  CHECK_INT(fd_errors(4, 1, 4, &d), 1) ;
  CHECK(strstr(d.lines.s, "the same fd as lock-fd") != 0) ;
  CHECK_INT(fd_errors(4, 1, 5, &d), 0) ;
  put("/f/listen", "tcp:*:80\n\n# c\nweb tcp:*:443\n", 0644) ;
  CHECK_INT(fd_errors(4, 0, 0, &d), 1) ;
  CHECK(strstr(d.lines.s, "one of the sockets of listen") != 0) ;
  CHECK_INT(fd_errors(5, 0, 0, &d), 0) ;
  rcdiag_free(&d) ;
  drop_image() ;
}

TEST(rclint_legacy_directories)
{
  rcdiag d = RCDIAG_ZERO ;
  rclint l = { .root = img, .d = &d } ;
  char conf[512] ;
  make_image() ;
  put("/etc/services.d/good/run", "#!/bin/sh\n", 0755) ;
  put("/etc/services.d/norun/finish", "#!/bin/sh\n", 0755) ;
  put("/etc/services.d/.skipped/x", "", 0644) ;
  put("/etc/cont-init.d/10-ok", "#!/bin/sh\n", 0755) ;
  put("/etc/cont-init.d/20-noexec", "#!/bin/sh\n", 0644) ;
  put("/etc/cont-finish.d/10-crlf", "#!/bin/sh\r\n", 0755) ;
  snprintf(conf, sizeof(conf), "%s/etc", img) ;
  rclint_legacy(&l, conf) ;
  CHECK(stralloc_0(&d.lines)) ;
  CHECK_INT(d.errors, 3) ;
  CHECK(strstr(d.lines.s, "/etc/services.d/norun/run: missing: a services.d service needs a run file") != 0) ;
  CHECK(strstr(d.lines.s, "/etc/cont-init.d/20-noexec: is not executable") != 0) ;
  CHECK(strstr(d.lines.s, "/etc/cont-finish.d/10-crlf: has Windows line endings") != 0) ;
  CHECK(strstr(d.lines.s, "skipped") == 0) ;
  rcdiag_free(&d) ;
  drop_image() ;
}
