# Loaded by every end-to-end suite: the container harness plus helpers.
load ../harness/lib

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
EXITCODE=/run/s6-linux-init-container-results/exitcode
HALT=/run/s6/basedir/bin/halt

# a fresh busybox root with the dist tarballs unpacked, in $ROOT
busybox_root() {
	ROOT=$(make_root busybox) || { echo "make_root failed" >&2; return 1; }
}

# put an executable script into the root: script PATH <<'EOF' ... EOF
script() {
	mkdir -p "$ROOT$(dirname "$1")"
	cat > "$ROOT$1"
	chmod 0755 "$ROOT$1"
}

# wait, bounded, until a command inside the container succeeds
exec_until() {
	local tries=${EXEC_TRIES:-500}
	while [ "$tries" -gt 0 ]; do
		container_exec -- "$@"
		[ "$status" -eq 0 ] && return 0
		tries=$((tries - 1))
		sleep 0.02
	done
	return 1
}

# The supervisor applet arrives with issue 3; suites that need it say so
# instead of hanging until their timeouts when it is not in the tarballs.
needs_supervisor() {
	[ -e "$ROOT/command/s6-supervise" ] || skip "needs the s6-supervise applet (issue 3)"
}

# host_files PROG...: a host program and every shared library it needs
# (ldd), one path a line; install_files FILE...: copies them into $ROOT.
# Debian's s6 is the oracle of [V3]; it is dynamically linked.
host_files() {
	local p
	for p in "$@"; do echo "/usr/bin/$p"; ldd "/usr/bin/$p" | grep -o '/[^ ]*'; done | sort -u
}
install_files() {
	local f
	for f in "$@"; do
		mkdir -p "$ROOT$(dirname "$f")"
		cp -L "$f" "$ROOT$f"
	done
}

# s6-rc.d definitions [R1]-[R3]: svc NAME TYPE [DEP...] writes a definition
# of that type into $ROOT's tree, in the user bundle, depending on DEPs
RCD=/etc/s6-overlay/s6-rc.d
svc() {
	local name=$1 type=$2 d
	shift 2
	mkdir -p "$ROOT$RCD/$name/dependencies.d" "$ROOT$RCD/user/contents.d"
	echo "$type" > "$ROOT$RCD/$name/type"
	for d in "$@"; do : > "$ROOT$RCD/$name/dependencies.d/$d"; done
	: > "$ROOT$RCD/user/contents.d/$name"
}
