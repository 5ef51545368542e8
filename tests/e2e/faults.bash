# The fault-injection suite's world (tests/e2e/faults.bats), loaded after
# common.bash. One booted container runs services that write numbered
# lines through loggers:
#   pa -> pa-log  an s6-rc pipeline (producer-for / consumer-for)
#   sb -> sb/log  a services.d service with a log/ directory
# Each writer ("NAME 1", "NAME 2", ...) goes on from its saved count when
# it restarts and saves it when TERM stops it between two lines, so over
# the container's life every number must reach its log directory exactly
# once, whatever was killed on the way.
#
# Adding a fault is a few lines:
#   @test "[RULE] SIGKILL to X" {
#       faults_boot
#       while fault_round; do
#           fault_mark                # the log positions before the fault
#           ... inflict it, wait for its event ...
#           fault_check               # each service once, agreed on, logging
#       done
#       faults_stop                   # docker stop: status 0, every line once
#   }
# fault_round gives FAULT_ROUNDS rounds (20), or runs for SOAK_SECONDS
# when that is set (make soak).

# the supervised directories, as PID 1's tree links them
FAULT_DIRS="/run/service/pa /run/service/pa-log /run/service/sb /run/service/sb/log"
FAULT_WRITERS="pa sb"

S6_FAULT_PROGS="s6-ftrig-listen1 s6-ftrigrd"

faults_root() {
	busybox_root
	# shellcheck disable=SC2046
	install_files $(host_files $S6_FAULT_PROGS)
	mkdir -p "$ROOT/var/log/pa" "$ROOT/var/log/sb"
	script /bin/numbered <<-'EOF'
	#!/bin/sh
	# numbered NAME: "NAME N" lines, N going on from /tmp/NAME.count;
	# TERM is taken between two lines (the shell runs the trap after the
	# current command), so the count saved is the last line written.
	# While /tmp/pause exists it writes nothing and says where it is.
	c=/tmp/$1.count
	i=0
	[ -s "$c" ] && i=$(cat "$c")
	trap 'echo $i > $c.new && mv $c.new $c; exit 0' TERM
	echo $$ >> /tmp/$1.pids
	while :; do
		while [ -e /tmp/pause ]; do echo $i > /tmp/$1.paused; sleep 0.01; done
		echo "$1 $((i += 1))"
		sleep 0.01
	done
	EOF
	svc pa longrun
	svc pa-log longrun
	echo pa-log > "$ROOT$RCD/pa/producer-for"
	echo pa > "$ROOT$RCD/pa-log/consumer-for"
	printf '#!/bin/sh\nexec /bin/numbered pa\n' > "$ROOT$RCD/pa/run"
	printf '#!/bin/sh\nexec s6-log n20 s1000000 /var/log/pa\n' > "$ROOT$RCD/pa-log/run"
	mkdir -p "$ROOT/etc/services.d/sb/log"
	printf '#!/bin/sh\nexec /bin/numbered sb\n' > "$ROOT/etc/services.d/sb/run"
	printf '#!/bin/sh\nexec s6-log n20 s1000000 /var/log/sb\n' > "$ROOT/etc/services.d/sb/log/run"
	chmod 755 "$ROOT/etc/services.d/sb/run" "$ROOT/etc/services.d/sb/log/run"
	script /bin/supof <<-'EOF'
	#!/bin/sh
	# supof DIR: the pid of the supervisor of DIR (its cwd)
	d=$(readlink -f "$1")
	for p in $(pidof s6-supervise); do [ "$(readlink /proc/$p/cwd)" = "$d" ] && echo $p; done
	EOF
	script /bin/faultcheck <<-'EOF'
	#!/bin/sh
	# faultcheck DIR...: each service up with exactly one process, the one
	# its status names; bosun health and /run/s6-rc/state agree
	bad() { echo "faultcheck: $*"; exit 1; }
	cmdline() { tr '\0' ' ' 2>/dev/null < /proc/$1/cmdline; }
	for d in "$@"; do
		/command/s6-svwait -u -t 5000 "$d" || bad "$d is not up"
		case $d in
		*/log|*-log) want="s6-log n20 s1000000 /var/log/$(basename ${d%/log} -log)" ;;
		*) want="/bin/sh /bin/numbered $(basename $d)" ;;
		esac
		# a service just started is still on its way to that command
		# (the supervisor's fork, ./run): bounded, 5 s
		tries=500
		while :; do
			pid=$(/command/s6-svstat -o pid "$d")
			[ "$(cmdline $pid)" = "$want " ] && break
			tries=$((tries - 1))
			[ $tries -gt 0 ] || bad "$d: its pid $pid runs \"$(cmdline $pid)\", not \"$want\""
			sleep 0.01
		done
		n=0
		for p in /proc/[0-9]*; do
			[ "$(cmdline ${p#/proc/})" = "$want " ] || continue
			# the writer's own forks (for sleep) carry its command line
			ppid=
			read -r _ _ _ ppid _ 2>/dev/null < $p/stat
			[ "$ppid" = "$pid" ] && continue
			n=$((n + 1))
			[ "${p#/proc/}" = "$pid" ] || bad "$d: pid ${p#/proc/} runs \"$want\" but the status names $pid"
		done
		[ "$n" -eq 1 ] || bad "$d: $n processes run \"$want\""
	done
	/command/bosun health 2>/tmp/health.err || bad "bosun health: $(cat /tmp/health.err)"
	for s in pa pa-log; do grep -qx "$s" /run/s6-rc/state || bad "$s is not in /run/s6-rc/state"; done
	exit 0
	EOF
	script /bin/lastline <<-'EOF'
	#!/bin/sh
	# lastline NAME: the number of NAME's last logged line (0 if none)
	n=$(tail -n 1 /var/log/$1/current 2>/dev/null)
	echo ${n#* }
	EOF
}

# boots the container and waits until everything runs
faults_boot() {
	faults_root
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /bin/faultcheck $FAULT_DIRS
	[ "$status" -eq 0 ] || { echo "$output"; return 1; }
	FAULT_ROUND=0
	FAULT_END=
	[ -z "${SOAK_SECONDS:-}" ] || FAULT_END=$(( $(date +%s) + SOAK_SECONDS ))
}

# while fault_round; do ... done: FAULT_ROUNDS rounds (default 20), or
# until SOAK_SECONDS have passed
fault_round() {
	FAULT_ROUND=$((FAULT_ROUND + 1))
	if [ -n "$FAULT_END" ]; then [ "$(date +%s)" -lt "$FAULT_END" ]; return; fi
	[ "$FAULT_ROUND" -le "${FAULT_ROUNDS:-20}" ]
}

# the last logged number of each writer, before a fault
fault_mark() {
	container_exec -- sh -c 'for w in '"$FAULT_WRITERS"'; do /bin/lastline $w; done'
	FAULT_MARKS=("${lines[@]}")
}

# after a fault: every service once and agreed on (see faultcheck), and
# each log has grown past its mark
fault_check() {
	container_exec -- /bin/faultcheck $FAULT_DIRS
	[ "$status" -eq 0 ] || { echo "round $FAULT_ROUND: $output $stderr"; return 1; }
	local i=0 w
	for w in $FAULT_WRITERS; do
		exec_until sh -c "[ \$(/bin/lastline $w) -gt ${FAULT_MARKS[$i]} ]" || { echo "round $FAULT_ROUND: $w logs nothing past ${FAULT_MARKS[$i]}"; return 1; }
		i=$((i + 1))
	done
}

# kills DIRs' supervisors at once and returns once each successor has
# started (its "s" event), heard through s6's s6-ftrig-listen1
fault_kill_supervisors() {
	local cmd="kill -KILL" d
	for d in "$@"; do
		container_exec -- /bin/supof "$d"
		[ -n "$output" ] || { echo "no supervisor for $d"; return 1; }
		cmd="$cmd $output"
	done
	for d in "$@"; do cmd="/usr/bin/s6-ftrig-listen1 -t 10000 $d/event s $cmd"; done
	container_exec -- sh -c "$cmd"
	[ "$status" -eq 0 ] || { echo "round $FAULT_ROUND: $cmd: $status $stderr"; return 1; }
}

# docker stop, then every number of each writer logged exactly once, in
# order, up to the count it saved when it was stopped
faults_stop() {
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ] || { echo "stop: status $status"; return 1; }
	local w
	for w in $FAULT_WRITERS; do
		local n
		n=$(cat "$ROOT/tmp/$w.count")
		[ "$n" -gt 0 ]
		(cd "$ROOT/var/log/$w" && cat $(ls | grep -E '^@[0-9a-f]{24}\.[su]$' | sort) current) > "$BATS_TEST_TMPDIR/$w.log"
		seq -f "$w %g" 1 "$n" | cmp - "$BATS_TEST_TMPDIR/$w.log" || { echo "$w: the log is not $w 1..$n"; return 1; }
		echo "# $w: $n lines, $(wc -l < "$ROOT/tmp/$w.pids") starts" >&3
	done
}
