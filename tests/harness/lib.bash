# Container harness helpers for bats suites: `load ../harness/lib`.
#
#   root=$(make_root busybox|scratch [TARBALL...|none])
#       fresh root in $BATS_TEST_TMPDIR (default tarballs: dist/bosun-*.tar.xz)
#   container_run ROOT [opts] -- CMD...
#       foreground boot; sets $status, $output (stdout only), $stderr, $lines,
#       $stderr_lines. Bounded by $CONTAINER_TIMEOUT (default 30 s): then TERM,
#       KILL 2 s later, status 124 (137 if it had to be killed).
#   container_start ROOT [opts] -- CMD...
#       detached boot; sets $CONTAINER (its state dir) and $CONTAINER_PID
#       (PID 1 as seen from the host); returns run's status (0 = PID 1 runs).
#   container_stop [STATEDIR] [GRACE] [SIGNAL]  docker stop; sets $status, $stderr, $STOP_MS
#   container_kill [STATEDIR] SIGNAL     sets $status
#   container_wait [STATEDIR] [TIMEOUT]  sets $status (124 on timeout)
#   container_exec [STATEDIR] [-u U] [-e V=X] [-w D] [-i] -- CMD...
#       docker exec; sets $status, $output, $stderr, $lines, $stderr_lines
#   container_stdout [STATEDIR] / container_stderr [STATEDIR]   print the logs so far
#   container_wait_output PATTERN [TIMEOUT] [stdout|stderr] [STATEDIR]
#       wait (default 10 s) until the log matches the grep -E PATTERN; 0 or 124
#   container_cleanup   KILL every container this test started (call it from
#                       teardown; the default teardown below does)
# STATEDIR defaults to $CONTAINER (the last started container).

HARNESS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
NSRUN=${HARNESS_BUILD:-$HARNESS_DIR/../../build/harness}/nsrun
CONTAINER_TIMEOUT=${CONTAINER_TIMEOUT:-30}

_harness_tmp() {
	echo "${BATS_TEST_TMPDIR:-${BATS_TMPDIR:-/tmp}}"
}

make_root() {
	local type=${1:?make_root busybox|scratch [TARBALL...|none]} dir
	shift
	dir=$(mktemp -d "$(_harness_tmp)/root.XXXXXX") || return 1
	"$HARNESS_DIR/mkroot" "$type" "$dir" "$@" >&2 || return 1
	echo "$dir"
}

# _harness_slurp VAR FILE: FILE's content into VAR, trailing newlines removed
# like $(cat FILE) does, without forking
_harness_slurp() {
	local _v=
	IFS= read -r -d '' _v < "$2" || true
	while [[ $_v == *$'\n' ]]; do _v=${_v%$'\n'}; done
	printf -v "$1" '%s' "$_v"
}

# _harness_files: two fresh capture file names (no mktemp fork)
_harness_n=0
_harness_files() {
	local t
	t=${BATS_TEST_TMPDIR:-${BATS_TMPDIR:-/tmp}}
	_harness_n=$((_harness_n + 1))
	_hout=$t/.harness-out.$$.$BASHPID.$_harness_n
	_herr=$t/.harness-err.$$.$BASHPID.$_harness_n
}

# _harness_capture OUTFILE ERRFILE: set output/stderr/lines/stderr_lines
_harness_capture() {
	_harness_slurp output "$1"
	_harness_slurp stderr "$2"
	lines=() stderr_lines=()
	local l
	if [ -n "$output" ]; then while IFS= read -r l; do lines+=("$l"); done <<< "$output"; fi
	if [ -n "$stderr" ]; then while IFS= read -r l; do stderr_lines+=("$l"); done <<< "$stderr"; fi
	rm -f "$1" "$2"
}

container_run() {
	_harness_files
	status=0
	timeout -k 2 "$CONTAINER_TIMEOUT" "$HARNESS_DIR/run" "$@" >"$_hout" 2>"$_herr" 3>&- || status=$?
	_harness_capture "$_hout" "$_herr"
	return 0
}

container_start() {
	local t=${BATS_TEST_TMPDIR:-${BATS_TMPDIR:-/tmp}}
	_harness_n=$((_harness_n + 1))
	CONTAINER=$t/container.$$.$BASHPID.$_harness_n
	local root=$1
	shift
	echo "$CONTAINER" >> "$t/.harness-containers"
	local rc=0
	# the container dies with the bats test process ($$), whatever teardown does
	local die=()
	[ -n "${CONTAINER_DIE_WITH-$$}" ] && die=(--die-with "${CONTAINER_DIE_WITH-$$}")
	"$HARNESS_DIR/run" "$root" -d "$CONTAINER" "${die[@]}" "$@" 3>&- || rc=$?
	CONTAINER_PID=
	[ -f "$CONTAINER/pid" ] && read -r CONTAINER_PID < "$CONTAINER/pid"
	status=$rc
	return $rc
}

# _harness_state "$@": STATEDIR from $1 if it is one, else $CONTAINER; sets _hs and _hshift
_harness_state() {
	if [ $# -ge 1 ] && [ -f "$1/monitor.pid" ]; then _hs=$1 _hshift=1; else _hs=${CONTAINER:?no container started} _hshift=0; fi
}

container_stop() {
	_harness_state "$@"; shift $_hshift
	_harness_files
	status=0
	"$HARNESS_DIR/stop" "$_hs" "$@" 2>"$_herr" 3>&- || status=$?
	_harness_slurp stderr "$_herr"
	rm -f "$_herr"
	STOP_MS=
	[[ $stderr =~ stop:\ status\ .*\ after\ ([0-9]+)\ ms ]] && STOP_MS=${BASH_REMATCH[1]}
	return 0
}

container_kill() {
	_harness_state "$@"; shift $_hshift
	status=0
	"$HARNESS_DIR/kill" "$_hs" "$@" 3>&- || status=$?
	return 0
}

container_wait() {
	_harness_state "$@"; shift $_hshift
	status=0
	"$HARNESS_DIR/wait" "$_hs" "$@" 3>&- || status=$?
	return 0
}

container_exec() {
	_harness_state "$@"; shift $_hshift
	_harness_files
	status=0
	timeout -k 2 "$CONTAINER_TIMEOUT" "$HARNESS_DIR/exec" "$_hs" "$@" >"$_hout" 2>"$_herr" 3>&- || status=$?
	_harness_capture "$_hout" "$_herr"
	return 0
}

container_stdout() { _harness_state "$@"; cat "$_hs/stdout"; }
container_stderr() { _harness_state "$@"; cat "$_hs/stderr"; }

# _harness_now_ms VAR: milliseconds since the epoch into VAR
_harness_now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; printf -v "$1" '%d' $((10#$t / 1000)); }
# _harness_ms SECONDS (may have decimals): milliseconds
_harness_ms() {
	local i=${1%%.*} f=
	[[ $1 == *.* ]] && f=${1#*.}
	f=${f}000
	echo $(( 10#${i:-0} * 1000 + 10#${f:0:3} ))
}

container_wait_output() {
	local pat=${1:?container_wait_output PATTERN [TIMEOUT] [stdout|stderr] [STATEDIR]}
	local timeout=${2:-10} which=${3:-stdout}
	shift $(($# < 3 ? $# : 3))
	_harness_state "$@"
	local now end
	_harness_now_ms now
	end=$(( now + $(_harness_ms "$timeout") ))
	while :; do
		grep -Eq -- "$pat" "$_hs/$which" 2>/dev/null && return 0
		_harness_now_ms now
		[ "$now" -lt "$end" ] || return 124
		if [ -f "$_hs/status" ]; then
			grep -Eq -- "$pat" "$_hs/$which" 2>/dev/null && return 0
			return 124
		fi
		sleep 0.01
	done
}

container_cleanup() {
	local t s list=()
	t=$(_harness_tmp)
	[ -f "$t/.harness-containers" ] || return 0
	while IFS= read -r s; do list+=("$s"); done < "$t/.harness-containers"
	for s in "${list[@]}"; do
		if [ -f "$s/pid" ] && [ ! -f "$s/status" ]; then
			kill -KILL "$(cat "$s/pid")" 2>/dev/null
		fi
	done
	for s in "${list[@]}"; do
		[ -f "$s/monitor.pid" ] && "$HARNESS_DIR/wait" "$s" 5 >/dev/null 2>&1
	done
	rm -f "$t/.harness-containers"
	return 0
}

teardown() {
	container_cleanup
}
