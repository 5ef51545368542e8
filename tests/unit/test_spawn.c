/* Unit tests for init/lib/spawn.c [I1]: the group or session exists when
 * spawn_start returns (the race a kill of the group must never lose), fds
 * land where they are mapped even when sources and targets cross, nothing
 * else leaks with SPAWN_CLOSEFROM, signals are reset, and exec failures
 * say why and exit 126/127. Each test runs in its own child
 * (tests/unit/runner.c). The programs run are /bin/sh and its builtins. */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <skalibs/strerr.h>

#include "spawn.h"
#include "unit.h"

static char const *const pathenv[] = { "PATH=/bin:/usr/bin", 0 } ;

/* Runs sp with its fd outfd (1 or 2) on a pipe, reads all of it, reaps. */
static int run_capture (spawn *sp, unsigned int outfd, char *out, size_t max)
{
  int p[2], wstat ;
  int fds[3] = { -1, -1, -1 } ;
  pid_t pid ;
  CHECK(pipe(p) == 0) ;
  fds[outfd] = p[1] ;
  sp->fds = fds ; sp->nfds = 3 ;
  pid = spawn_start(sp) ;
  CHECK(pid > 0) ;
  close(p[1]) ;
  unit_read_all(p[0], out, max) ;
  close(p[0]) ;
  CHECK(waitpid(pid, &wstat, 0) == pid) ;
  return wstat ;
}

TEST(spawn_pgroup_exists_when_it_returns)
{
  char const *const argv[] = { "/bin/sh", "-c", "exec sleep 10", 0 } ;
  spawn sp = SPAWN_ZERO ;
  int wstat ;
  pid_t pid ;
  sp.who = "test" ; sp.argv = argv ; sp.envp = pathenv ; sp.flags = SPAWN_PGROUP ;
  pid = spawn_start(&sp) ;
  CHECK(pid > 0) ;
  CHECK_INT(getpgid(pid), pid) ;
  CHECK(kill(-pid, SIGKILL) == 0) ;
  CHECK(waitpid(pid, &wstat, 0) == pid) ;
  CHECK(WIFSIGNALED(wstat) && WTERMSIG(wstat) == SIGKILL) ;
}

TEST(spawn_session_exists_when_it_returns)
{
  char const *const argv[] = { "/bin/sh", "-c", "exec sleep 10", 0 } ;
  spawn sp = SPAWN_ZERO ;
  pid_t pid ;
  sp.who = "test" ; sp.argv = argv ; sp.envp = pathenv ; sp.flags = SPAWN_SESSION ;
  pid = spawn_start(&sp) ;
  CHECK(pid > 0) ;
  CHECK_INT(getsid(pid), pid) ;
  CHECK_INT(getpgid(pid), pid) ;
  CHECK(kill(-pid, SIGKILL) == 0) ;
  CHECK(waitpid(pid, 0, 0) == pid) ;
}

/* 3 must end on 4's pipe and 4 on 3's: a naive dup2 order loses one */
TEST(spawn_maps_crossing_fds)
{
  char const *const argv[] = { "/bin/sh", "-c", "echo three >&3; echo four >&4", 0 } ;
  spawn sp = SPAWN_ZERO ;
  int a[2], b[2], wstat ;
  int fds[5] = { -1, -1, -1, -1, -1 } ;
  char out[64] ;
  pid_t pid ;
  CHECK(pipe(a) == 0 && pipe(b) == 0) ;
  /* every end away from 3 and 4 first */
  CHECK(dup2(a[0], 30) == 30 && dup2(b[0], 31) == 31) ;
  CHECK(dup2(a[1], 20) == 20 && dup2(b[1], 21) == 21) ;
  close(a[0]) ; close(b[0]) ; close(a[1]) ; close(b[1]) ;
  a[0] = 30 ; b[0] = 31 ;
  /* a's write end on 4, b's on 3: the child's 3 is a, its 4 is b */
  CHECK(dup2(20, 4) == 4 && dup2(21, 3) == 3) ;
  close(20) ; close(21) ;
  fds[3] = 4 ; fds[4] = 3 ;
  sp.who = "test" ; sp.argv = argv ; sp.envp = pathenv ; sp.fds = fds ; sp.nfds = 5 ;
  pid = spawn_start(&sp) ;
  CHECK(pid > 0) ;
  close(3) ; close(4) ;
  unit_read_all(a[0], out, sizeof out) ;
  CHECK_STR(out, "three\n") ;
  unit_read_all(b[0], out, sizeof out) ;
  CHECK_STR(out, "four\n") ;
  CHECK(waitpid(pid, &wstat, 0) == pid && WIFEXITED(wstat) && !WEXITSTATUS(wstat)) ;
}

TEST(spawn_closefrom_closes_what_was_not_given)
{
  char const *const argv[] = { "/bin/sh", "-c", "if [ -e /proc/self/fd/9 ]; then echo leak; else echo closed; fi", 0 } ;
  spawn sp = SPAWN_ZERO ;
  char out[64] ;
  int fd = open("/dev/null", O_RDONLY) ;
  CHECK(fd >= 0 && dup2(fd, 9) == 9) ;
  sp.who = "test" ; sp.argv = argv ; sp.envp = pathenv ;
  run_capture(&sp, 1, out, sizeof out) ;
  CHECK_STR(out, "leak\n") ;
  sp.flags = SPAWN_CLOSEFROM ;
  run_capture(&sp, 1, out, sizeof out) ;
  CHECK_STR(out, "closed\n") ;
}

TEST(spawn_resets_signals)
{
  char const *const argv[] = { "/bin/sh", "-c", "grep -E '^Sig(Blk|Ign)' /proc/self/status", 0 } ;
  spawn sp = SPAWN_ZERO ;
  sigset_t set ;
  char out[256] ;
  sigemptyset(&set) ;
  sigaddset(&set, SIGTERM) ;
  sigaddset(&set, SIGCHLD) ;
  CHECK(sigprocmask(SIG_BLOCK, &set, 0) == 0) ;
  CHECK(signal(SIGHUP, SIG_IGN) != SIG_ERR) ;
  sp.who = "test" ; sp.argv = argv ; sp.envp = pathenv ;
  run_capture(&sp, 1, out, sizeof out) ;
  CHECK(strstr(out, "SigBlk:\t0000000000000000\n") != 0) ;
  CHECK(strstr(out, "SigIgn:\t0000000000000000\n") != 0) ;
}

TEST(spawn_exec_failures_say_why)
{
  char const *missing[] = { "/no/such/program", 0 } ;
  char const *nopath[] = { "no-such-program-here", 0 } ;
  char const *noexec[] = { "/tmp/bosun-unit-noexec", 0 } ;
  spawn sp = SPAWN_ZERO ;
  char out[512] ;
  int wstat ;
  int fd ;
  PROG = "bosun: unit" ;
  sp.who = "service web" ; sp.envp = pathenv ; sp.tail = ", retrying" ;
  sp.argv = missing ;
  wstat = run_capture(&sp, 2, out, sizeof out) ;
  CHECK(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 127) ;
  CHECK(!strcmp(out, "bosun: unit: warning: service web: /no/such/program is missing, create it (an executable script or program), retrying\n")) ;
  sp.argv = nopath ; sp.tail = 0 ; sp.level = "error" ;
  wstat = run_capture(&sp, 2, out, sizeof out) ;
  CHECK(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 127) ;
  CHECK(!strcmp(out, "bosun: unit: error: service web: no-such-program-here is not found in PATH, give its absolute path or fix PATH\n")) ;
  unlink(noexec[0]) ;
  fd = open(noexec[0], O_WRONLY | O_CREAT | O_EXCL, 0644) ;
  CHECK(fd >= 0 && write(fd, "#!/bin/sh\n", 10) == 10) ;
  close(fd) ;
  sp.argv = noexec ;
  wstat = run_capture(&sp, 2, out, sizeof out) ;
  unlink(noexec[0]) ;
  CHECK(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 126) ;
  CHECK(strstr(out, "/tmp/bosun-unit-noexec is not executable, chmod +x it") != 0) ;
}

static void child_fn (void *ctx)
{
  char const *word = ctx ;
  if (write(1, word, strlen(word)) < 0) _exit(111) ;
  _exit(5) ;
}

TEST(spawn_runs_a_function_in_the_child)
{
  spawn sp = SPAWN_ZERO ;
  char out[64] ;
  int wstat ;
  char word[] = "in-child" ;
  sp.who = "test" ; sp.inchild = &child_fn ; sp.ctx = word ; sp.cwd = "/" ;
  wstat = run_capture(&sp, 1, out, sizeof out) ;
  CHECK(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 5) ;
  CHECK_STR(out, "in-child") ;
}

TEST(spawn_a_bad_cwd_is_said_and_exits_111)
{
  char const *const argv[] = { "/bin/sh", "-c", "echo ran", 0 } ;
  spawn sp = SPAWN_ZERO ;
  char out[256] ;
  int wstat ;
  PROG = "bosun: unit" ;
  sp.who = "service web" ; sp.argv = argv ; sp.envp = pathenv ; sp.cwd = "/no/such/dir" ;
  wstat = run_capture(&sp, 2, out, sizeof out) ;
  CHECK(WIFEXITED(wstat) && WEXITSTATUS(wstat) == 111) ;
  CHECK(strstr(out, "service web: unable to change directory to /no/such/dir: ") != 0) ;
}
