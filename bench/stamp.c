/* stamp [PROG ARGS...]: prints the wall clock in microseconds since the
   epoch (what bash's EPOCHREALTIME shows on the host) on one line of
   stdout, then execs PROG. As a container's CMD it marks the moment stage
   2 handed over: the end of the boot. It also prints what the process
   has used before it (CPU time survives exec): stage 2's own work (hook,
   database, transitions) and its waited children's (the oneshots). */
#include <stdio.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

int main (int argc, char **argv)
{
  struct timespec ts ;
  clock_gettime(CLOCK_REALTIME, &ts) ;
  printf("stamp %lld\n", (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000) ;
  {
    struct rusage self, kids ;
    getrusage(RUSAGE_SELF, &self) ;
    getrusage(RUSAGE_CHILDREN, &kids) ;
    printf("cpu %ld %ld\n",
      (long)(self.ru_utime.tv_sec + self.ru_stime.tv_sec) * 1000000 + self.ru_utime.tv_usec + self.ru_stime.tv_usec,
      (long)(kids.ru_utime.tv_sec + kids.ru_stime.tv_sec) * 1000000 + kids.ru_utime.tv_usec + kids.ru_stime.tv_usec) ;
  }
  fflush(stdout) ;
  if (argc > 1)
  {
    execvp(argv[1], argv + 1) ;
    perror("stamp: exec") ;
    return 127 ;
  }
  return 0 ;
}
