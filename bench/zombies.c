/* zombies: the CMD of the reaping benchmark, run under the init being measured
 * (built static with musl-gcc and copied into the container root).
 *
 *   /zombies [COUNT] [TIMEOUT_S]      (defaults 10000 and 60)
 *
 * Makes COUNT orphans: it starts COUNT children that each start a grandchild
 * and exit at once; it reaps the children itself, so every grandchild is
 * reparented to PID 1. The grandchildren wait on a pipe. Children and
 * grandchildren are processes made with clone(CLONE_VM) rather than fork():
 * separate processes with their own PIDs, but without the page-table copy
 * that makes fork() cost milliseconds on some VMs (20,000 forks would take
 * minutes there, and that is not what this measures). Once all of them are
 * orphans, closing the pipe's write end lets them all exit together: COUNT
 * zombies that only PID 1 can reap. It prints how long it took from that
 * moment until /proc shows no more processes than before the first fork:
 *   orphans COUNT reaped_us MICROSECONDS
 * Exit 0; 1 on a setup error; 2 if the zombies outlive TIMEOUT_S.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

/* processes in this PID namespace, zombies included: numeric entries of /proc */
static long count_procs(void)
{
	DIR *d = opendir("/proc");
	if (!d) { perror("zombies: /proc"); exit(1); }
	long n = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] >= '1' && e->d_name[0] <= '9') n++;
	}
	closedir(d);
	return n;
}

#define STACK (16 * 1024)
static int pipe_fds[2];
static char *gstacks;      /* one stack per grandchild: they all live at once */
static char *cstack;       /* the children run one at a time */
static long current;

static int grandchild(void *arg)
{
	(void)arg;
	char b;
	close(pipe_fds[1]); /* its own copy of the fd table: only the parent's end may remain */
	while (read(pipe_fds[0], &b, 1) < 0 && errno == EINTR) { }
	_exit(0);
}

static int child(void *arg)
{
	(void)arg;
	char *top = gstacks + (current + 1) * STACK;
	pid_t g = clone(grandchild, top, CLONE_VM | SIGCHLD, NULL);
	_exit(g < 0 ? 1 : 0);
}

int main(int argc, char **argv)
{
	long count = argc > 1 ? atol(argv[1]) : 10000;
	long timeout_s = argc > 2 ? atol(argv[2]) : 60;
	if (count < 1 || timeout_s < 1) {
		fprintf(stderr, "usage: zombies [COUNT] [TIMEOUT_S]\n");
		return 1;
	}
	if (getppid() == 0 && getpid() == 1) {
		fprintf(stderr, "zombies: I am PID 1; run me under an init\n");
		return 1;
	}
	int *p = pipe_fds;
	if (pipe(p) < 0) { perror("zombies: pipe"); return 1; }
	gstacks = mmap(NULL, (size_t)count * STACK, PROT_READ | PROT_WRITE,
	  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	cstack = mmap(NULL, STACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gstacks == MAP_FAILED || cstack == MAP_FAILED) { perror("zombies: mmap"); return 1; }
	long base = count_procs();
	long deadline = now_us() + timeout_s * 1000000L;

	for (long i = 0; i < count; i++) {
		current = i;
		pid_t c = clone(child, cstack + STACK, CLONE_VM | SIGCHLD, NULL);
		if (c < 0) {
			perror("zombies: clone");
			close(p[1]); /* let the ones made so far go */
			return 1;
		}
		int st;
		while (waitpid(c, &st, 0) < 0 && errno == EINTR) { }
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
			fprintf(stderr, "zombies: child %ld could not fork its grandchild\n", i);
			close(p[1]);
			return 1;
		}
	}
	close(p[0]);

	/* every grandchild is now PID 1's child, blocked in read(): release them */
	long t0 = now_us();
	close(p[1]);
	for (;;) {
		long n = count_procs();
		long t = now_us();
		if (n <= base) {
			printf("orphans %ld reaped_us %ld\n", count, t - t0);
			return 0;
		}
		if (t > deadline) {
			fprintf(stderr, "zombies: %ld processes still there after %ld s\n", n - base, timeout_s);
			return 2;
		}
		struct timespec ts = { 0, 200000 }; /* 0.2 ms between scans */
		nanosleep(&ts, NULL);
	}
}
