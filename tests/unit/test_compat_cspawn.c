/* Unit tests for the compat layer's cspawn()/gcspawn()
 * (packaging/compat/README.md says what they must do). Each test runs in its
 * own child (tests/unit/runner.c), so changing the signal state is safe. The
 * spawned programs are /bin/sh and /bin/cat: the checks read the child's
 * own view of itself from /proc/self. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <skalibs/cspawn.h>
#include <skalibs/selfpipe.h>

#include "unit.h"

extern char **environ;
#define ENVP ((char const *const *)environ)

/* Spawns argv with its stdout on a pipe plus the extra file actions, reads
 * everything it prints into out, reaps it and returns its wait status. */
static int run_capture (char const *const *argv, uint32_t flags, cspawn_fileaction const *extra, size_t nextra, char *out, size_t max)
{
  cspawn_fileaction fa[8] ;
  int p[2], wstat ;
  pid_t pid ;
  CHECK(nextra <= 6) ;
  CHECK(pipe(p) == 0) ;
  fa[0].type = CSPAWN_FA_CLOSE ; fa[0].x.fd = p[0] ;
  fa[1].type = CSPAWN_FA_MOVE ; fa[1].x.fd2[0] = 1 ; fa[1].x.fd2[1] = p[1] ;
  for (size_t i = 0 ; i < nextra ; i++) fa[2 + i] = extra[i] ;
  pid = cspawn(argv[0], argv, ENVP, flags, fa, 2 + nextra) ;
  CHECK(pid > 0) ;
  close(p[1]) ;
  unit_read_all(p[0], out, max) ;
  close(p[0]) ;
  CHECK_INT(waitpid(pid, &wstat, 0), pid) ;
  return wstat ;
}

/* The hex mask after "key:\t" in a /proc/<pid>/status text. */
static unsigned long long status_mask (char const *status, char const *key)
{
  char needle[32] ;
  char const *s ;
  snprintf(needle, sizeof needle, "\n%s:\t", key) ;
  s = strstr(status, needle) ;
  CHECK(s != 0) ;
  return s ? strtoull(s + strlen(needle), 0, 16) : 0 ;
}

static unsigned long long sigbit (int sig)
{
  return 1ULL << (sig - 1) ;
}

static void child_status (uint32_t flags, char *out, size_t max)
{
  char const *argv[] = { "/bin/cat", "/proc/self/status", 0 } ;
  int wstat = run_capture(argv, flags, 0, 0, out, max) ;
  CHECK(WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
}

TEST(cspawn_runs_program_and_returns_its_pid)
{
  char const *argv[] = { "/bin/sh", "-c", "echo $$; exit 7", 0 } ;
  char out[64] ;
  int p[2], wstat ;
  cspawn_fileaction fa[1] ;
  pid_t pid ;
  CHECK(pipe(p) == 0) ;
  fa[0].type = CSPAWN_FA_MOVE ; fa[0].x.fd2[0] = 1 ; fa[0].x.fd2[1] = p[1] ;
  pid = cspawn(argv[0], argv, ENVP, 0, fa, 1) ;
  CHECK(pid > 0) ;
  close(p[1]) ;
  unit_read_all(p[0], out, sizeof out) ;
  CHECK_INT(atoi(out), pid) ;
  CHECK_INT(waitpid(pid, &wstat, 0), pid) ;
  CHECK(WIFEXITED(wstat)) ;
  CHECK_INT(WEXITSTATUS(wstat), 7) ;
}

TEST(cspawn_searches_path)
{
  char const *argv[] = { "sh", "-c", "echo found", 0 } ;
  char out[64] ;
  int wstat = run_capture(argv, 0, 0, 0, out, sizeof out) ;
  CHECK(WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
  CHECK_STR(out, "found\n") ;
}

TEST(cspawn_missing_program_returns_0_enoent_and_reaps)
{
  char const *argv[] = { "/nonexistent/bosun-no-such-program", 0 } ;
  sigset_t before, after ;
  sigprocmask(SIG_SETMASK, 0, &before) ;
  errno = 0 ;
  CHECK_INT(cspawn(argv[0], argv, ENVP, 0, 0, 0), 0) ;
  CHECK_INT(errno, ENOENT) ;
  /* the failed child is already reaped: nothing is left to wait for */
  CHECK_INT(waitpid(-1, 0, WNOHANG), -1) ;
  CHECK_INT(errno, ECHILD) ;
  /* and the caller's mask is back as it was */
  sigprocmask(SIG_SETMASK, 0, &after) ;
  for (int sig = 1 ; sig < 65 ; sig++) CHECK_INT(sigismember(&after, sig), sigismember(&before, sig)) ;
}

TEST(cspawn_not_executable_returns_0_eacces)
{
  char const *argv[] = { "/etc/passwd", 0 } ;
  errno = 0 ;
  CHECK_INT(cspawn(argv[0], argv, ENVP, 0, 0, 0), 0) ;
  CHECK_INT(errno, EACCES) ;
}

TEST(cspawn_failed_file_action_returns_its_errno)
{
  char const *argv[] = { "/bin/true", 0 } ;
  cspawn_fileaction fa[1] ;
  fa[0].type = CSPAWN_FA_OPEN ;
  fa[0].x.openinfo.fd = 0 ;
  fa[0].x.openinfo.file = "/nonexistent/bosun-no-such-file" ;
  fa[0].x.openinfo.oflag = O_RDONLY ;
  fa[0].x.openinfo.mode = 0 ;
  errno = 0 ;
  CHECK_INT(cspawn(argv[0], argv, ENVP, 0, fa, 1), 0) ;
  CHECK_INT(errno, ENOENT) ;
}

TEST(cspawn_fa_move_and_copy)
{
  /* stdout goes to the pipe (MOVE), then stderr is a copy of it (COPY) */
  char const *argv[] = { "/bin/sh", "-c", "echo out; echo err >&2", 0 } ;
  cspawn_fileaction fa[1] ;
  char out[64] ;
  fa[0].type = CSPAWN_FA_COPY ; fa[0].x.fd2[0] = 2 ; fa[0].x.fd2[1] = 1 ;
  run_capture(argv, 0, fa, 1, out, sizeof out) ;
  CHECK_STR(out, "out\nerr\n") ;
}

TEST(cspawn_fa_close)
{
  char script[128] ;
  char const *argv[] = { "/bin/sh", "-c", script, 0 } ;
  cspawn_fileaction fa[1] ;
  char out[64] ;
  int fd = open("/dev/null", O_RDONLY) ;  /* not close-on-exec: inherited */
  CHECK(fd > 2) ;
  snprintf(script, sizeof script, "if [ -e /proc/self/fd/%d ] ; then echo open ; else echo closed ; fi", fd) ;
  run_capture(argv, 0, 0, 0, out, sizeof out) ;
  CHECK_STR(out, "open\n") ;
  fa[0].type = CSPAWN_FA_CLOSE ; fa[0].x.fd = fd ;
  run_capture(argv, 0, fa, 1, out, sizeof out) ;
  CHECK_STR(out, "closed\n") ;
}

TEST(cspawn_fa_move_onto_itself_keeps_the_fd)
{
  char script[128] ;
  char const *argv[] = { "/bin/sh", "-c", script, 0 } ;
  cspawn_fileaction fa[1] ;
  char out[64] ;
  int fd = open("/dev/null", O_RDONLY | O_CLOEXEC) ;
  CHECK(fd > 2) ;
  snprintf(script, sizeof script, "if [ -e /proc/self/fd/%d ] ; then echo open ; else echo closed ; fi", fd) ;
  run_capture(argv, 0, 0, 0, out, sizeof out) ;
  CHECK_STR(out, "closed\n") ;
  fa[0].type = CSPAWN_FA_MOVE ; fa[0].x.fd2[0] = fd ; fa[0].x.fd2[1] = fd ;
  run_capture(argv, 0, fa, 1, out, sizeof out) ;
  CHECK_STR(out, "open\n") ;
}

TEST(cspawn_fa_open)
{
  char path[] = "/tmp/bosun-unit-cspawn-XXXXXX" ;
  char const *argv[] = { "/bin/cat", 0 } ;
  cspawn_fileaction fa[1] ;
  char out[64] ;
  int fd = mkstemp(path) ;
  CHECK(fd >= 0) ;
  CHECK_INT(write(fd, "from a file\n", 12), 12) ;
  close(fd) ;
  fa[0].type = CSPAWN_FA_OPEN ;
  fa[0].x.openinfo.fd = 0 ;
  fa[0].x.openinfo.file = path ;
  fa[0].x.openinfo.oflag = O_RDONLY ;
  fa[0].x.openinfo.mode = 0 ;
  run_capture(argv, 0, fa, 1, out, sizeof out) ;
  unlink(path) ;
  CHECK_STR(out, "from a file\n") ;
}

TEST(cspawn_error_pipe_survives_fa_on_its_number)
{
  /* With 0 closed, the layer's internal error pipe gets low numbers; file
   * actions onto every low number must not hide an exec failure. */
  char const *argv[] = { "/nonexistent/bosun-no-such-program", 0 } ;
  cspawn_fileaction fa[10] ;
  size_t n = 0 ;
  int null = open("/dev/null", O_RDONLY) ;
  CHECK(null > 2) ;
  close(0) ;
  for (int fd = 0 ; fd < 10 ; fd++)
  {
    if (fd == 1 || fd == 2 || fd == null) continue ;
    fa[n].type = CSPAWN_FA_COPY ; fa[n].x.fd2[0] = fd ; fa[n].x.fd2[1] = null ;
    n++ ;
  }
  errno = 0 ;
  CHECK_INT(cspawn(argv[0], argv, ENVP, 0, fa, n), 0) ;
  CHECK_INT(errno, ENOENT) ;
}

/* pid, pgrp and session of the child, from its /proc/self/stat */
static void child_ids (uint32_t flags, long *pid, long *pgrp, long *sid)
{
  char const *argv[] = { "/bin/sh", "-c", "echo $$ ; cat /proc/$$/stat", 0 } ;
  char out[1024] ;
  char const *s ;
  char state ;
  long ppid ;
  /* $$ is the spawned sh itself, so /proc/$$/stat describes the child */
  run_capture(argv, flags, 0, 0, out, sizeof out) ;
  *pid = atol(out) ;
  s = strrchr(out, ')') ;
  CHECK(s != 0) ;
  if (!s) return ;  /* CHECK has already failed the test; keeps analyzers sure */
  CHECK_INT(sscanf(s + 1, " %c %ld %ld %ld", &state, &ppid, pgrp, sid), 4) ;
}

TEST(cspawn_setsid_makes_session_and_group_leader)
{
  long pid, pgrp, sid ;
  child_ids(CSPAWN_FLAGS_SETSID, &pid, &pgrp, &sid) ;
  CHECK(pid > 0) ;
  CHECK_INT(sid, pid) ;
  CHECK_INT(pgrp, pid) ;
}

TEST(cspawn_without_setsid_stays_in_callers_session_and_group)
{
  long pid, pgrp, sid ;
  child_ids(0, &pid, &pgrp, &sid) ;
  CHECK_INT(sid, getsid(0)) ;
  CHECK_INT(pgrp, getpgrp()) ;
}

TEST(cspawn_keeps_callers_mask_by_default)
{
  char out[4096] ;
  sigset_t set ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGUSR1) ;
  CHECK(sigprocmask(SIG_BLOCK, &set, 0) == 0) ;
  child_status(0, out, sizeof out) ;
  CHECK_INT(status_mask(out, "SigBlk") & sigbit(SIGUSR1), sigbit(SIGUSR1)) ;
}

TEST(cspawn_sigblocknone_empties_mask)
{
  char out[4096] ;
  sigset_t set, after ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGUSR1) ;
  sigaddset(&set, SIGTERM) ;
  CHECK(sigprocmask(SIG_BLOCK, &set, 0) == 0) ;
  child_status(CSPAWN_FLAGS_SIGBLOCKNONE, out, sizeof out) ;
  CHECK_INT(status_mask(out, "SigBlk"), 0) ;
  /* the caller's own mask is untouched */
  sigprocmask(SIG_SETMASK, 0, &after) ;
  CHECK(sigismember(&after, SIGUSR1) == 1) ;
  CHECK(sigismember(&after, SIGTERM) == 1) ;
}

static void on_usr2 (int sig)
{
  (void)sig ;
}

TEST(cspawn_resets_caught_keeps_ignored_dispositions)
{
  char out[4096] ;
  struct sigaction sa ;
  memset(&sa, 0, sizeof sa) ;
  sigemptyset(&sa.sa_mask) ;
  sa.sa_handler = &on_usr2 ;
  CHECK(sigaction(SIGUSR2, &sa, 0) == 0) ;
  sa.sa_handler = SIG_IGN ;
  CHECK(sigaction(SIGHUP, &sa, 0) == 0) ;
  child_status(0, out, sizeof out) ;
  CHECK_INT(status_mask(out, "SigCgt") & sigbit(SIGUSR2), 0) ;
  CHECK_INT(status_mask(out, "SigIgn") & sigbit(SIGHUP), sigbit(SIGHUP)) ;
  CHECK_INT(status_mask(out, "SigIgn") & sigbit(SIGUSR2), 0) ;
}

TEST(cspawn_selfpipe_finish_undoes_selfpipe)
{
  char out[4096] ;
  CHECK(selfpipe_init() >= 0) ;
  CHECK(selfpipe_trap(SIGTERM) == 1) ;
  /* without the flag the child inherits the selfpipe's blocked signal */
  child_status(0, out, sizeof out) ;
  CHECK_INT(status_mask(out, "SigBlk") & sigbit(SIGTERM), sigbit(SIGTERM)) ;
  child_status(CSPAWN_FLAGS_SELFPIPE_FINISH, out, sizeof out) ;
  CHECK_INT(status_mask(out, "SigBlk") & sigbit(SIGTERM), 0) ;
  CHECK_INT(status_mask(out, "SigIgn") & sigbit(SIGTERM), 0) ;
  /* the caller's selfpipe still works */
  CHECK(kill(getpid(), SIGTERM) == 0) ;
  CHECK_INT(selfpipe_read(), SIGTERM) ;
}

TEST(gcspawn_runs_grandchild_and_reaps_the_middle)
{
  char const *argv[] = { "/bin/sh", "-c", "echo $$", 0 } ;
  cspawn_fileaction fa[1] ;
  char out[64] ;
  int p[2] ;
  pid_t pid ;
  CHECK(pipe(p) == 0) ;
  fa[0].type = CSPAWN_FA_MOVE ; fa[0].x.fd2[0] = 1 ; fa[0].x.fd2[1] = p[1] ;
  pid = gcspawn(argv[0], argv, ENVP, 0, fa, 1) ;
  CHECK(pid > 0) ;
  close(p[1]) ;
  unit_read_all(p[0], out, sizeof out) ;
  CHECK_INT(atoi(out), pid) ;
  /* the program is not our child, and no intermediate child is left */
  CHECK_INT(waitpid(-1, 0, WNOHANG), -1) ;
  CHECK_INT(errno, ECHILD) ;
}

TEST(gcspawn_missing_program_returns_0_enoent)
{
  char const *argv[] = { "/nonexistent/bosun-no-such-program", 0 } ;
  errno = 0 ;
  CHECK_INT(gcspawn(argv[0], argv, ENVP, 0, 0, 0), 0) ;
  CHECK_INT(errno, ENOENT) ;
  CHECK_INT(waitpid(-1, 0, WNOHANG), -1) ;
  CHECK_INT(errno, ECHILD) ;
}
