/* bench/restart.c: restart latency of one supervised service, host side.
 *
 *   restart STATUSFILE HOSTPID [TIMEOUT_MS]
 *
 * STATUSFILE is the service's supervise/status as the host sees it
 * (/proc/PID1/root/...); HOSTPID is the host pid of the service's running
 * process. Reads the pid recorded in the status file (s6 format: a 64-bit
 * big-endian pid at offset 24, the pid namespace's view), takes the time,
 * sends SIGKILL to HOSTPID, then polls the status file (every 50 us) until
 * it records a new non-zero pid: the supervisor has spawned the next run.
 * Prints "restart_us N" on stdout. Exit 1 on timeout (default 5000 ms) or
 * error. Used by bench/run section D; never part of make test. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* the pid in the status file, 0 if down or unreadable mid-rename */
static int read_pid(const char *path, uint64_t *pid)
{
	unsigned char b[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, b, sizeof b);
	close(fd);
	if (n < 32)
		return -1;
	uint64_t p = 0;
	for (int i = 24; i < 32; i++)
		p = p << 8 | b[i];
	*pid = p;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: restart STATUSFILE HOSTPID [TIMEOUT_MS]\n");
		return 2;
	}
	const char *path = argv[1];
	pid_t victim = (pid_t)atoi(argv[2]);
	int64_t timeout = (argc == 4 ? atoll(argv[3]) : 5000) * 1000000;
	uint64_t old, cur;
	if (victim <= 1 || read_pid(path, &old) < 0 || old == 0) {
		fprintf(stderr, "restart: %s: no running pid recorded\n", path);
		return 1;
	}
	int64_t t0 = now_ns();
	if (kill(victim, SIGKILL) < 0) {
		perror("restart: kill");
		return 1;
	}
	struct timespec nap = { 0, 50000 };
	for (;;) {
		if (read_pid(path, &cur) == 0 && cur != 0 && cur != old)
			break;
		if (now_ns() - t0 > timeout) {
			fprintf(stderr, "restart: %s: no new pid after %lld ms\n", path,
				(long long)(timeout / 1000000));
			return 1;
		}
		nanosleep(&nap, NULL);
	}
	int64_t t1 = now_ns();
	printf("restart_us %lld\n", (long long)((t1 - t0) / 1000));
	return 0;
}
