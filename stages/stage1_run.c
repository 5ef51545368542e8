/* Stage 1, /run: make sure it is usable, link /var/run to it, remove the
   state a previous run of the same container left behind [B3], and create
   the directories the rest of the boot writes into. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <skalibs/direntry.h>
#include <skalibs/djbunix.h>
#include <skalibs/strerr.h>
#include <skalibs/types.h>
#include "dirfd.h"
#include "exitcode.h"
#include "paths.h"
#include "stages.h"

/* [P1]: which /run a user may take. Root may take any. Another user, one
   that it owns, a group-writable one of group 0 when it runs in group 0
   (OpenShift), a sticky world-writable one, or, only when the image says
   so, a root-owned group- or world-writable one (Kubernetes volumes):
   anything else could let another user tamper with the supervision tree. */
int run_verdict (uid_t uid, gid_t gid, struct stat const *st, int shared_run_ok)
{
  mode_t mode = st->st_mode & 07777 ;
  if (!uid || st->st_uid == uid) return RUN_OK ;
  if (!gid && !st->st_gid && (mode & 0070) == 0070) return RUN_OK ;
  if ((mode & 01000) && (mode & 0007) == 0007) return RUN_OK ;
  if (!st->st_uid && (mode & 0070) == 0070) return shared_run_ok ? RUN_OK : RUN_SHARED ;
  return RUN_REFUSED ;
}

static void mount_run_tmpfs (void)
{
  if (mount("tmpfs", BOSUN_RUN, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0)
    strerr_diefusys(100, "mount a tmpfs on " BOSUN_RUN " as S6_READ_ONLY_ROOT asks (it needs CAP_SYS_ADMIN): mount one yourself instead (docker run --read-only --tmpfs /run)") ;
}

static void check_run (config const *cfg)
{
  struct stat st ;
  char uidfmt[UINT_FMT], myuidfmt[UINT_FMT], modefmt[UINT_OFMT] ;
  int verdict ;
  if (stat(BOSUN_RUN, &st) < 0)
  {
    if (errno != ENOENT) strerr_diefusys(100, "stat " BOSUN_RUN) ;
    if (mkdir(BOSUN_RUN, 0755) < 0)
    {
      if (errno == EROFS)
        strerr_dief(100, BOSUN_RUN " does not exist and the root filesystem is read-only: mount a tmpfs on /run (docker run --read-only --tmpfs /run)") ;
      strerr_diefusys(100, "create " BOSUN_RUN ", which does not exist: create it in the image, or mount a tmpfs on /run (docker run --tmpfs /run)") ;
    }
    return ;
  }
  if (!S_ISDIR(st.st_mode)) strerr_dief(100, BOSUN_RUN " is not a directory: make it one in the image") ;
  uidfmt[uint_fmt(uidfmt, st.st_uid)] = 0 ;
  myuidfmt[uint_fmt(myuidfmt, getuid())] = 0 ;
  modefmt[uint_ofmt(modefmt, st.st_mode & 07777)] = 0 ;
  verdict = run_verdict(getuid(), getgid(), &st, cfg->shared_run_ok) ;
  if (verdict == RUN_SHARED)
    strerr_dief(100, BOSUN_RUN " (owner uid 0, mode 0", modefmt, ") is writable by other users than uid ", myuidfmt,
      ": set S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES=1 if that is wanted, or mount a tmpfs owned by this user (docker run --tmpfs /run:uid=UID)") ;
  if (verdict == RUN_OK)
  {
    if (!access(BOSUN_RUN, W_OK | X_OK)) return ;
    if (errno == EROFS)
    {
      if (cfg->read_only_root) { mount_run_tmpfs() ; return ; }
      strerr_dief(100, BOSUN_RUN " is on a read-only filesystem: mount a tmpfs on it (docker run --read-only --tmpfs /run), or set S6_READ_ONLY_ROOT=1") ;
    }
  }
  strerr_dief(100, BOSUN_RUN " (owner uid ", uidfmt, ", mode 0", modefmt, ") is not writable by uid ", myuidfmt,
    ": make it owned by that user, or mount a tmpfs on it (docker run --tmpfs /run:uid=UID)") ;
}

/* /var/run should be a link to /run: fixed when it is absent or an empty
   directory, a warning otherwise; the image is never modified beyond that. */
static void link_var_run (void)
{
  struct stat st ;
  char target[16] ;
  if (lstat(BOSUN_VARRUN, &st) == 0)
  {
    if (S_ISLNK(st.st_mode))
    {
      ssize_t r = readlink(BOSUN_VARRUN, target, sizeof(target) - 1) ;
      if (r > 0 && ((r == 4 && !memcmp(target, "/run", 4)) || (r == 6 && !memcmp(target, "../run", 6)))) return ;
    }
    else if (!S_ISDIR(st.st_mode) || rmdir(BOSUN_VARRUN) < 0)
    {
      strerr_warnw(BOSUN_VARRUN " is not a link to /run and cannot be replaced by one: what programs write there will not be cleaned at boot") ;
      return ;
    }
  }
  else if (errno != ENOENT) { strerr_warnwusys("stat " BOSUN_VARRUN) ; return ; }
  if (mkdir("/var", 0755) < 0 && errno != EEXIST) { strerr_warnwusys("create /var for the /var/run link") ; return ; }
  if (symlink(BOSUN_RUN, BOSUN_VARRUN) < 0 && errno != EEXIST)
    strerr_warnwusys("link " BOSUN_VARRUN " to " BOSUN_RUN) ;
}

/* The removal and the creations below are made on a directory fd of /run,
   never through a link: on a /run that other processes can write (a
   shared volume, [P1]'s world-writable ones), a link planted at one of
   these names is removed, never followed, and one planted between the
   removal and the creation stops the boot instead of redirecting it. */
static void remove_stale (int run)
{
  static char const *const stale[] =
  {
    "s6", "service", "s6-linux-init-container-results", "uncaught-logs", 0
  } ;
  DIR *d ;
  for (char const *const *p = stale ; *p ; p++)
    if (dirfd_rmrf(run, *p) < 0)
      strerr_diefusys(100, "remove " BOSUN_RUN "/", *p, " left by a previous run: remove it by hand or mount a fresh tmpfs on /run") ;
  /* s6-rc's live directories: /run/s6-rc and /run/s6-rc:XXXX */
  d = fdopendir(dirfd_reopen(run)) ;
  if (!d) strerr_diefusys(100, "list " BOSUN_RUN) ;
  for (;;)
  {
    struct dirent *de ;
    errno = 0 ;
    de = readdir(d) ;
    if (!de) break ;
    if (strncmp(de->d_name, "s6-rc", 5) != 0) continue ;
    if (dirfd_rmrf(run, de->d_name) < 0) strerr_diefusys(100, "remove " BOSUN_RUN "/", de->d_name, " left by a previous run") ;
  }
  dir_close(d) ;
}

/* right after the removal: a name that exists again was made by another
   process; path is for the message */
static int make_dir (int at, char const *name, char const *path)
{
  int fd = dirfd_make(at, name, 0755, 1) ;
  if (fd >= 0) return fd ;
  if (errno == EEXIST || errno == ELOOP)
    strerr_dief(100, path, " appeared again (a link or a directory made by another process) right after /init removed it: another process writes into " BOSUN_RUN ", give the container a /run of its own (docker run --tmpfs /run)") ;
  strerr_diefusys(100, "create ", path) ;
}

void stage1_prepare_run (config const *cfg)
{
  int run, s6, basedir ;
  check_run(cfg) ;
  link_var_run() ;
  run = open(BOSUN_RUN, O_RDONLY | O_DIRECTORY | O_CLOEXEC) ;
  if (run < 0) strerr_diefusys(100, "open " BOSUN_RUN) ;
  remove_stale(run) ;
  s6 = make_dir(run, "s6", BOSUN_S6) ;
  close(make_dir(s6, "bosun", BOSUN_STATE)) ;
  basedir = make_dir(s6, "basedir", "/run/s6/basedir") ;
  close(make_dir(basedir, "bin", BOSUN_BASEDIR_BIN)) ;
  close(make_dir(run, "service", BOSUN_SERVICEDIR)) ;
  close(make_dir(run, "s6-linux-init-container-results", BOSUN_RESULTS)) ;
  close(make_dir(run, "s6-rc", BOSUN_RC_LIVE)) ;
  close(basedir) ;
  close(s6) ;
  close(run) ;
  exitcode_create() ;
}
