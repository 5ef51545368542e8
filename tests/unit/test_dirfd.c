/* dirfd (issue 13 part 2) and copytree [R8], in a scratch directory */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "copytree.h"
#include "dirfd.h"

static char base[64] ;

/* a fresh scratch directory, as the cwd */
static void scratch (void)
{
  snprintf(base, sizeof(base), "/tmp/unit-dirfd-XXXXXX") ;
  if (!mkdtemp(base) || chdir(base) < 0) { perror("scratch") ; exit(1) ; }
}

static mode_t mode_of (char const *path)
{
  struct stat st ;
  return lstat(path, &st) < 0 ? (mode_t)-1 : st.st_mode & 07777 ;
}

static void put (char const *path, char const *s)
{
  FILE *f = fopen(path, "w") ;
  if (!f) { perror(path) ; exit(1) ; }
  fputs(s, f) ;
  fclose(f) ;
}

TEST(dirfd_make_refuses_a_link_and_sets_the_exact_mode)
{
  int fd ;
  scratch() ;
  CHECK(mkdir("outside", 0700) == 0) ;
  CHECK(symlink("outside", "planted") == 0) ;
  umask(077) ;
  fd = dirfd_make(AT_FDCWD, "planted", 0755, 0) ;
  CHECK_INT(fd, -1) ;
  CHECK_INT(errno, ELOOP) ;
  CHECK_INT(mode_of("outside"), 0700) ;
  fd = dirfd_make(AT_FDCWD, "made", 0755, 1) ;
  CHECK(fd >= 0) ;
  CHECK_INT(mode_of("made"), 0755) ;
  close(fd) ;
  CHECK_INT(dirfd_make(AT_FDCWD, "made", 0755, 1), -1) ;
  CHECK_INT(errno, EEXIST) ;
  fd = dirfd_make(AT_FDCWD, "made", 0700, 0) ;
  CHECK(fd >= 0) ;
  CHECK_INT(mode_of("made"), 0755) ;
  close(fd) ;
}

TEST(dirfd_rmrf_removes_links_never_what_they_point_to)
{
  scratch() ;
  CHECK(mkdir("outside", 0755) == 0) ;
  put("outside/keep", "x") ;
  CHECK(mkdir("tree", 0755) == 0 && mkdir("tree/sub", 0755) == 0) ;
  put("tree/sub/file", "y") ;
  CHECK(symlink("../../outside", "tree/sub/dirlink") == 0) ;
  CHECK(symlink("../outside/keep", "tree/filelink") == 0) ;
  CHECK_INT(dirfd_rmrf(AT_FDCWD, "tree"), 0) ;
  CHECK(access("tree", F_OK) < 0) ;
  CHECK(access("outside/keep", F_OK) == 0) ;
  CHECK_INT(dirfd_rmrf(AT_FDCWD, "tree"), 0) ;
  CHECK(symlink("outside", "alink") == 0) ;
  CHECK_INT(dirfd_rmrf(AT_FDCWD, "alink"), 0) ;
  CHECK(access("outside/keep", F_OK) == 0) ;
}

TEST(dirfd_pin_chmod_chown_act_on_what_was_looked_up)
{
  struct stat st ;
  int fd ;
  scratch() ;
  put("target", "x") ;
  CHECK(chmod("target", 0644) == 0) ;
  CHECK(symlink("target", "link") == 0) ;
  fd = dirfd_pin(AT_FDCWD, "link", 0, &st) ;
  CHECK(fd >= 0 && S_ISLNK(st.st_mode)) ;
  close(fd) ;
  fd = dirfd_pin(AT_FDCWD, "file", 0, &st) ;
  CHECK_INT(fd, -1) ;
  put("file", "y") ;
  fd = dirfd_pin(AT_FDCWD, "file", 0, &st) ;
  CHECK(fd >= 0 && S_ISREG(st.st_mode)) ;
  /* the name now points elsewhere: the pinned file changes, not the target */
  CHECK(rename("file", "file.old") == 0 && symlink("target", "file") == 0) ;
  CHECK_INT(dirfd_chmod(fd, 0600), 0) ;
  CHECK_INT(dirfd_chown(fd, getuid(), getgid()), 0) ;
  close(fd) ;
  CHECK_INT(mode_of("file.old"), 0600) ;
  CHECK_INT(mode_of("target"), 0644) ;
}

TEST(dirfd_write_refuses_to_write_through_a_link)
{
  char buf[8] = { 0 } ;
  int fd ;
  scratch() ;
  put("victim", "safe") ;
  CHECK(symlink("victim", "planted") == 0) ;
  CHECK_INT(dirfd_write(AT_FDCWD, "planted", "evil", 4, 0644), -1) ;
  CHECK_INT(errno, ELOOP) ;
  fd = open("victim", O_RDONLY) ;
  CHECK(read(fd, buf, 7) == 4) ;
  close(fd) ;
  CHECK_STR(buf, "safe") ;
}

TEST(copytree_copies_what_links_point_to_and_refuses_dangling_ones)
{
  struct stat st ;
  scratch() ;
  CHECK(mkdir("img", 0755) == 0 && mkdir("img/scripts", 0755) == 0 && mkdir("img/shared", 0755) == 0) ;
  CHECK(mkdir("img/def", 0755) == 0) ;
  put("img/scripts/web", "#!/bin/sh\n") ;
  CHECK(chmod("img/scripts/web", 0755) == 0) ;
  put("img/shared/greeting", "hello\n") ;
  CHECK(symlink("../scripts/web", "img/def/run") == 0) ;
  CHECK(symlink("../shared", "img/def/data") == 0) ;
  CHECK(mkdir("run", 0755) == 0) ;
  CHECK_INT(copytree("img/def", "run/web", 0), 1) ;
  CHECK(lstat("run/web/run", &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0755) ;
  CHECK(lstat("run/web/data", &st) == 0 && S_ISDIR(st.st_mode)) ;
  CHECK(lstat("run/web/data/greeting", &st) == 0 && S_ISREG(st.st_mode)) ;
  /* again onto the copy: replaced, not written through */
  CHECK_INT(copytree("img/def", "run/web", 0), 1) ;
  CHECK(symlink("../nowhere", "img/def/finish") == 0) ;
  CHECK_INT(copytree("img/def", "run/broken", 0), 0) ;
  CHECK(access("run/broken", F_OK) < 0) ;
  CHECK_INT(copytree("img/def", "run/kept", COPYTREE_KEEP_PARTIAL), 0) ;
  CHECK(access("run/kept/run", F_OK) == 0 && access("run/kept/finish", F_OK) < 0) ;
}

TEST(copytree_link_exec_links_to_the_resolved_absolute_target)
{
  char target[PATH_MAX], expect[PATH_MAX] ;
  ssize_t r ;
  scratch() ;
  CHECK(mkdir("img", 0755) == 0 && mkdir("img/scripts", 0755) == 0 && mkdir("img/def", 0755) == 0) ;
  put("img/scripts/web", "#!/bin/sh\n") ;
  CHECK(chmod("img/scripts/web", 0755) == 0) ;
  CHECK(symlink("../scripts/web", "img/def/run") == 0) ;
  CHECK_INT(copytree("img/def", "copy", COPYTREE_LINK_EXEC), 1) ;
  r = readlink("copy/run", target, sizeof(target) - 1) ;
  CHECK(r > 0) ;
  target[r > 0 ? r : 0] = 0 ;
  CHECK(realpath("img/scripts/web", expect) != 0) ;
  CHECK(!strcmp(target, expect)) ;
}
