#!/usr/bin/env bats
# The supervision tree kept by PID 1: one supervisor per /run/service entry
# and per log/ [B6][V1], the pipe held between a service and its logger
# [R6], re-spawned supervisors, services down before loggers at shutdown [S6].

load common

setup() {
	busybox_root
	needs_supervisor
	# services are made under /srv and linked into /run/service by the CMD,
	# as stage 2 will do for services.d
	mkdir -p "$ROOT/srv"
}

# service NAME RUN-SCRIPT: a service directory /srv/NAME with that run script
service() {
	mkdir -p "$ROOT/srv/$1"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/srv/$1/run"
	chmod 755 "$ROOT/srv/$1/run"
}

# logger NAME RUN-SCRIPT: its log/ subservice
logger() {
	mkdir -p "$ROOT/srv/$1/log"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/srv/$1/log/run"
	chmod 755 "$ROOT/srv/$1/log/run"
}

# the CMD links every /srv service into /run/service, asks for a rescan,
# and waits to be stopped
start_tree() {
	container_start "$ROOT" "$@" -- sh -c 'for s in /srv/*; do ln -s $s /run/service/; done; s6-svscanctl -a /run/service; echo linked; exec sleep 100000'
	container_wait_output linked
}

@test "[B6] a service linked into /run/service is started after a rescan, in its own directory" {
	service hello 'pwd > /tmp/hello.cwd; exec sleep 100000'
	start_tree
	exec_until test -s /tmp/hello.cwd
	container_exec -- cat /tmp/hello.cwd
	# the supervisor chdirs through the link: the kernel reports the real directory
	[ "$output" = /srv/hello ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[B6] SIGHUP to /init rescans too" {
	service late 'touch /tmp/late.ran; exec sleep 100000'
	container_start "$ROOT" -- sleep 100000
	exec_until test -p /run/service/.s6-svscan/control
	container_exec -- ln -s /srv/late /run/service/late
	container_kill "$CONTAINER" HUP
	exec_until test -e /tmp/late.ran
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R6] a service's output reaches its logger through the held pipe" {
	service talker 'i=0; while [ $i -lt 100 ]; do echo "line $i"; i=$((i+1)); done; exec sleep 100000'
	logger talker 'exec cat >> /tmp/talker.log'
	start_tree
	exec_until sh -c '[ "$(wc -l < /tmp/talker.log)" -eq 100 ]'
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R6] a logger killed while its service writes 100,000 numbered lines: each arrives once, in order" {
	# half the lines, then the logger is killed, then the other half is
	# written at once, while the logger is being restarted
	# (the logger is killed once it has written all it read: a cat killed
	# between its read and its write would lose that chunk by itself)
	service counter 'seq 1 50000; touch /tmp/counter.half; while [ ! -e /tmp/counter.go ]; do sleep 0.01; done; seq 50001 100000; touch /tmp/counter.done; exec sleep 100000'
	logger counter 'exec cat >> /tmp/counter.log'
	start_tree
	exec_until test -e /tmp/counter.half
	exec_until sh -c '[ "$(wc -l < /tmp/counter.log)" -eq 50000 ]'
	container_exec -- sh -c 'for p in $(pidof cat); do kill -KILL $p; done'
	container_exec -- touch /tmp/counter.go
	exec_until test -e /tmp/counter.done
	exec_until sh -c '[ "$(wc -l < /tmp/counter.log)" -ge 100000 ]'
	run seq 1 100000
	cmp <(echo "$output") "$ROOT/tmp/counter.log"
	container_stop "$CONTAINER" 20
}

@test "[V2] a service that crash-loops for a minute: restarts are paced and the tree's memory stays flat" {
	service crash 'echo x >> /tmp/crash.count; exit 1'
	start_tree
	exec_until test -s /tmp/crash.count
	# memory of PID 1 and of the supervisor, from the host, after warm-up
	sleep 3
	local pid1=$CONTAINER_PID sup rss_before rss_after
	sup=$(pgrep -P "$pid1" -f "s6-supervise crash" | head -n 1)
	rss_before=$(( $(awk '/^Rss:/ {print $2}' "/proc/$pid1/smaps_rollup") + $(awk '/^Rss:/ {print $2}' "/proc/$sup/smaps_rollup") ))
	local start=$(wc -l < "$ROOT/tmp/crash.count")
	sleep 60
	rss_after=$(( $(awk '/^Rss:/ {print $2}' "/proc/$pid1/smaps_rollup") + $(awk '/^Rss:/ {print $2}' "/proc/$sup/smaps_rollup") ))
	local runs=$(( $(wc -l < "$ROOT/tmp/crash.count") - start ))
	echo "restarts in 60 s: $runs; RSS of PID 1 + supervisor: $rss_before KiB -> $rss_after KiB" >&3
	# paced at one start a second at most (and not stalled)
	[ "$runs" -le 61 ]
	[ "$runs" -ge 30 ]
	# flat: no growth beyond a page or two of noise
	[ "$rss_after" -le $((rss_before + 16)) ]
	container_stop "$CONTAINER" 20
}

@test "[V1] a supervisor killed with SIGKILL is re-spawned and its service runs exactly once" {
	service once 'echo $$ >> /tmp/once.pids; exec sleep 100000'
	start_tree
	exec_until test -s /tmp/once.pids
	container_exec -- sh -c 'for p in $(pidof s6-supervise); do grep -q once /proc/$p/cmdline && kill -KILL $p; done'
	exec_until sh -c 'for p in $(pidof s6-supervise); do grep -q once /proc/$p/cmdline && exit 0; done; exit 1'
	exec_until /command/s6-svok /run/service/once
	# the CMD's sleep and the service's: no duplicate service process
	container_exec -- sh -c 'pidof sleep | wc -w'
	[ "$output" = 2 ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[S6] at shutdown services go down first, and their loggers get every last line" {
	service last 'trap "echo goodbye; exit 0" TERM; echo hello; while :; do sleep 0.05; done'
	logger last 'while read -r l; do echo "$l" >> /tmp/last.log; done; echo eof >> /tmp/last.log'
	start_tree
	exec_until grep -q hello /tmp/last.log
	cp -a "$ROOT/tmp" "$BATS_TEST_TMPDIR/tmp-before" 2>/dev/null || true
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	run cat "$ROOT/tmp/last.log"
	[ "${lines[0]}" = hello ]
	[ "${lines[1]}" = goodbye ]
	[ "${lines[2]}" = eof ]
}

@test "[S1] s6-svscanctl -t /run/service stops the container" {
	container_start "$ROOT" -- sh -c 'echo 12 > /run/s6-linux-init-container-results/exitcode; exec sleep 100000'
	exec_until test -p /run/service/.s6-svscan/control
	container_exec -- /command/s6-svscanctl -t /run/service
	container_wait "$CONTAINER" 20
	[ "$status" -eq 12 ]
}
