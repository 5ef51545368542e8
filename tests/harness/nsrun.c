/* nsrun: boot a root filesystem the way `docker run` does, without Docker.
 *
 *   nsrun [options] ROOTFS -- ARGS...
 *   nsrun --wait-pid PID TIMEOUT_SECONDS [STATUSFILE]
 *
 * The container's PID 1 is the entrypoint (default /init) with ARGS as its
 * arguments, in new PID, mount, UTS and IPC namespaces, with /proc, /dev,
 * /dev/pts, /dev/shm, /dev/mqueue, /sys (ro) and /run (tmpfs) mounted, Docker's
 * default capability set, masked and read-only /proc paths, Docker's
 * environment, default signal dispositions, and fds above 2 closed.
 * nsrun exits with the container's status: the exit code, or 128+signal.
 * See tests/harness/README.md for every option.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <linux/capability.h>
#include <net/if.h>
#include <poll.h>
#include <pty.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/pidfd.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif

#define DOCKER_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* CHOWN DAC_OVERRIDE FOWNER FSETID KILL SETGID SETUID SETPCAP NET_BIND_SERVICE
 * NET_RAW SYS_CHROOT MKNOD AUDIT_WRITE SETFCAP: Docker's default set. */
#define DOCKER_CAPS 0xa80425fbULL

static const char *prog = "nsrun";

struct opts {
	const char *rootfs;
	const char *entrypoint;
	int entrypoint_set;
	char **args;
	int nargs;
	char **envs;
	int nenvs;
	const char *user;
	const char *workdir;
	const char *hostname;
	char **tmpfs;
	int ntmpfs;
	const char *pidfile;
	const char *statusfile;
	const char *monitor_pidfile;
	const char *fd3;
	int readonly, interactive, tty, run_tmpfs, privileged, detach, use_chroot, fd3_rw;
	pid_t die_with;
	int etc_files, netns;
};

static void warnx_(const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	int n = snprintf(buf, sizeof buf, "%s: ", prog);
	va_start(ap, fmt);
	vsnprintf(buf + n, sizeof buf - n, fmt, ap);
	va_end(ap);
	size_t len = strlen(buf);
	if (len < sizeof buf - 1) { buf[len++] = '\n'; }
	if (write(2, buf, len) < 0) { /* nothing to do */ }
}

static void usage(void)
{
	static const char u[] =
	  "usage: nsrun [options] ROOTFS -- ARGS...\n"
	  "  -e VAR=VAL | -e VAR   add/override an environment variable\n"
	  "  -u UID[:GID]          user (numeric or name from the root's /etc/passwd)\n"
	  "  -w DIR                working directory (created if missing), default /\n"
	  "  -h NAME               hostname (default: 12 random hex digits)\n"
	  "  -r                    read-only root\n"
	  "  --tmpfs PATH[:OPTS]   extra tmpfs (default opts noexec,nosuid,nodev)\n"
	  "  -i                    keep stdin (else /dev/null)\n"
	  "  -t                    allocate a pty (relay stdin only with -i)\n"
	  "  -p PIDFILE            write PID 1 (host view) once the entrypoint is exec'd\n"
	  "  --fd3 PATH            PATH (a fifo) opened O_RDONLY without blocking, as fd 3\n"
	  "  --fd3-rw PATH         PATH opened O_RDWR (created if missing), as fd 3\n"
	  "  --entrypoint PATH     default /init; \"\" runs ARGS[0]\n"
	  "  --no-run-tmpfs        no tmpfs on /run\n"
	  "  --no-etc-files        no /etc/hostname, /etc/hosts, /etc/resolv.conf bind mounts\n"
	  "  --network none|host   none: own network namespace with lo only; host (default)\n"
	  "  --privileged          keep all capabilities, no masked paths, /sys rw\n"
	  "  --chroot              chroot instead of pivot_root (host mounts stay in the ns)\n"
	  "  --die-with PID        KILL the container when process PID ends\n"
	  "  --status-file FILE    write the exit status there (atomically) at the end\n"
	  "  -d                    detach: return once PID 1 runs (use with -p/--status-file)\n"
	  "  --monitor-pidfile F   write nsrun's own (monitor) pid there\n"
	  "  nsrun --wait-pid PID TIMEOUT [FILE]: wait for PID to end (0) or 124\n";
	if (write(2, u, sizeof u - 1) < 0) { /* nothing */ }
	exit(125);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) { warnx_("out of memory"); exit(125); }
	return p;
}

static void push(char ***v, int *n, char *s)
{
	*v = xrealloc(*v, sizeof(char *) * (*n + 2));
	(*v)[(*n)++] = s;
	(*v)[*n] = NULL;
}

/* ---------- small file helpers ---------- */

static int write_file_atomic(const char *path, const char *content)
{
	char tmp[PATH_MAX];
	snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid());
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) return -1;
	size_t len = strlen(content);
	if (write(fd, content, len) != (ssize_t)len) { close(fd); unlink(tmp); return -1; }
	close(fd);
	if (rename(tmp, path) < 0) { unlink(tmp); return -1; }
	return 0;
}

static int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) { errno = ENAMETOOLONG; return -1; }
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/') continue;
		*p = 0;
		if (mkdir(buf, mode) < 0 && errno != EEXIST) return -1;
		*p = '/';
	}
	if (mkdir(buf, mode) < 0 && errno != EEXIST) return -1;
	return 0;
}

/* ---------- the child: set up the container and exec ---------- */

static int sync_fd = -1; /* child's end of the socketpair to the parent */

static void die_child(int code, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	warnx_("%s", buf);
	if (sync_fd >= 0) {
		char m[2] = { 'E', (char)code };
		if (write(sync_fd, m, 2) < 0) { /* parent gone */ }
	}
	_exit(code);
}

#define CHECK(expr, ...) do { if ((expr) < 0) die_child(125, __VA_ARGS__); } while (0)

static void rpath(char *out, size_t n, const char *root, const char *p)
{
	while (*p == '/') p++;
	if (snprintf(out, n, "%s/%s", root, p) >= (int)n) die_child(125, "path too long: %s", p);
}

static void xmount(const char *src, const char *dst, const char *type, unsigned long fl, const char *data)
{
	if (mount(src, dst, type, fl, data) < 0)
		die_child(125, "mount %s on %s: %s", type ? type : src, dst, strerror(errno));
}

static void mount_tmpfs_opts(const char *root, const char *spec)
{
	char path[PATH_MAX], data[512] = "", dst[PATH_MAX];
	unsigned long fl = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	const char *colon = strchr(spec, ':');
	size_t plen = colon ? (size_t)(colon - spec) : strlen(spec);
	if (plen >= sizeof path) die_child(125, "--tmpfs path too long");
	memcpy(path, spec, plen);
	path[plen] = 0;
	if (colon) {
		char *o = strdup(colon + 1), *save = NULL;
		for (char *t = strtok_r(o, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
			if (!strcmp(t, "ro")) fl |= MS_RDONLY;
			else if (!strcmp(t, "rw")) fl &= ~MS_RDONLY;
			else if (!strcmp(t, "exec")) fl &= ~MS_NOEXEC;
			else if (!strcmp(t, "noexec")) fl |= MS_NOEXEC;
			else if (!strcmp(t, "suid")) fl &= ~MS_NOSUID;
			else if (!strcmp(t, "nosuid")) fl |= MS_NOSUID;
			else if (!strcmp(t, "dev")) fl &= ~MS_NODEV;
			else if (!strcmp(t, "nodev")) fl |= MS_NODEV;
			else {
				if (*data) strncat(data, ",", sizeof data - strlen(data) - 1);
				strncat(data, t, sizeof data - strlen(data) - 1);
			}
		}
		free(o);
	}
	rpath(dst, sizeof dst, root, path);
	CHECK(mkdir_p(dst, 0755), "mkdir %s: %s", dst, strerror(errno));
	xmount("tmpfs", dst, "tmpfs", fl, *data ? data : NULL);
}

static void setup_dev(const char *root, int tty)
{
	static const struct { const char *n; unsigned ma, mi; } nodes[] = {
		{ "null", 1, 3 }, { "zero", 1, 5 }, { "full", 1, 7 },
		{ "random", 1, 8 }, { "urandom", 1, 9 }, { "tty", 5, 0 },
	};
	static const struct { const char *n, *t; } links[] = {
		{ "fd", "/proc/self/fd" }, { "stdin", "/proc/self/fd/0" },
		{ "stdout", "/proc/self/fd/1" }, { "stderr", "/proc/self/fd/2" },
		{ "ptmx", "pts/ptmx" }, { "core", "/proc/kcore" },
	};
	char dev[PATH_MAX], p[PATH_MAX];
	rpath(dev, sizeof dev, root, "dev");
	xmount("tmpfs", dev, "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k");
	for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
		snprintf(p, sizeof p, "%s/%s", dev, nodes[i].n);
		CHECK(mknod(p, S_IFCHR | 0666, makedev(nodes[i].ma, nodes[i].mi)), "mknod %s: %s", p, strerror(errno));
		CHECK(chmod(p, 0666), "chmod %s: %s", p, strerror(errno));
	}
	for (size_t i = 0; i < sizeof links / sizeof *links; i++) {
		snprintf(p, sizeof p, "%s/%s", dev, links[i].n);
		CHECK(symlink(links[i].t, p), "symlink %s: %s", p, strerror(errno));
	}
	snprintf(p, sizeof p, "%s/pts", dev);
	CHECK(mkdir(p, 0755), "mkdir %s: %s", p, strerror(errno));
	xmount("devpts", p, "devpts", MS_NOSUID | MS_NOEXEC, "newinstance,ptmxmode=0666,mode=0620,gid=5");
	snprintf(p, sizeof p, "%s/shm", dev);
	CHECK(mkdir(p, 01777), "mkdir %s: %s", p, strerror(errno));
	xmount("shm", p, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=1777,size=65536k");
	snprintf(p, sizeof p, "%s/mqueue", dev);
	CHECK(mkdir(p, 0755), "mkdir %s: %s", p, strerror(errno));
	xmount("mqueue", p, "mqueue", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	if (tty) {
		snprintf(p, sizeof p, "%s/console", dev);
		int fd = open(p, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
		CHECK(fd, "create %s: %s", p, strerror(errno));
		close(fd);
	}
}


/* /etc/hostname, /etc/hosts, /etc/resolv.conf: bind mounts of files from a
 * private tmpfs, as Docker does (the files are created in the root if missing,
 * like the mount points Docker leaves in a container's layer). The tmpfs is
 * staged in the container's /dev and unmounted there once bound. */
static void etc_files(const char *root, const char *hostname)
{
	char stage[PATH_MAX], p[PATH_MAX], dst[PATH_MAX];
	rpath(stage, sizeof stage, root, "dev/.nsrun-etc");
	CHECK(mkdir(stage, 0755), "mkdir %s: %s", stage, strerror(errno));
	xmount("tmpfs", stage, "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, "mode=755,size=64k");
	static const char hosts[] =
		"127.0.0.1\tlocalhost\n"
		"::1\tlocalhost ip6-localhost ip6-loopback\n"
		"fe00::0\tip6-localnet\n"
		"ff00::0\tip6-mcastprefix\n"
		"ff02::1\tip6-allnodes\n"
		"ff02::2\tip6-allrouters\n";
	char resolv[4096] = "";
	int rfd = open("/etc/resolv.conf", O_RDONLY | O_CLOEXEC);
	if (rfd >= 0) {
		ssize_t r = read(rfd, resolv, sizeof resolv - 1);
		if (r > 0) resolv[r] = 0;
		close(rfd);
	}
	char hn[300];
	snprintf(hn, sizeof hn, "%s\n", hostname);
	const char *names[3] = { "hostname", "hosts", "resolv.conf" };
	const char *content[3] = { hn, hosts, resolv };
	rpath(p, sizeof p, root, "etc");
	struct stat st;
	if (lstat(p, &st) < 0) CHECK(mkdir(p, 0755), "mkdir %s: %s", p, strerror(errno));
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof p, "%s/%s", stage, names[i]);
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		CHECK(fd, "create %s: %s", p, strerror(errno));
		size_t len = strlen(content[i]);
		if (write(fd, content[i], len) != (ssize_t)len) die_child(125, "write %s: %s", p, strerror(errno));
		close(fd);
		snprintf(dst, sizeof dst, "%s/etc/%s", root, names[i]);
		if (lstat(dst, &st) < 0) {
			fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
			CHECK(fd, "create %s: %s", dst, strerror(errno));
			close(fd);
		} else if (!S_ISREG(st.st_mode)) {
			continue; /* a symlink or directory there: leave the image's choice alone */
		}
		xmount(p, dst, NULL, MS_BIND, NULL);
	}
	CHECK(umount2(stage, MNT_DETACH), "umount %s: %s", stage, strerror(errno));
	CHECK(rmdir(stage), "rmdir %s: %s", stage, strerror(errno));
}

static void mask_paths(const char *root)
{
	static const char *masked[] = {
		"proc/asound", "proc/acpi", "proc/interrupts", "proc/kcore", "proc/keys",
		"proc/latency_stats", "proc/timer_list", "proc/timer_stats", "proc/sched_debug",
		"proc/scsi", "sys/firmware", "sys/devices/virtual/powercap",
	};
	static const char *ro[] = {
		"proc/bus", "proc/fs", "proc/irq", "proc/sys", "proc/sysrq-trigger",
	};
	char p[PATH_MAX], null[PATH_MAX];
	struct stat st;
	rpath(null, sizeof null, root, "dev/null");
	for (size_t i = 0; i < sizeof masked / sizeof *masked; i++) {
		rpath(p, sizeof p, root, masked[i]);
		if (lstat(p, &st) < 0) continue;
		if (S_ISDIR(st.st_mode)) xmount("tmpfs", p, "tmpfs", MS_RDONLY, NULL);
		else xmount(null, p, NULL, MS_BIND, NULL);
	}
	for (size_t i = 0; i < sizeof ro / sizeof *ro; i++) {
		rpath(p, sizeof p, root, ro[i]);
		if (lstat(p, &st) < 0) continue;
		xmount(p, p, NULL, MS_BIND | MS_REC, NULL);
		xmount(NULL, p, NULL, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	}
}

/* Look up a user or group in the (container's) passwd/group file. */
static int lookup(const char *file, const char *name, long id, long *oid, long *ogid, char *home, size_t hn)
{
	FILE *f = fopen(file, "re");
	if (!f) return -1;
	char line[1024];
	int found = -1;
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\n")] = 0;
		char *fld[7] = { 0 };
		char *s = line;
		for (int i = 0; i < 7 && s; i++) {
			fld[i] = s;
			s = strchr(s, ':');
			if (s) *s++ = 0;
		}
		if (!fld[2]) continue;
		long fid = strtol(fld[2], NULL, 10);
		if (name ? strcmp(fld[0], name) : fid != id) continue;
		*oid = fid;
		if (ogid && fld[3]) *ogid = strtol(fld[3], NULL, 10);
		if (home && fld[5]) snprintf(home, hn, "%s", fld[5]);
		found = 0;
		break;
	}
	fclose(f);
	return found;
}

static int isnum(const char *s) { if (!*s) return 0; for (; *s; s++) if (*s < '0' || *s > '9') return 0; return 1; }

static void resolve_user(const char *spec, uid_t *uid, gid_t *gid, char *home, size_t hn)
{
	char u[256], *g;
	long id = 0, pg = 0, gg;
	snprintf(u, sizeof u, "%s", spec ? spec : "0");
	g = strchr(u, ':');
	if (g) *g++ = 0;
	snprintf(home, hn, "%s", "/");
	if (isnum(u)) {
		id = strtol(u, NULL, 10);
		if (lookup("/etc/passwd", NULL, id, &id, &pg, home, hn) < 0) { pg = 0; snprintf(home, hn, "%s", id == 0 ? "/root" : "/"); }
	} else if (lookup("/etc/passwd", u, 0, &id, &pg, home, hn) < 0) {
		die_child(125, "unable to find user %s: no matching entries in passwd file", u);
	}
	if (g && *g) {
		if (isnum(g)) pg = strtol(g, NULL, 10);
		else if (lookup("/etc/group", g, 0, &gg, NULL, NULL, 0) < 0)
			die_child(125, "unable to find group %s: no matching entries in group file", g);
		else pg = gg;
	}
	*uid = (uid_t)id;
	*gid = (gid_t)pg;
}

static void set_env(char ***env, int *n, const char *kv)
{
	size_t klen = strcspn(kv, "=");
	for (int i = 0; i < *n; i++)
		if (!strncmp((*env)[i], kv, klen) && (*env)[i][klen] == '=') { (*env)[i] = (char *)kv; return; }
	push(env, n, (char *)kv);
}

static int has_env(char **env, int n, const char *k)
{
	size_t klen = strlen(k);
	for (int i = 0; i < n; i++) if (!strncmp(env[i], k, klen) && env[i][klen] == '=') return 1;
	return 0;
}

static void send_fd(int sock, int fd)
{
	char c = 'M';
	struct iovec iov = { &c, 1 };
	union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr a; } u;
	struct msghdr m = { 0 };
	m.msg_iov = &iov; m.msg_iovlen = 1;
	m.msg_control = u.buf; m.msg_controllen = sizeof u.buf;
	struct cmsghdr *c1 = CMSG_FIRSTHDR(&m);
	c1->cmsg_level = SOL_SOCKET; c1->cmsg_type = SCM_RIGHTS; c1->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c1), &fd, sizeof fd);
	if (sendmsg(sock, &m, 0) < 0) die_child(125, "sendmsg: %s", strerror(errno));
}

/* Open a pty pair from the devpts under ROOT ("" once inside), send the
 * master to the parent, return the slave; its path goes into PATHBUF. */
static int alloc_pty(const char *root, char *pathbuf, size_t n)
{
	char ptmx[PATH_MAX];
	rpath(ptmx, sizeof ptmx, root, "dev/pts/ptmx");
	int master = open(ptmx, O_RDWR | O_NOCTTY | O_CLOEXEC);
	CHECK(master, "open %s: %s", ptmx, strerror(errno));
	unsigned num;
	int unlock = 0;
	CHECK(ioctl(master, TIOCSPTLCK, &unlock), "unlockpt: %s", strerror(errno));
	CHECK(ioctl(master, TIOCGPTN, &num), "ptsname: %s", strerror(errno));
	snprintf(pathbuf, n, "%s/dev/pts/%u", root, num);
	int slave = open(pathbuf, O_RDWR | O_NOCTTY | O_CLOEXEC);
	CHECK(slave, "open %s: %s", pathbuf, strerror(errno));
	send_fd(sync_fd, master);
	close(master);
	return slave;
}

static void become(struct opts *o, int slave, int fd3);

static void child(struct opts *o)
{
	char root[PATH_MAX], p[PATH_MAX];
	int slave = -1, fd3 = -1;

	umask(022); /* mount points and /etc files get Docker's modes whatever the caller's umask */
	CHECK(unshare(CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | (o->netns ? CLONE_NEWNET : 0)), "unshare: %s", strerror(errno));
	if (o->netns) {
		/* docker run --network=none: only lo, up */
		int sk = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		struct ifreq ifr;
		memset(&ifr, 0, sizeof ifr);
		strcpy(ifr.ifr_name, "lo");
		CHECK(sk, "socket: %s", strerror(errno));
		CHECK(ioctl(sk, SIOCGIFFLAGS, &ifr), "SIOCGIFFLAGS lo: %s", strerror(errno));
		ifr.ifr_flags |= IFF_UP;
		CHECK(ioctl(sk, SIOCSIFFLAGS, &ifr), "SIOCSIFFLAGS lo: %s", strerror(errno));
		close(sk);
	}
	xmount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL);
	if (!realpath(o->rootfs, root)) die_child(125, "rootfs %s: %s", o->rootfs, strerror(errno));
	xmount(root, root, NULL, MS_BIND | MS_REC, NULL);

	/* fd 3, opened with the host's view of paths */
	if (o->fd3) {
		/* read side by default: a fifo opened O_RDONLY|O_NONBLOCK never blocks,
		 * and the container sees end-of-file once every writer has closed */
		int fl = (o->fd3_rw ? O_RDWR | O_CREAT : O_RDONLY) | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
		fd3 = open(o->fd3, fl, 0644);
		CHECK(fd3, "--fd3 %s: %s", o->fd3, strerror(errno));
		CHECK(fcntl(fd3, F_SETFL, fcntl(fd3, F_GETFL) & ~O_NONBLOCK), "fcntl: %s", strerror(errno));
	}

	/* mount points, created like Docker does */
	static const char *mp[] = { "proc", "dev", "sys" };
	for (size_t i = 0; i < 3; i++) {
		rpath(p, sizeof p, root, mp[i]);
		CHECK(mkdir_p(p, 0755), "mkdir %s: %s", p, strerror(errno));
	}
	rpath(p, sizeof p, root, "proc");
	xmount("proc", p, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
	setup_dev(root, o->tty);
	rpath(p, sizeof p, root, "sys");
	xmount("sysfs", p, "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC | (o->privileged ? 0 : MS_RDONLY), NULL);
	if (o->run_tmpfs) {
		rpath(p, sizeof p, root, "run");
		CHECK(mkdir_p(p, 0755), "mkdir %s: %s", p, strerror(errno));
		xmount("tmpfs", p, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755");
	}
	for (int i = 0; i < o->ntmpfs; i++) mount_tmpfs_opts(root, o->tmpfs[i]);
	if (o->etc_files) etc_files(root, o->hostname);
	if (!o->privileged) mask_paths(root);
	if (o->workdir) {
		rpath(p, sizeof p, root, o->workdir);
		CHECK(mkdir_p(p, 0755), "mkdir workdir %s: %s", p, strerror(errno));
	}

	if (o->tty) {
		char con[PATH_MAX];
		slave = alloc_pty(root, p, sizeof p);
		rpath(con, sizeof con, root, "dev/console");
		xmount(p, con, NULL, MS_BIND, NULL);
	}

	if (o->readonly) {
		struct statvfs sv;
		unsigned long fl = MS_REMOUNT | MS_BIND | MS_RDONLY;
		if (statvfs(root, &sv) == 0) {
			if (sv.f_flag & ST_NOSUID) fl |= MS_NOSUID;
			if (sv.f_flag & ST_NODEV) fl |= MS_NODEV;
			if (sv.f_flag & ST_NOEXEC) fl |= MS_NOEXEC;
			if (sv.f_flag & ST_RELATIME) fl |= MS_RELATIME;
			if (sv.f_flag & ST_NOATIME) fl |= MS_NOATIME;
		}
		xmount(NULL, root, NULL, fl, NULL);
	}

	/* switch root: pivot_root like runc, chroot if that is impossible */
	CHECK(chdir(root), "chdir %s: %s", root, strerror(errno));
	if (!o->use_chroot && syscall(SYS_pivot_root, ".", ".") == 0) {
		CHECK(umount2(".", MNT_DETACH), "umount old root: %s", strerror(errno));
	} else {
		CHECK(chroot("."), "chroot %s: %s", root, strerror(errno));
	}
	CHECK(chdir("/"), "chdir /: %s", strerror(errno));

	CHECK(sethostname(o->hostname, strlen(o->hostname)), "sethostname: %s", strerror(errno));
	become(o, slave, fd3);
}

/* Inside the container's namespaces and root: stdio, user, environment,
 * working directory, capabilities, fds, signals, then exec. Shared by the
 * container's PID 1 and by --exec. */
static void become(struct opts *o, int slave, int fd3)
{
	char p[PATH_MAX], home[PATH_MAX];

	/* stdio */
	if (o->tty) {
		CHECK(setsid(), "setsid: %s", strerror(errno));
		CHECK(ioctl(slave, TIOCSCTTY, 0), "TIOCSCTTY: %s", strerror(errno));
		for (int i = 0; i < 3; i++) CHECK(dup2(slave, i), "dup2: %s", strerror(errno));
		close(slave);
		if (!o->interactive) { /* docker run -t without -i: the tty is stdin, no input */ }
	} else if (!o->interactive) {
		int n = open("/dev/null", O_RDONLY);
		CHECK(n, "open /dev/null: %s", strerror(errno));
		if (n != 0) { CHECK(dup2(n, 0), "dup2: %s", strerror(errno)); close(n); }
	}

	/* user */
	uid_t uid; gid_t gid;
	resolve_user(o->user, &uid, &gid, home, sizeof home);

	/* environment */
	char **env = NULL;
	int nenv = 0;
	char hostenv[300];
	snprintf(hostenv, sizeof hostenv, "HOSTNAME=%s", o->hostname);
	push(&env, &nenv, "PATH=" DOCKER_PATH);
	push(&env, &nenv, hostenv);
	if (o->tty) push(&env, &nenv, "TERM=xterm");
	for (int i = 0; i < o->nenvs; i++) set_env(&env, &nenv, o->envs[i]);
	if (!has_env(env, nenv, "HOME")) {
		char *h = xrealloc(NULL, strlen(home) + 6);
		sprintf(h, "HOME=%s", home);
		push(&env, &nenv, h);
	}

	/* working directory */
	CHECK(chdir(o->workdir ? o->workdir : "/"), "chdir %s: %s", o->workdir, strerror(errno));

	/* capabilities: bounding set first (needs CAP_SETPCAP), then identity */
	if (!o->privileged) {
		for (int c = 0; c < 64; c++) {
			if (DOCKER_CAPS & (1ULL << c)) continue;
			if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno == EINVAL) break;
		}
	}
	prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	CHECK(setgroups(0, NULL), "setgroups: %s", strerror(errno));
	CHECK(setgid(gid), "setgid %u: %s", (unsigned)gid, strerror(errno));
	CHECK(setuid(uid), "setuid %u: %s", (unsigned)uid, strerror(errno));
	if (!o->privileged && uid == 0) {
		struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
		struct __user_cap_data_struct d[2];
		memset(d, 0, sizeof d);
		CHECK(syscall(SYS_capget, &h, d), "capget: %s", strerror(errno));
		d[0].effective = d[0].permitted &= (uint32_t)DOCKER_CAPS;
		d[1].effective = d[1].permitted &= (uint32_t)(DOCKER_CAPS >> 32);
		d[0].inheritable = d[1].inheritable = 0;
		CHECK(syscall(SYS_capset, &h, d), "capset: %s", strerror(errno));
	}
	umask(022);

	/* fds: fd 3 handed over if asked, everything else above 2 closed on exec */
	if (fd3 >= 0) {
		if (fd3 != 3) { CHECK(dup2(fd3, 3), "dup2 fd3: %s", strerror(errno)); close(fd3); }
		else CHECK(fcntl(3, F_SETFD, 0), "fcntl: %s", strerror(errno));
		if (sync_fd == 3) die_child(125, "internal: sync fd clobbered");
	}
	if (syscall(SYS_close_range, fd3 >= 0 ? 4 : 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) {
		for (int fd = fd3 >= 0 ? 4 : 3; fd < 65536; fd++)
			if (fd != sync_fd) fcntl(fd, F_SETFD, FD_CLOEXEC);
	}

	/* parent death kills us; set last because credential changes clear it */
	CHECK(prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0), "PR_SET_PDEATHSIG: %s", strerror(errno));
	struct pollfd pf = { sync_fd, POLLIN, 0 };
	if (poll(&pf, 1, 0) > 0 && (pf.revents & (POLLHUP | POLLERR))) _exit(125); /* parent already gone */

	/* signals: default dispositions, empty mask */
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++) sigaction(s, &sa, NULL);
	/* libc refuses the signals it reserves (32-34) and GNU make leaves them
	   ignored: reset those with the kernel's own call, as Docker's runc does */
	for (int s = 32; s < 35; s++) {
		struct { void (*h)(int); unsigned long flags; void (*restorer)(void); unsigned long mask; } k = { SIG_DFL, 0, NULL, 0 };
		syscall(SYS_rt_sigaction, s, &k, NULL, sizeof k.mask);
	}
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);

	/* exec, searching PATH like Docker if the entrypoint has no slash */
	char **argv = NULL;
	int argc = 0;
	const char *ep = o->entrypoint;
	if (!*ep) {
		if (o->nargs == 0) die_child(125, "no entrypoint and no command");
		ep = o->args[0];
		for (int i = 0; i < o->nargs; i++) push(&argv, &argc, o->args[i]);
	} else {
		push(&argv, &argc, (char *)ep);
		for (int i = 0; i < o->nargs; i++) push(&argv, &argc, o->args[i]);
	}
	int err = ENOENT;
	if (strchr(ep, '/')) {
		execve(ep, argv, env);
		err = errno;
	} else {
		const char *path = DOCKER_PATH;
		for (int i = 0; i < nenv; i++) if (!strncmp(env[i], "PATH=", 5)) path = env[i] + 5;
		char *pc = strdup(path), *save = NULL;
		for (char *d = strtok_r(pc, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
			snprintf(p, sizeof p, "%s/%s", d, ep);
			execve(p, argv, env);
			if (errno != ENOENT) err = errno;
		}
	}
	die_child(err == ENOENT ? 127 : 126, "exec %s: %s", ep, strerror(err));
}

/* ---------- the parent: relay, forward, wait ---------- */

static struct termios saved_tio;
static int tio_saved = 0;

static void restore_tty(void)
{
	if (tio_saved) tcsetattr(0, TCSADRAIN, &saved_tio);
}

static int write_all(int fd, const char *b, size_t n)
{
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0) {
			if (errno == EINTR) continue;
			if (errno == EAGAIN) { struct pollfd pf = { fd, POLLOUT, 0 }; poll(&pf, 1, 1000); continue; }
			return -1;
		}
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static int recv_msg(int sock, char *c, int *fd)
{
	union { char buf[CMSG_SPACE(sizeof(int))]; struct cmsghdr a; } u;
	struct iovec iov = { c, 2 };
	struct msghdr m = { 0 };
	m.msg_iov = &iov; m.msg_iovlen = 1;
	m.msg_control = u.buf; m.msg_controllen = sizeof u.buf;
	ssize_t r;
	do r = recvmsg(sock, &m, MSG_CMSG_CLOEXEC); while (r < 0 && errno == EINTR);
	if (r <= 0) return (int)r;
	*fd = -1;
	for (struct cmsghdr *h = CMSG_FIRSTHDR(&m); h; h = CMSG_NXTHDR(&m, h))
		if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS) memcpy(fd, CMSG_DATA(h), sizeof(int));
	return (int)r;
}

static int status_of(int st)
{
	if (WIFEXITED(st)) return WEXITSTATUS(st);
	if (WIFSIGNALED(st)) return 128 + WTERMSIG(st);
	return 255;
}

static int finish(struct opts *o, int code)
{
	restore_tty();
	if (o->statusfile) {
		char b[32];
		snprintf(b, sizeof b, "%d\n", code);
		if (write_file_atomic(o->statusfile, b) < 0) warnx_("write %s: %s", o->statusfile, strerror(errno));
	}
	return code;
}

static void drain(int master)
{
	char buf[65536];
	if (master < 0) return;
	for (;;) {
		struct pollfd pf = { master, POLLIN, 0 };
		if (poll(&pf, 1, 1000) <= 0) return;
		ssize_t r = read(master, buf, sizeof buf);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) return;
		if (write_all(1, buf, (size_t)r) < 0) return;
	}
}

static int wait_pid_main(int argc, char **argv)
{
	if (argc < 4) usage();
	pid_t pid = (pid_t)strtol(argv[2], NULL, 10);
	double t = strtod(argv[3], NULL);
	const char *file = argc > 4 ? argv[4] : NULL;
	int fd = pidfd_open(pid, 0);
	if (fd < 0) return errno == ESRCH ? 0 : (warnx_("pidfd_open %d: %s", (int)pid, strerror(errno)), 125);
	if (file && access(file, F_OK) == 0) return 0;
	struct pollfd pf = { fd, POLLIN, 0 };
	int r;
	do r = poll(&pf, 1, t < 0 ? -1 : (int)(t * 1000)); while (r < 0 && errno == EINTR);
	return r > 0 ? 0 : 124;
}

static void parse_opts(int argc, char **argv, int first, struct opts *o, int want_root)
{
	int i;
	for (i = first; i < argc; i++) {
		char *a = argv[i];
#define NEEDARG() do { if (i + 1 >= argc) { warnx_("option %s needs an argument", a); usage(); } } while (0)
		if (!strcmp(a, "--")) { i++; break; }
		if (a[0] != '-' || !a[1]) {
			if (o->rootfs || !want_root) break; /* command without -- */
			o->rootfs = a;
			continue;
		}
		if (!strcmp(a, "-e") || !strcmp(a, "--env")) {
			NEEDARG();
			char *v = argv[++i];
			if (!strchr(v, '=')) {
				const char *hv = getenv(v);
				if (!hv) continue;
				char *kv = xrealloc(NULL, strlen(v) + strlen(hv) + 2);
				sprintf(kv, "%s=%s", v, hv);
				v = kv;
			}
			push(&o->envs, &o->nenvs, v);
		}
		else if (!strcmp(a, "-u") || !strcmp(a, "--user")) { NEEDARG(); o->user = argv[++i]; }
		else if (!strcmp(a, "-w") || !strcmp(a, "--workdir")) { NEEDARG(); o->workdir = argv[++i]; }
		else if (!strcmp(a, "-h") || !strcmp(a, "--hostname")) { NEEDARG(); o->hostname = argv[++i]; }
		else if (!strcmp(a, "-p") || !strcmp(a, "--pidfile")) { NEEDARG(); o->pidfile = argv[++i]; }
		else if (!strcmp(a, "--status-file")) { NEEDARG(); o->statusfile = argv[++i]; }
		else if (!strcmp(a, "--monitor-pidfile")) { NEEDARG(); o->monitor_pidfile = argv[++i]; }
		else if (!strcmp(a, "--tmpfs")) { NEEDARG(); push(&o->tmpfs, &o->ntmpfs, argv[++i]); }
		else if (!strcmp(a, "--fd3")) { NEEDARG(); o->fd3 = argv[++i]; o->fd3_rw = 0; }
		else if (!strcmp(a, "--fd3-rw")) { NEEDARG(); o->fd3 = argv[++i]; o->fd3_rw = 1; }
		else if (!strcmp(a, "--entrypoint")) { NEEDARG(); o->entrypoint = argv[++i]; }
		else if (!strcmp(a, "-r") || !strcmp(a, "--read-only")) o->readonly = 1;
		else if (!strcmp(a, "-i") || !strcmp(a, "--interactive")) o->interactive = 1;
		else if (!strcmp(a, "-t") || !strcmp(a, "--tty")) o->tty = 1;
		else if (!strcmp(a, "-it") || !strcmp(a, "-ti")) o->tty = o->interactive = 1;
		else if (!strcmp(a, "-d") || !strcmp(a, "--detach")) o->detach = 1;
		else if (!strcmp(a, "--no-run-tmpfs")) o->run_tmpfs = 0;
		else if (!strcmp(a, "--privileged")) o->privileged = 1;
		else if (!strcmp(a, "--chroot")) o->use_chroot = 1;
		else if (!strcmp(a, "--no-etc-files")) o->etc_files = 0;
		else if (!strcmp(a, "--network") || !strcmp(a, "--net")) {
			NEEDARG();
			const char *v = argv[++i];
			if (!strcmp(v, "none")) o->netns = 1;
			else if (!strcmp(v, "host")) o->netns = 0;
			else { warnx_("--network %s: only none and host exist here", v); usage(); }
		}
		else if (!strcmp(a, "--die-with")) { NEEDARG(); o->die_with = (pid_t)strtol(argv[++i], NULL, 10); }
		else if (!strcmp(a, "--help")) usage();
		else { warnx_("unknown option %s", a); usage(); }
	}
	if (want_root && !o->rootfs) { warnx_("no ROOTFS given"); usage(); }
	o->args = argv + i;
	o->nargs = argc - i;
}

int main(int argc, char **argv)
{
	struct opts o = { 0 };
	o.entrypoint = "/init";
	o.run_tmpfs = 1;
	o.etc_files = 1;
	if (argc > 1 && !strcmp(argv[1], "--wait-pid")) return wait_pid_main(argc, argv);

	pid_t exec_pid = 0;
	if (argc > 2 && !strcmp(argv[1], "--exec")) {
		exec_pid = (pid_t)strtol(argv[2], NULL, 10);
		if (exec_pid <= 0) { warnx_("--exec: bad pid %s", argv[2]); usage(); }
		o.entrypoint = "";
		o.run_tmpfs = 0;
		parse_opts(argc, argv, 3, &o, 0);
	} else {
		parse_opts(argc, argv, 1, &o, 1);
	}

	char hn[13];
	if (!o.hostname) {
		unsigned char r[6];
		if (getrandom(r, sizeof r, 0) != sizeof r) { struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts); memcpy(r, &ts.tv_nsec, 4); r[4] = r[5] = (unsigned char)getpid(); }
		for (int k = 0; k < 6; k++) sprintf(hn + 2 * k, "%02x", r[k]);
		o.hostname = hn;
	}

	int diefd = -1;
	if (o.die_with > 0) {
		diefd = pidfd_open(o.die_with, 0);
		if (diefd < 0) { warnx_("--die-with %d: %s", (int)o.die_with, strerror(errno)); return 125; }
		fcntl(diefd, F_SETFD, FD_CLOEXEC);
	}

	/* detach: the caller returns once PID 1 has been exec'd */
	int notify_fd = -1;
	if (o.detach) {
		int pp[2];
		if (pipe2(pp, O_CLOEXEC) < 0) { warnx_("pipe: %s", strerror(errno)); return 125; }
		pid_t d = fork();
		if (d < 0) { warnx_("fork: %s", strerror(errno)); return 125; }
		if (d > 0) {
			close(pp[1]);
			char c;
			ssize_t r;
			do r = read(pp[0], &c, 1); while (r < 0 && errno == EINTR);
			if (r == 1) return 0;
			int st;
			while (waitpid(d, &st, 0) < 0 && errno == EINTR) { }
			return status_of(st);
		}
		close(pp[0]);
		notify_fd = pp[1];
		setsid();
		/* do not hold the caller's other fds (bats waits for its fd 3) */
		for (int fd = 3; fd < 1024; fd++) if (fd != notify_fd && fd != diefd) close(fd);
	}
	if (o.monitor_pidfile) {
		char b[32];
		snprintf(b, sizeof b, "%d\n", (int)getpid());
		if (write_file_atomic(o.monitor_pidfile, b) < 0) { warnx_("write %s: %s", o.monitor_pidfile, strerror(errno)); return finish(&o, 125); }
	}

	/* signals: everything we forward, plus CHLD and WINCH, goes through a signalfd */
	static const int fwd[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2, SIGALRM,
		SIGCONT, SIGTSTP, SIGTTIN, SIGTTOU, SIGPWR, SIGVTALRM, SIGPROF, SIGIO, SIGXCPU, SIGXFSZ };
	sigset_t set;
	sigemptyset(&set);
	for (size_t k = 0; k < sizeof fwd / sizeof *fwd; k++) sigaddset(&set, fwd[k]);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGWINCH);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	for (int s = 1; s < NSIG; s++) if (sigismember(&set, s) == 1) sigaction(s, &sa, NULL);
	sigprocmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	int sfd = signalfd(-1, &set, SFD_CLOEXEC);
	if (sfd < 0) { warnx_("signalfd: %s", strerror(errno)); return finish(&o, 125); }

	int sp[2];
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) < 0) { warnx_("socketpair: %s", strerror(errno)); return finish(&o, 125); }
	int nsfd[4] = { -1, -1, -1, -1 }, rootfd = -1;
	if (exec_pid) {
		/* docker exec: join PID 1's namespaces and root; the pid ns applies to our child */
		static const char *ns[4] = { "ipc", "uts", "mnt", "net" };
		char pp[64];
		for (int k = 0; k < 4; k++) {
			snprintf(pp, sizeof pp, "/proc/%d/ns/%s", (int)exec_pid, ns[k]);
			if ((nsfd[k] = open(pp, O_RDONLY | O_CLOEXEC)) < 0) { warnx_("open %s: %s", pp, strerror(errno)); return 125; }
		}
		snprintf(pp, sizeof pp, "/proc/%d/root", (int)exec_pid);
		if ((rootfd = open(pp, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) { warnx_("open %s: %s", pp, strerror(errno)); return 125; }
		snprintf(pp, sizeof pp, "/proc/%d/ns/pid", (int)exec_pid);
		int pfd = open(pp, O_RDONLY | O_CLOEXEC);
		if (pfd < 0 || setns(pfd, CLONE_NEWPID) < 0) { warnx_("setns %s: %s", pp, strerror(errno)); return 125; }
		close(pfd);
	} else if (unshare(CLONE_NEWPID) < 0) { warnx_("unshare(CLONE_NEWPID): %s", strerror(errno)); return finish(&o, 125); }
	pid_t pid = fork();
	if (pid < 0) { warnx_("fork: %s", strerror(errno)); return finish(&o, 125); }
	if (pid == 0) {
		close(sp[0]);
		close(sfd);
		if (notify_fd >= 0) close(notify_fd);
		sync_fd = sp[1];
		if (sync_fd <= 3) { int n = fcntl(sync_fd, F_DUPFD_CLOEXEC, 10); close(sync_fd); sync_fd = n; }
		signal(SIGPIPE, SIG_DFL);
		if (exec_pid) {
			static char hbuf[HOST_NAME_MAX + 1];
			CHECK(setns(nsfd[0], CLONE_NEWIPC), "setns ipc: %s", strerror(errno));
			CHECK(setns(nsfd[1], CLONE_NEWUTS), "setns uts: %s", strerror(errno));
			CHECK(setns(nsfd[3], CLONE_NEWNET), "setns net: %s", strerror(errno));
			CHECK(setns(nsfd[2], CLONE_NEWNS), "setns mnt: %s", strerror(errno));
			CHECK(fchdir(rootfd), "fchdir root: %s", strerror(errno));
			CHECK(chroot("."), "chroot: %s", strerror(errno));
			CHECK(chdir("/"), "chdir /: %s", strerror(errno));
			for (int k = 0; k < 4; k++) close(nsfd[k]);
			close(rootfd);
			if (gethostname(hbuf, sizeof hbuf) == 0) o.hostname = hbuf;
			int slave = -1;
			if (o.tty) {
				char pp[PATH_MAX];
				slave = alloc_pty("", pp, sizeof pp);
			}
			become(&o, slave, -1);
		} else {
			child(&o);
		}
		_exit(125);
	}
	close(sp[1]);
	for (int k = 0; k < 4; k++) if (nsfd[k] >= 0) close(nsfd[k]);
	if (rootfd >= 0) close(rootfd);

	/* wait for exec (EOF), an error ('E' code), or the pty master ('M') */
	int master = -1, failed = -1;
	for (;;) {
		char m[2] = { 0, 0 };
		int fd = -1;
		int r = recv_msg(sp[0], m, &fd);
		if (r <= 0) break;
		if (m[0] == 'M' && fd >= 0) master = fd;
		else if (m[0] == 'E') failed = (unsigned char)m[1];
	}
	close(sp[0]);
	if (failed >= 0) {
		int st;
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR) { }
		return finish(&o, failed);
	}
	if (o.pidfile) {
		char b[32];
		snprintf(b, sizeof b, "%d\n", (int)pid);
		if (write_file_atomic(o.pidfile, b) < 0) warnx_("write %s: %s", o.pidfile, strerror(errno));
	}
	if (notify_fd >= 0) {
		if (write(notify_fd, "", 1) < 0) { /* caller gone */ }
		close(notify_fd);
	}

	int relay_in = 0;
	if (master >= 0) {
		struct winsize ws;
		if (ioctl(0, TIOCGWINSZ, &ws) == 0 || ioctl(1, TIOCGWINSZ, &ws) == 0) ioctl(master, TIOCSWINSZ, &ws);
		if (o.interactive) {
			relay_in = 1;
			if (isatty(0) && tcgetattr(0, &saved_tio) == 0) {
				struct termios raw = saved_tio;
				cfmakeraw(&raw);
				tio_saved = 1;
				tcsetattr(0, TCSADRAIN, &raw);
			}
		}
	}

	int master_hup = 0;
	char buf[65536];
	for (;;) {
		struct pollfd pf[4];
		int n = 0, im = -1, ii = -1, id = -1;
		pf[n++] = (struct pollfd){ sfd, POLLIN, 0 };
		if (diefd >= 0) { id = n; pf[n++] = (struct pollfd){ diefd, POLLIN, 0 }; }
		if (master >= 0 && !master_hup) { im = n; pf[n++] = (struct pollfd){ master, POLLIN, 0 }; }
		if (relay_in) { ii = n; pf[n++] = (struct pollfd){ 0, POLLIN, 0 }; }
		int r = poll(pf, n, master_hup ? 50 : -1);
		if (r < 0) { if (errno == EINTR) continue; warnx_("poll: %s", strerror(errno)); break; }
		if (master_hup) {
			/* the slave may be reopened: peek without blocking */
			int fl = fcntl(master, F_GETFL);
			fcntl(master, F_SETFL, fl | O_NONBLOCK);
			ssize_t k = read(master, buf, sizeof buf);
			fcntl(master, F_SETFL, fl);
			if (k > 0) { write_all(1, buf, (size_t)k); master_hup = 0; }
		}
		if (im >= 0 && pf[im].revents) {
			ssize_t k = read(master, buf, sizeof buf);
			if (k > 0) write_all(1, buf, (size_t)k);
			else if (k < 0 && errno == EINTR) { }
			else master_hup = 1;
		}
		if (id >= 0 && pf[id].revents) {
			/* the process we belong to is gone: no container outlives it */
			kill(pid, SIGKILL);
			close(diefd);
			diefd = -1;
		}
		if (ii >= 0 && pf[ii].revents) {
			ssize_t k = read(0, buf, sizeof buf);
			if (k > 0) write_all(master, buf, (size_t)k);
			else if (k < 0 && errno == EINTR) { }
			else relay_in = 0;
		}
		if (pf[0].revents & POLLIN) {
			struct signalfd_siginfo si;
			while (read(sfd, &si, sizeof si) == sizeof si) {
				int s = (int)si.ssi_signo;
				if (s == SIGCHLD) {
					int st;
					pid_t w = waitpid(pid, &st, WNOHANG);
					if (w == pid) {
						drain(master);
						return finish(&o, status_of(st));
					}
				} else if (s == SIGWINCH) {
					struct winsize ws;
					if (master >= 0 && ioctl(0, TIOCGWINSZ, &ws) == 0) ioctl(master, TIOCSWINSZ, &ws);
				} else {
					kill(pid, s);
				}
				struct pollfd q = { sfd, POLLIN, 0 };
				if (poll(&q, 1, 0) <= 0) break;
			}
		}
	}
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) { }
	return finish(&o, status_of(st));
}
