#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <skalibs/djbunix.h>
#include "unit.h"
#include "orphan.h"

/* runs in a fresh directory with supervise/, as a supervisor does */
static int enter_tmp (char *dir, char *back, size_t backlen)
{
  if (!getcwd(back, backlen) || !mkdtemp(dir) || chdir(dir) < 0) return 0 ;
  return mkdir("supervise", 0700) == 0 ;
}

static void leave_tmp (char const *dir, char const *back)
{
  char cmd[512] ;
  if (chdir(back) < 0) return ;
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir) ;
  if (system(cmd)) return ;
}

TEST(orphan_record_round_trip_and_identity_by_start_time)
{
  char dir[] = "/tmp/bosun-orphan.XXXXXX" ;
  char back[4096] ;
  orphan_rec here, old ;
  pid_t parent = getppid() ;
  CHECK(enter_tmp(dir, back, sizeof back)) ;
  CHECK(!orphan_read(&old)) ;
  orphan_here(&here) ;
  CHECK_INT(here.treepid, parent) ;
  CHECK(here.treestart > 0) ;
  /* the parent stands for a live child: same pid and start time */
  CHECK(orphan_write(&here, parent, 'r')) ;
  CHECK(orphan_read(&old)) ;
  CHECK(orphan_same_tree(&old, &here)) ;
  CHECK_INT(old.pid, parent) ;
  CHECK(old.kind == 'r') ;
  CHECK_INT(orphan_alive(&old), parent) ;
  /* a pid reused since has another start time: not ours */
  old.start++ ;
  CHECK_INT(orphan_alive(&old), 0) ;
  old.treestart++ ;
  CHECK(!orphan_same_tree(&old, &here)) ;
  CHECK(orphan_write(&here, 0, 'r')) ;
  CHECK(orphan_read(&old)) ;
  CHECK(old.kind == '-' && !old.pid) ;
  CHECK_INT(orphan_alive(&old), 0) ;
  /* what another program may have left: refused */
  CHECK(openwritenclose_unsafe(ORPHAN_FILE, "1 2 3 4 r", 9)) ;
  CHECK(!orphan_read(&old)) ;
  CHECK(openwritenclose_unsafe(ORPHAN_FILE, "1 2 3 4 z\n", 10)) ;
  CHECK(!orphan_read(&old)) ;
  CHECK(openwritenclose_unsafe(ORPHAN_FILE, "1 x 3 4 r\n", 10)) ;
  CHECK(!orphan_read(&old)) ;
  leave_tmp(dir, back) ;
}

TEST(orphan_starttime_is_field_22)
{
  char buf[1024] ;
  ssize_t r = openreadnclose("/proc/self/stat", buf, sizeof buf - 1) ;
  unsigned long long want = 0 ;
  char const *p ;
  CHECK(r > 0) ;
  buf[r > 0 ? r : 0] = 0 ;
  p = strrchr(buf, ')') ;
  CHECK(p && sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %*d %*d %llu", &want) == 1) ;
  CHECK_INT(orphan_starttime(getpid()), want) ;
  CHECK_INT(orphan_starttime(0), 0) ;
}
