#!/usr/bin/env bats
# Fault injection (issue 12) [V7][V8]: while services write numbered lines
# through loggers, SIGKILL in turn each supervisor, each logger, all
# supervisors at once, s6-svc -w waiters; after each fault every service
# runs exactly once in its wanted state, bosun health, s6-svstat and the
# rc state agree, and docker stop ends with status 0 with every line
# logged exactly once. Each fault 20 rounds, waiting on events; `make
# soak` runs the same faults for SOAK_MINUTES. The world and the helpers
# are in faults.bash.

load common
load faults

@test "[V7] SIGKILL to each supervisor in turn, the services' and the loggers'" {
	faults_boot
	local dirs=($FAULT_DIRS)
	while fault_round; do
		fault_mark
		fault_kill_supervisors "${dirs[$(( FAULT_ROUND % ${#dirs[@]} ))]}"
		fault_check
	done
	faults_stop
}

@test "[V7] SIGKILL to every supervisor at once" {
	faults_boot
	while fault_round; do
		fault_mark
		fault_kill_supervisors $FAULT_DIRS
		fault_check
	done
	faults_stop
}

# A logger killed between its read and its write loses that chunk, as any
# program reading a pipe would: the writers pause, the fault lands once
# the logger has written all it read, and the writers go on while the
# logger restarts (their lines wait in the pipe PID 1 holds).
@test "[V7] SIGKILL to each logger itself, between two lines" {
	faults_boot
	local logs=(pa-log sb/log) writers=(pa sb) i d w
	while fault_round; do
		i=$(( FAULT_ROUND % 2 )) d=/run/service/${logs[$i]} w=${writers[$i]}
		fault_mark
		container_exec -- sh -c 'rm -f /tmp/*.paused; touch /tmp/pause'
		exec_until sh -c "[ -s /tmp/$w.paused ] && [ \"\$(/bin/lastline $w)\" = \"\$(cat /tmp/$w.paused)\" ]"
		container_exec -- sh -c "/usr/bin/s6-ftrig-listen1 -t 10000 $d/event u kill -KILL \$(/command/s6-svstat -o pid $d)"
		[ "$status" -eq 0 ] || { echo "round $FAULT_ROUND: $stderr"; return 1; }
		container_exec -- rm /tmp/pause
		fault_check
	done
	faults_stop
}

# [V8] a waiter's fifo stays behind when it is killed: the next event
# removes it, and the waiters after it are not disturbed
@test "[V8] SIGKILL to s6-svwait and s6-svc -w waiters; the services and later waiters do not notice" {
	faults_boot
	local writers=(pa sb) d
	while fault_round; do
		d=/run/service/${writers[$(( FAULT_ROUND % 2 ))]}
		fault_mark
		container_exec -- sh -c "(/command/s6-svwait -d $d & /command/s6-svc -wd -T 100000 $d & /command/s6-svwait -U -t 100000 $d/../nowhere &) </dev/null >/dev/null 2>&1"
		exec_until sh -c "[ \$(ls $d/event | wc -l) -eq 2 ]"
		container_exec -- sh -c 'kill -KILL $(pidof s6-svwait s6-svc)'
		container_exec -- /command/s6-svc -wr -r -T 10000 "$d"
		[ "$status" -eq 0 ] || { echo "round $FAULT_ROUND: $stderr"; return 1; }
		container_exec -- ls "$d/event"
		[ -z "$output" ] || { echo "round $FAULT_ROUND: left in $d/event: $output"; return 1; }
		fault_check
	done
	faults_stop
}

@test "[I3] a service that forks 10,000 children and exits: all reaped, the others untouched" {
	faults_root
	mkdir -p "$ROOT/etc/services.d/forker"
	printf '#!/bin/sh\nif [ ! -e /tmp/forked ]; then i=0; while [ $i -lt 10000 ]; do true & i=$((i + 1)); done; touch /tmp/forked; exit 0; fi\nexec sleep 100003\n' > "$ROOT/etc/services.d/forker/run"
	chmod 755 "$ROOT/etc/services.d/forker/run"
	container_start "$ROOT" --
	exec_until test -e /tmp/forked
	exec_until /command/bosun health
	container_exec -- /command/s6-svwait -u -t 10000 /run/service/forker
	exec_until sh -c '! ps -o stat | grep -q "^Z"'
	FAULT_ROUND=1
	fault_mark
	fault_check
	container_exec -- sh -c 'ps -o args | grep -c "^sleep 100003"'
	[ "$output" = 1 ]
	faults_stop
}
