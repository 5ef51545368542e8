#include <sys/stat.h>
#include "unit.h"
#include "stages.h"

static int verdict (uid_t uid, gid_t gid, uid_t owner, gid_t group, mode_t mode, int optin)
{
  struct stat st ;
  st.st_uid = owner ; st.st_gid = group ; st.st_mode = S_IFDIR | mode ;
  return run_verdict(uid, gid, &st, optin) ;
}

TEST(root_takes_any_run)
{
  CHECK_INT(verdict(0, 0, 1000, 1000, 0700, 0), RUN_OK) ;
  CHECK_INT(verdict(0, 0, 0, 0, 0777, 0), RUN_OK) ;
}

TEST(a_user_takes_its_own_run)
{
  CHECK_INT(verdict(1000, 1000, 1000, 1000, 0755, 0), RUN_OK) ;
}

TEST(openshift_group_zero_group_writable_run_is_taken)
{
  CHECK_INT(verdict(123456, 0, 0, 0, 0775, 0), RUN_OK) ;
  CHECK_INT(verdict(123456, 1000, 0, 0, 0775, 0), RUN_SHARED) ;
}

TEST(sticky_world_writable_run_is_taken)
{
  CHECK_INT(verdict(1000, 1000, 0, 0, 01777, 0), RUN_OK) ;
}

TEST(root_owned_shared_run_needs_the_kubernetes_variable)
{
  CHECK_INT(verdict(1000, 1000, 0, 0, 0777, 0), RUN_SHARED) ;
  CHECK_INT(verdict(1000, 1000, 0, 0, 0777, 1), RUN_OK) ;
  CHECK_INT(verdict(1000, 1000, 0, 0, 0770, 1), RUN_OK) ;
}

TEST(anything_else_is_refused)
{
  CHECK_INT(verdict(1000, 1000, 0, 0, 0755, 1), RUN_REFUSED) ;
  CHECK_INT(verdict(1000, 1000, 2000, 2000, 0777, 0), RUN_REFUSED) ;
}
