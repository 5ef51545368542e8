/* timeit: run several commands interleaved (A B C A B C ...) and print the
 * wall-clock time of each run, so that machine noise hits all of them alike.
 * Built for the host by bench/run; a shell loop would add milliseconds of its
 * own to a ~10 ms container boot.
 *
 *   timeit [-n RUNS] [-w WARMUP] [-t TIMEOUT_S] [-e ERRFILE] -- \
 *       LABEL CMD ARGS... ::: LABEL CMD ARGS... [::: ...]
 *
 * Each command runs RUNS times after WARMUP discarded rounds, with stdin and
 * stdout on /dev/null and stderr in ERRFILE (default /dev/null), in its own
 * process group. A run that exits non-zero, or outlives TIMEOUT_S (then its
 * process group is SIGKILLed), makes timeit stop with status 1 and say which.
 * Output, one line per command, times in microseconds:
 *   LABEL median p90 min max mean
 * The raw samples, one line per command, go to stderr when -v is given.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct cmd {
	const char *label;
	char **argv;
	double *us;
};

static const char *errfile = "/dev/null";

static double now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static void usage(void)
{
	fprintf(stderr, "usage: timeit [-n RUNS] [-w WARMUP] [-t TIMEOUT_S] [-e ERRFILE] [-v] -- "
	  "LABEL CMD... [::: LABEL CMD...]\n");
	exit(2);
}

/* one run of c; returns its duration in us, or -1 after saying why it failed */
static double run_once(struct cmd *c, int timeout_s)
{
	double t0 = now_us();
	pid_t pid = fork();
	if (pid < 0) { perror("timeit: fork"); return -1; }
	if (pid == 0) {
		setpgid(0, 0);
		int n = open("/dev/null", O_RDWR);
		int e = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (n < 0 || e < 0) _exit(126);
		dup2(n, 0); dup2(n, 1); dup2(e, 2);
		if (n > 2) close(n);
		if (e > 2) close(e);
		execvp(c->argv[0], c->argv);
		_exit(127);
	}
	setpgid(pid, pid);
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0);
	int st = 0;
	if (pfd >= 0) {
		struct pollfd p = { .fd = pfd, .events = POLLIN };
		int r;
		do r = poll(&p, 1, timeout_s * 1000); while (r < 0 && errno == EINTR);
		close(pfd);
		if (r == 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			fprintf(stderr, "timeit: %s: no exit within %d s, killed\n", c->label, timeout_s);
			return -1;
		}
	}
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) { perror("timeit: waitpid"); return -1; }
	}
	double t1 = now_us();
	if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
		fprintf(stderr, "timeit: %s: %s %d (stderr in %s)\n", c->label,
		  WIFEXITED(st) ? "exit status" : "killed by signal",
		  WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st), errfile);
		return -1;
	}
	return t1 - t0;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	int runs = 50, warmup = 3, timeout_s = 30, verbose = 0, opt;
	while ((opt = getopt(argc, argv, "+n:w:t:e:v")) != -1) {
		switch (opt) {
		case 'n': runs = atoi(optarg); break;
		case 'w': warmup = atoi(optarg); break;
		case 't': timeout_s = atoi(optarg); break;
		case 'e': errfile = optarg; break;
		case 'v': verbose = 1; break;
		default: usage();
		}
	}
	if (runs < 1 || warmup < 0 || timeout_s < 1) usage();
	if (optind < argc && !strcmp(argv[optind], "--")) optind++;

	struct cmd cmds[16];
	int nc = 0;
	int i = optind;
	while (i < argc) {
		if (nc == 16) { fprintf(stderr, "timeit: at most 16 commands\n"); return 2; }
		if (i + 1 >= argc) usage();
		cmds[nc].label = argv[i++];
		cmds[nc].argv = argv + i;
		while (i < argc && strcmp(argv[i], ":::")) i++;
		if (argv + i == cmds[nc].argv) usage();
		if (i < argc) argv[i++] = NULL; /* terminate this command's argv */
		cmds[nc].us = calloc((size_t)runs, sizeof(double));
		if (!cmds[nc].us) { perror("timeit"); return 1; }
		nc++;
	}
	if (nc == 0) usage();

	for (int r = 0; r < warmup + runs; r++) {
		for (int k = 0; k < nc; k++) {
			double d = run_once(&cmds[k], timeout_s);
			if (d < 0) return 1;
			if (r >= warmup) cmds[k].us[r - warmup] = d;
		}
	}

	for (int k = 0; k < nc; k++) {
		double *s = cmds[k].us, sum = 0;
		if (verbose) {
			fprintf(stderr, "%s:", cmds[k].label);
			for (int r = 0; r < runs; r++) fprintf(stderr, " %.0f", s[r]);
			fputc('\n', stderr);
		}
		qsort(s, (size_t)runs, sizeof *s, cmp);
		for (int r = 0; r < runs; r++) sum += s[r];
		double med = runs % 2 ? s[runs / 2] : (s[runs / 2 - 1] + s[runs / 2]) / 2;
		int p90i = (runs * 9 + 9) / 10 - 1; /* nearest rank: ceil(0.9 n) - 1 */
		printf("%s %.0f %.0f %.0f %.0f %.0f\n", cmds[k].label, med, s[p90i], s[0], s[runs - 1], sum / runs);
	}
	return 0;
}
