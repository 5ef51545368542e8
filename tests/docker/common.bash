# Loaded by tests/docker/*.bats: a private Docker engine for the suite, and
# images built the way users build them.
#
#   docker_daemon_start   (setup_file) starts dockerd with its own data root,
#                         exec root, pidfile and unix socket under /tmp, no
#                         iptables and no bridge; fails saying why if it cannot
#   docker_daemon_stop    (teardown_file) removes every container, stops it
#   docker_import_busybox TAG   the harness's busybox root as a base image
#   new_context DIR       a build context with the dist tarballs in it
#   build_image TAG DIR   docker build -t TAG DIR (legacy builder, no network)
#   dk ARGS...            the docker client on the private daemon, bounded
#   drun ARGS...          dk run --network none ARGS...
#   wait_until CMD...     bounded retry of CMD (DK_TRIES x 0.05 s)
#   docker_status NAME    the exit code of a container that has ended
#
# The client is docker.io's /usr/bin/docker, the same version as the daemon
# (these machines also carry a newer client in /usr/local/bin; it is not
# what packaging/prereqs installs).

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
EXITCODE=/run/s6-linux-init-container-results/exitcode
DOCKER=${DOCKER:-/usr/bin/docker}
DK_TIMEOUT=${DK_TIMEOUT:-120}
DIST=$REPO/dist
ARCH=${ARCH:-x86_64}

dk() {
	timeout -k 5 "$DK_TIMEOUT" "$DOCKER" "$@"
}

drun() {
	dk run --network none "$@"
}

wait_until() {
	local tries=${DK_TRIES:-400}
	while [ "$tries" -gt 0 ]; do
		"$@" >/dev/null 2>&1 && return 0
		tries=$((tries - 1))
		sleep 0.05
	done
	echo "wait_until: gave up on: $*" >&2
	return 1
}

docker_status() {
	dk wait "$1"
}

docker_daemon_start() {
	local t why=
	command -v dockerd >/dev/null ||
		{ echo "tests/docker: dockerd is not installed: run packaging/prereqs docker (make test does)" >&2; return 1; }
	[ -x "$DOCKER" ] ||
		{ echo "tests/docker: $DOCKER is missing: run packaging/prereqs docker (make test does)" >&2; return 1; }
	# a short path: the unix sockets below must fit in 108 bytes
	DKROOT=$(mktemp -d /tmp/bosun-docker.XXXXXX) || return 1
	echo '{}' > "$DKROOT/daemon.json"
	# the daemon dies with this bats process if it is killed (teardown_file
	# stops it otherwise); no fd of bats is left to it
	setpriv --pdeathsig KILL -- dockerd --config-file "$DKROOT/daemon.json" \
		--iptables=false --ip6tables=false --bridge=none --storage-driver=overlay2 \
		--data-root "$DKROOT/data" --exec-root "$DKROOT/exec" --pidfile "$DKROOT/dockerd.pid" \
		-H "unix://$DKROOT/docker.sock" --shutdown-timeout 2 \
		</dev/null >"$DKROOT/dockerd.log" 2>&1 3>&- &
	DKPID=$!
	export DKROOT DKPID DOCKER_HOST="unix://$DKROOT/docker.sock" DOCKER_BUILDKIT=0
	# ~0.3 s on these machines; bounded at 30 s
	for ((t = 0; t < 300; t++)); do
		if ! kill -0 "$DKPID" 2>/dev/null; then why="dockerd exited"; break; fi
		[ -S "$DKROOT/docker.sock" ] && "$DOCKER" version >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	: "${why:=dockerd did not answer on $DKROOT/docker.sock within 30 s}"
	{
		echo "tests/docker: cannot start a private Docker daemon: $why. Its log ($DKROOT/dockerd.log) ends with:"
		tail -n 15 "$DKROOT/dockerd.log"
	} >&2
	return 1
}

docker_daemon_stop() {
	[ -n "${DKPID:-}" ] || return 0
	local ids t
	ids=$("$DOCKER" ps -aq 2>/dev/null)
	# shellcheck disable=SC2086
	[ -z "$ids" ] || timeout 60 "$DOCKER" rm -f $ids >/dev/null 2>&1
	kill -TERM "$DKPID" 2>/dev/null
	for ((t = 0; t < 200; t++)); do kill -0 "$DKPID" 2>/dev/null || break; sleep 0.1; done
	kill -KILL "$DKPID" 2>/dev/null
	wait "$DKPID" 2>/dev/null
	# whatever the daemon left mounted under its roots, innermost first
	awk -v r="$DKROOT/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r |
		while read -r m; do umount -l "$m" 2>/dev/null; done
	rm -rf "$DKROOT"
}

docker_import_busybox() {
	local root
	root=$(mktemp -d "$BATS_FILE_TMPDIR/busybox.XXXXXX") || return 1
	rmdir "$root"
	"$REPO/tests/harness/mkroot" busybox "$root" none >&2 || return 1
	# as in Debian's and Alpine's images: a /run owned by root, mode 0755
	mkdir -m 0755 "$root/run"
	tar -C "$root" -cf - . | dk import - "$1" >/dev/null
}

new_context() {
	mkdir -p "$1"
	cp "$DIST/bosun-noarch.tar.xz" "$DIST/bosun-$ARCH.tar.xz" \
		"$DIST/bosun-symlinks-noarch.tar.xz" "$DIST/bosun-symlinks-arch.tar.xz" "$1/"
}

build_image() {
	local out
	if ! out=$(dk build -t "$1" "$2" 2>&1); then
		printf 'docker build -t %s %s failed:\n%s\n' "$1" "$2" "$out" >&2
		return 1
	fi
}

# example_image NAME: builds examples/NAME (with the dist tarballs beside its
# Dockerfile) on the busybox base, tagged bosun-example/NAME
example_image() {
	local ctx=$BATS_TEST_TMPDIR/example-$1
	mkdir -p "$ctx"
	cp -a "$REPO/examples/$1/." "$ctx/"
	new_context "$ctx"
	local out
	if ! out=$(dk build -t "bosun-example/$1" --build-arg BASE=bosun-test/busybox \
		--build-arg TARGETARCH="$(debian_arch)" "$ctx" 2>&1); then
		printf 'docker build of examples/%s failed:\n%s\n' "$1" "$out" >&2
		return 1
	fi
	# the Dockerfile's TARGETARCH case picked the tarball of $ARCH (both
	# would run here: the other one through qemu)
	image_machine_is "bosun-example/$1" /command/bosun
}

# image_machine_is IMAGE PATH: PATH in IMAGE is an ELF program for $ARCH
image_machine_is() {
	local want got
	case $ARCH in
		x86_64) want=62 ;;
		aarch64) want=183 ;;
		armhf) want=40 ;;
		i686) want=3 ;;
		*) echo "image_machine_is: unknown ARCH $ARCH" >&2; return 1 ;;
	esac
	got=$(dk run --rm --network none --entrypoint /bin/od "$1" -An -tu2 -j18 -N2 "$2" | tr -d ' ')
	[ "$got" = "$want" ] || { echo "$1: $2 has ELF machine $got, not $want ($ARCH)" >&2; return 1; }
}

# Docker's TARGETARCH for $ARCH
debian_arch() {
	case $ARCH in
		x86_64) echo amd64 ;;
		aarch64) echo arm64 ;;
		armhf) echo arm ;;
		i686) echo 386 ;;
		*) echo "$ARCH" ;;
	esac
}

# the musl compiler for $ARCH (static programs for FROM scratch)
musl_cc() {
	case $ARCH in
		aarch64) echo aarch64-linux-musl-gcc ;;
		armhf) echo arm-linux-musleabihf-gcc ;;
		i686) echo i386-linux-musl-gcc ;;
		*) echo musl-gcc ;;
	esac
}
