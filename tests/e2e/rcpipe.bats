#!/usr/bin/env bats
# Pipelines defined in /etc/s6-overlay/s6-rc.d [R5][R6]: producer-for and
# consumer-for in the definitions, a pipeline-name bundle, the rc engine
# starting consumers before their producers and stopping them after, and
# the pipes held by the tree so that restarting any member loses nothing.

load common

setup() { busybox_root; }


# member NAME RUN-BODY: a longrun of the pipeline (not in user by itself)
member() {
	mkdir -p "$ROOT$RCD/$1"
	echo longrun > "$ROOT$RCD/$1/type"
	printf '#!/bin/sh\necho $$ >> /tmp/%s.pids\n%s\n' "$1" "$2" > "$ROOT$RCD/$1/run"
}
in_user() {
	mkdir -p "$ROOT$RCD/user/contents.d"
	: > "$ROOT$RCD/user/contents.d/$1"
}
lines_in() {
	exec_until sh -c "[ \"\$(wc -l < $1 2>/dev/null || echo 0)\" -ge $2 ]"
}
# the line number of the first stderr line holding TEXT
first_line() { grep -n -m1 -F "$1" <<< "$(container_stderr)" | cut -d: -f1; }

@test "[R6] a 3-stage pipeline from s6-rc.d: its pipeline-name bundle brings it up, consumers first" {
	member a 'seq 1 500; exec sleep 100000'
	member b 'while read -r l; do echo "b:$l"; done'
	member c 'exec cat >> /tmp/out'
	echo b > "$ROOT$RCD/a/producer-for"
	echo a > "$ROOT$RCD/b/consumer-for"
	echo c > "$ROOT$RCD/b/producer-for"
	echo b > "$ROOT$RCD/c/consumer-for"
	echo logpipe > "$ROOT$RCD/c/pipeline-name"
	in_user logpipe
	container_start "$ROOT" --
	lines_in /tmp/out 500
	run seq -f 'b:%g' 1 500
	cmp <(echo "$output") "$ROOT/tmp/out"
	# the engine started each consumer before its producer
	[ "$(first_line 'service c successfully started')" -lt "$(first_line 'service b: starting')" ]
	[ "$(first_line 'service b successfully started')" -lt "$(first_line 'service a: starting')" ]
	container_stop
	[ "$status" -eq 0 ]
	# and stopped it after
	[ "$(first_line 'service a successfully stopped')" -lt "$(first_line 'service b: stopping')" ]
	[ "$(first_line 'service b successfully stopped')" -lt "$(first_line 'service c: stopping')" ]
}

# producers of the funnel: N-1..N-2500, wait for /tmp/go, then
# N-2501..N-5000; a restarted instance skips what its predecessor wrote.
# One write per line (the shell's echo), as a logging producer does: two
# producers' buffered 4 KiB chunks would interleave mid-line.
funnel_producer() {
	member "$1" "lines() { i=\$1; while [ \$i -le \$2 ]; do echo $1-\$i; i=\$((i + 1)); done; }
[ -e /tmp/$1.half ] || { lines 1 2500; touch /tmp/$1.half; }
while [ ! -e /tmp/go ]; do sleep 0.01; done
[ -e /tmp/$1.done ] || { lines 2501 5000; touch /tmp/$1.done; }
exec sleep 100000"
	echo c > "$ROOT$RCD/$1/producer-for"
}

@test "[R6] a 2-producer funnel loses nothing when its consumer and a producer are restarted" {
	funnel_producer p1
	funnel_producer p2
	member c 'exec cat >> /tmp/out'
	printf 'p1\np2\n' > "$ROOT$RCD/c/consumer-for"
	echo funnel > "$ROOT$RCD/c/pipeline-name"
	in_user funnel
	container_start "$ROOT" --
	lines_in /tmp/out 5000
	# the consumer killed between lines, then a producer: both restart
	container_exec -- /command/s6-svc -k /run/service/c
	exec_until sh -c '[ "$(wc -l < /tmp/c.pids)" -ge 2 ]'
	container_exec -- /command/s6-svc -k /run/service/p1
	exec_until sh -c '[ "$(wc -l < /tmp/p1.pids)" -ge 2 ]'
	container_exec -- touch /tmp/go
	lines_in /tmp/out 10000
	for p in p1 p2; do
		run seq -f "$p-%g" 1 5000
		cmp <(echo "$output") <(grep "^$p-" "$ROOT/tmp/out")
	done
	[ "$(wc -l < "$ROOT/tmp/out")" -eq 10000 ]
	container_stop
	[ "$status" -eq 0 ]
}

@test "[R6][V4] s6-rc -d change of a pipeline bundle stops producers before the consumer; -u brings it back" {
	member p 'seq 1 100; exec sleep 100000'
	member c 'exec cat >> /tmp/out'
	echo c > "$ROOT$RCD/p/producer-for"
	echo p > "$ROOT$RCD/c/consumer-for"
	echo pl > "$ROOT$RCD/c/pipeline-name"
	in_user pl
	container_start "$ROOT" --
	lines_in /tmp/out 100
	container_exec -- /command/s6-rc -v2 -d change pl
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"service p successfully stopped"*"service c: stopping"* ]]
	container_exec -- /command/s6-svstat -u /run/service/c
	[ "$output" = false ]
	container_exec -- /command/s6-rc -u change pl
	[ "$status" -eq 0 ]
	lines_in /tmp/out 200
	container_stop
	[ "$status" -eq 0 ]
}
