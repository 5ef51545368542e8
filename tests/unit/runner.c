/* Runs every registered unit test in a child process. A test fails when it
 * calls unit_fail, crashes, or does not finish within UNIT_TIMEOUT seconds. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "unit.h"

#define UNIT_MAX 1024
#define UNIT_TIMEOUT 30

static struct { char const *name; unit_fn *fn; } units[UNIT_MAX];
static unsigned int nunits = 0;

void unit_register(char const *name, unit_fn *fn)
{
  if (nunits == UNIT_MAX) { fputs("unit: too many tests, raise UNIT_MAX\n", stderr); exit(111); }
  units[nunits].name = name;
  units[nunits].fn = fn;
  nunits++;
}

void unit_fail(char const *file, int line, char const *what)
{
  fprintf(stderr, "  %s:%d: check failed: %s\n", file, line, what);
  fflush(stderr);
  _exit(1);
}

size_t unit_read_all(int fd, char *buf, size_t max)
{
  size_t len = 0;
  for (;;)
  {
    ssize_t r = read(fd, buf + len, max - 1 - len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    len += (size_t)r;
    if (len == max - 1) break;
  }
  buf[len] = 0;
  return len;
}

static int run_one(unsigned int i, char const *filter)
{
  int wstat;
  pid_t pid;
  if (filter && !strstr(units[i].name, filter)) return -1;
  fflush(stdout);
  pid = fork();
  if (pid < 0) { perror("unit: fork"); exit(111); }
  if (!pid)
  {
    alarm(UNIT_TIMEOUT);
    (*units[i].fn)();
    _exit(0);
  }
  if (waitpid(pid, &wstat, 0) < 0) { perror("unit: waitpid"); exit(111); }
  if (WIFEXITED(wstat) && !WEXITSTATUS(wstat)) { printf("ok %s\n", units[i].name); return 1; }
  if (WIFSIGNALED(wstat)) printf("FAIL %s (signal %d)\n", units[i].name, WTERMSIG(wstat));
  else printf("FAIL %s\n", units[i].name);
  return 0;
}

int main(int argc, char **argv)
{
  unsigned int passed = 0, failed = 0;
  char const *filter = argc > 1 ? argv[1] : 0;
  for (unsigned int i = 0; i < nunits; i++)
  {
    int r = run_one(i, filter);
    if (r > 0) passed++;
    else if (!r) failed++;
  }
  printf("unit: %u passed, %u failed\n", passed, failed);
  return failed ? 1 : 0;
}
