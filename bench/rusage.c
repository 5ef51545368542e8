/* rusage: run a command with stdin from FILE and print what it cost:
 *   rusage FILE CMD ARGS...
 * prints one line, "elapsed_us user_us sys_us maxrss_kib", after the
 * command exits 0 (else its status, and nothing). wait4 gives the child's
 * own CPU time and peak resident set, which `time` would need a package for.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long us (struct timeval t) { return (long long)t.tv_sec * 1000000 + t.tv_usec ; }

int main (int argc, char **argv)
{
  struct timespec a, b ;
  struct rusage ru ;
  int wstat, fd ;
  pid_t pid ;
  if (argc < 3) { fprintf(stderr, "usage: rusage FILE CMD ARGS...\n") ; return 100 ; }
  fd = open(argv[1], O_RDONLY) ;
  if (fd < 0) { perror(argv[1]) ; return 111 ; }
  clock_gettime(CLOCK_MONOTONIC, &a) ;
  pid = fork() ;
  if (pid < 0) { perror("fork") ; return 111 ; }
  if (!pid)
  {
    if (dup2(fd, 0) < 0) _exit(111) ;
    execvp(argv[2], argv + 2) ;
    perror(argv[2]) ;
    _exit(127) ;
  }
  if (wait4(pid, &wstat, 0, &ru) < 0) { perror("wait4") ; return 111 ; }
  clock_gettime(CLOCK_MONOTONIC, &b) ;
  if (!WIFEXITED(wstat) || WEXITSTATUS(wstat)) { fprintf(stderr, "rusage: %s failed (status %d)\n", argv[2], wstat) ; return 1 ; }
  printf("%lld %lld %lld %ld\n", (long long)(b.tv_sec - a.tv_sec) * 1000000 + (b.tv_nsec - a.tv_nsec) / 1000,
    us(ru.ru_utime), us(ru.ru_stime), ru.ru_maxrss) ;
  return 0 ;
}
