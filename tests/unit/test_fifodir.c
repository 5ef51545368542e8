#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "fifodir.h"

TEST(fifodir_names_look_like_s6s)
{
  char name[FIFODIR_NAMELEN + 1] ;
  fifodir_name(name) ;
  CHECK_INT(strlen(name), 39) ;
  CHECK(!strncmp(name, "ftrig1:@4000", 12)) ;
  CHECK(name[32] == ':') ;
  CHECK(fifodir_name_ok(name)) ;
  /* a name Debian's s6-svwait made */
  CHECK(fifodir_name_ok("ftrig1:@400000006b0456361e37f07e:mL-Rsa")) ;
  CHECK(!fifodir_name_ok("ftrig1:x")) ;
  CHECK(!fifodir_name_ok("ftrig1:@4000000000000000000000000:abcdef")) ;
  CHECK(!fifodir_name_ok("ftrig2:@400000006b0456361e37f07e:mL-Rsa")) ;
}

TEST(fifodir_notify_reaches_subscribers_and_removes_dead_ones)
{
  char dir[] = "/tmp/bosun-fifodir.XXXXXX" ;
  char ev[64] ;
  char dead[160], other[160], buf[16] ;
  struct stat st ;
  fifodir_sub sub = FIFODIR_SUB_ZERO ;
  CHECK(mkdtemp(dir)) ;
  snprintf(ev, sizeof ev, "%s/event", dir) ;
  CHECK(fifodir_make(ev)) ;
  CHECK(fifodir_make(ev)) ;
  CHECK(!stat(ev, &st)) ;
  CHECK_INT(st.st_mode & 07777, 03730) ;
  CHECK(fifodir_subscribe(&sub, ev)) ;
  CHECK_INT(fifodir_read(&sub, buf, sizeof buf), 0) ;
  snprintf(dead, sizeof dead, "%s/ftrig1:@400000006b0456361e37f07e:deadxx", ev) ;
  CHECK(!mkfifo(dead, 0600)) ;
  snprintf(other, sizeof other, "%s/ftrig1:other", ev) ;
  CHECK(!mkfifo(other, 0600)) ;
  CHECK(fifodir_notify(ev, "uU", 2)) ;
  CHECK_INT(fifodir_read(&sub, buf, sizeof buf), 2) ;
  CHECK(buf[0] == 'u' && buf[1] == 'U') ;
  CHECK(access(dead, F_OK) < 0) ;
  CHECK(!access(other, F_OK)) ;
  fifodir_unsubscribe(&sub) ;
  CHECK(access(sub.path, F_OK) < 0 || !sub.path[0]) ;
  {
    char cmd[512] ;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir) ;
    CHECK(!system(cmd)) ;
  }
}

TEST(fifodir_subscribe_leaves_only_the_final_name)
{
  char dir[] = "/tmp/bosun-fifodir.XXXXXX" ;
  char ev[64], cmd[512] ;
  fifodir_sub sub = FIFODIR_SUB_ZERO ;
  FILE *ls ;
  int n = 0 ;
  CHECK(mkdtemp(dir)) ;
  snprintf(ev, sizeof ev, "%s/event", dir) ;
  CHECK(fifodir_make(ev)) ;
  CHECK(fifodir_subscribe(&sub, ev)) ;
  CHECK(fifodir_name_ok(strrchr(sub.path, '/') + 1)) ;
  CHECK(!access(sub.path, F_OK)) ;
  /* [V8] no hidden name is left once subscribed */
  snprintf(cmd, sizeof cmd, "ls -A %s", ev) ;
  ls = popen(cmd, "r") ;
  CHECK(ls) ;
  if (ls)
  {
    char line[256] ;
    while (fgets(line, sizeof line, ls)) n++ ;
    pclose(ls) ;
  }
  CHECK_INT(n, 1) ;
  fifodir_unsubscribe(&sub) ;
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir) ;
  CHECK(!system(cmd)) ;
}
