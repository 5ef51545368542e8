# Sourced by the harness scripts: locations, and nsrun rebuilt when its source changed.
# (no command substitutions here: every fork costs, and this runs for every boot)
harness_dir=${BASH_SOURCE[0]%/*}
[[ ${BASH_SOURCE[0]} == */* ]] || harness_dir=.
[[ $harness_dir == /* ]] || harness_dir=$PWD/$harness_dir
harness_top=${harness_dir%/tests/harness}
[ "$harness_top" != "$harness_dir" ] || harness_top=$harness_dir/../..
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

# read_status DIR: sets $st from DIR/status; fails if there is none
read_status() {
	st=
	[ -f "$1/status" ] && read -r st < "$1/status" && [ -n "$st" ]
}

# now_ms VAR: milliseconds since the epoch into VAR
now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; printf -v "$1" '%d' $((10#$t / 1000)); }
