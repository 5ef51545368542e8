# Sourced by the harness scripts: locations, and nsrun rebuilt when its source changed.
harness_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
harness_top=$(cd "$harness_dir/../.." && pwd)
harness_build=${HARNESS_BUILD:-$harness_top/build/harness}
NSRUN=$harness_build/nsrun

harness_die() { echo "harness: $*" >&2; exit 125; }

ensure_nsrun() {
	if [ ! -x "$NSRUN" ] || [ "$harness_dir/nsrun.c" -nt "$NSRUN" ]; then
		make -s -C "$harness_top" -f tests/harness/Makefile HARNESS_BUILD="$harness_build" >&2 ||
			harness_die "cannot build $NSRUN"
	fi
}

# statedir_check DIR: DIR must hold a container started with run -d
statedir_check() {
	[ -n "${1:-}" ] || harness_die "no STATEDIR given"
	[ -f "$1/pid" ] && [ -f "$1/monitor.pid" ] || harness_die "$1: no container started there (run -d)"
}

# read the status file (waits a moment if the monitor is gone but the file is late: it never is)
read_status() {
	local s
	if [ -f "$1/status" ]; then s=$(cat "$1/status"); echo "$s"; return 0; fi
	return 1
}

now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $((10#$t / 1000)); }
