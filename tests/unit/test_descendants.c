#include "unit.h"
#include "descendants.h"

TEST(descendants_follow_parent_chains_in_any_order)
{
  /* 10 is root; 11, 12 its children; 13 child of 12; 14 child of 13
     listed before its parents; 20 and 21 are strangers; 1 is init */
  pid_t pids[]  = { 14, 1, 10, 11, 12, 13, 20, 21 } ;
  pid_t ppids[] = { 13, 0,  1, 10, 10, 12,  1, 20 } ;
  unsigned char mark[8] ;
  CHECK_INT(descendants_mark(10, pids, ppids, 8, mark), 4) ;
  CHECK(mark[0] && !mark[1] && !mark[2] && mark[3] && mark[4] && mark[5] && !mark[6] && !mark[7]) ;
}

TEST(descendants_survive_cycles_and_unknown_parents)
{
  pid_t pids[]  = { 5, 6, 7 } ;
  pid_t ppids[] = { 6, 5, 99 } ;
  unsigned char mark[3] ;
  CHECK_INT(descendants_mark(1, pids, ppids, 3, mark), 0) ;
}

TEST(ppid_is_read_after_the_last_parenthesis)
{
  pid_t ppid = 0 ;
  char const a[] = "123 (sh) S 45 123 123 0" ;
  char const b[] = "7 (we (ird) ) R 1 7 7" ;
  CHECK(proc_stat_ppid(a, sizeof(a) - 1, &ppid)) ; CHECK_INT(ppid, 45) ;
  CHECK(proc_stat_ppid(b, sizeof(b) - 1, &ppid)) ; CHECK_INT(ppid, 1) ;
  CHECK(!proc_stat_ppid("garbage", 7, &ppid)) ;
}

TEST(zombies_are_told_after_the_last_parenthesis)
{
  char const z[] = "9 (a) Z) S 1 9 9" ;
  char const zz[] = "9 (a) S) Z 1 9 9" ;
  char const x[] = "10 (b) X 1 10 10" ;
  CHECK(!proc_stat_dead(z, sizeof(z) - 1)) ;
  CHECK(proc_stat_dead(zz, sizeof(zz) - 1)) ;
  CHECK(proc_stat_dead(x, sizeof(x) - 1)) ;
  CHECK(!proc_stat_dead("garbage", 7)) ;
}
