#!/usr/bin/env bats
# Pipelines between services [R5][R6]: a service directory with a
# producer-for file naming C writes its stdout into a pipe that the scanner
# holds for C, and C reads it on its stdin, across restarts of either side
# and of their supervisors; at shutdown consumers outlive their producers
# [S6]. The vehicle is /etc/services.d: stage 2 copies each directory, with
# all its files, to /run/s6/legacy-services and links it into /run/service.

load common

setup() {
	busybox_root
	needs_supervisor
}

# svc NAME RUN-SCRIPT [CONSUMER]: /etc/services.d/NAME with that run script,
# and a producer-for file naming CONSUMER when given
svc() {
	mkdir -p "$ROOT/etc/services.d/$1"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/etc/services.d/$1/run"
	chmod 755 "$ROOT/etc/services.d/$1/run"
	[ -z "${3-}" ] || echo "$3" > "$ROOT/etc/services.d/$1/producer-for"
}

# consumer_for NAME PRODUCER...: its consumer-for file, one name a line
consumer_for() {
	local name=$1
	shift
	printf '%s\n' "$@" > "$ROOT/etc/services.d/$name/consumer-for"
}

# same_pipe PRODUCER CONSUMER: the producer's fd 1 and the consumer's fd 0
# are the same pipe (pids from the /tmp/NAME.pids files the runs append to)
same_pipe() {
	container_exec -- sh -c "readlink /proc/\$(tail -n 1 /tmp/$1.pids)/fd/1; readlink /proc/\$(tail -n 1 /tmp/$2.pids)/fd/0"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "pipe:["* ]]
	[ "${lines[0]}" = "${lines[1]}" ]
}

# The producer of the lossless tests: 1-2500, then it waits for /tmp/go,
# then 2501-5000; a restarted instance skips what its predecessor wrote.
# Every run records its pid in /tmp/p.pids.
SEQ_PRODUCER='echo $$ >> /tmp/p.pids
[ -e /tmp/half ] || { seq 1 2500; touch /tmp/half; }
while [ ! -e /tmp/go ]; do sleep 0.01; done
[ -e /tmp/done ] || { seq 2501 5000; touch /tmp/done; }
exec sleep 100000'
CAT_CONSUMER='echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'

lines_in() {
	exec_until sh -c "[ \"\$(wc -l < $1)\" -ge $2 ]"
}

# every number from 1 to 5000 once, in order
check_sequence() {
	lines_in /tmp/out 5000
	run seq 1 5000
	cmp <(echo "$output") "$ROOT/tmp/out"
}

@test "[R6] a producer's stdout is its consumer's stdin, through a pipe held by the scanner" {
	svc p 'echo $$ >> /tmp/p.pids; seq 1 1000; exec sleep 100000' c
	svc c 'echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'
	container_start "$ROOT" -- sleep 100000
	lines_in /tmp/out 1000
	run seq 1 1000
	cmp <(echo "$output") "$ROOT/tmp/out"
	same_pipe p c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	[[ "$(container_stderr)" != *warning* ]]
}

@test "[R6] a 3-stage chain: the middle service reads its producer and feeds its consumer" {
	svc a 'echo $$ >> /tmp/a.pids; seq 1 500; exec sleep 100000' b
	svc b 'echo $$ >> /tmp/b.pids; while read -r l; do echo "b:$l"; done' c
	svc c 'echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'
	consumer_for b a
	consumer_for c b
	container_start "$ROOT" -- sleep 100000
	lines_in /tmp/out 500
	run seq -f 'b:%g' 1 500
	cmp <(echo "$output") "$ROOT/tmp/out"
	same_pipe a b
	same_pipe b c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	[[ "$(container_stderr)" != *warning* ]]
}

@test "[R6] a funnel: two producers share their consumer's pipe, every line arrives whole" {
	# echo is a shell builtin: one write per line, atomic in a pipe
	svc p1 'echo $$ >> /tmp/p1.pids; i=0; while [ $i -lt 1000 ]; do i=$((i+1)); echo "one $i"; done; exec sleep 100000' c
	svc p2 'echo $$ >> /tmp/p2.pids; i=0; while [ $i -lt 1000 ]; do i=$((i+1)); echo "two $i"; done; exec sleep 100000' c
	svc c 'echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'
	consumer_for c p1 p2
	container_start "$ROOT" -- sleep 100000
	lines_in /tmp/out 2000
	run seq -f 'one %g' 1 1000
	cmp <(echo "$output") <(grep '^one ' "$ROOT/tmp/out")
	run seq -f 'two %g' 1 1000
	cmp <(echo "$output") <(grep '^two ' "$ROOT/tmp/out")
	[ "$(wc -l < "$ROOT/tmp/out")" -eq 2000 ]
	same_pipe p1 c
	same_pipe p2 c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	[[ "$(container_stderr)" != *warning* ]]
}

@test "[R6] a consumer killed while its producer writes: every number once, in order" {
	svc p "$SEQ_PRODUCER" c
	svc c "$CAT_CONSUMER"
	container_start "$ROOT" -- sleep 100000
	# killed once it has written what it read (a cat killed between its
	# read and its write loses that chunk, whatever holds the pipe)
	lines_in /tmp/out 2500
	container_exec -- /command/s6-svc -k /run/service/c
	# the second half goes into the pipe while the consumer is down
	container_exec -- touch /tmp/go
	exec_until test -e /tmp/done
	lines_in /tmp/c.pids 2
	check_sequence
	same_pipe p c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R6] a producer killed half-way and restarted: every number once, in order" {
	# the consumer reads nothing until /tmp/go: what the first instance
	# wrote waits in the pipe while no producer runs
	svc p "$SEQ_PRODUCER" c
	svc c 'echo $$ >> /tmp/c.pids; while [ ! -e /tmp/go ]; do sleep 0.01; done; exec cat >> /tmp/out'
	container_start "$ROOT" -- sleep 100000
	exec_until test -e /tmp/half
	container_exec -- sh -c 'kill -KILL $(tail -n 1 /tmp/p.pids)'
	lines_in /tmp/p.pids 2
	container_exec -- touch /tmp/go
	check_sequence
	same_pipe p c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R6][V1] both supervisors SIGKILLed: re-spawned on the same pipe, every number once, in order" {
	svc p "$SEQ_PRODUCER" c
	svc c "$CAT_CONSUMER"
	consumer_for c p
	container_start "$ROOT" -- sleep 100000
	lines_in /tmp/out 2500
	container_exec -- sh -c 'for p in $(pidof s6-supervise); do case $(tr "\0" " " < /proc/$p/cmdline) in "s6-supervise p "|"s6-supervise c ") kill -KILL $p;; esac; done'
	# each new supervisor stops the run its predecessor left and starts one
	lines_in /tmp/p.pids 2
	lines_in /tmp/c.pids 2
	container_exec -- touch /tmp/go
	check_sequence
	same_pipe p c
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R6][S6] docker stop: the consumer outlives its producer and reads every line written before the stop" {
	# on TERM the producer writes a last line into the pipe: the consumer
	# must read every number with no gap, that line, then end of file
	svc p 'trap "echo stop \$i; exit 0" TERM; i=0; while :; do i=$((i+1)); echo $i; done' c
	svc c 'while read -r l; do echo "$l" >> /tmp/out; done; echo eof >> /tmp/out'
	container_start "$ROOT" -- sleep 100000
	lines_in /tmp/out 1000
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	run tail -n 3 "$ROOT/tmp/out"
	echo "$output" >&3
	local last=${lines[0]} stop=${lines[1]#stop }
	[ "${lines[1]}" = "stop $stop" ]
	[ "${lines[2]}" = eof ]
	# the trap ran just before or just after the number was written
	[ "$stop" -eq "$last" ] || [ "$stop" -eq $((last + 1)) ]
	run seq 1 "$last"
	cmp <(echo "$output") <(head -n -2 "$ROOT/tmp/out")
}

@test "[R6] consumer-for naming a producer that does not name it back: one warning naming both and the file" {
	svc p 'echo $$ >> /tmp/p.pids; echo hello; exec sleep 100000' c
	svc c 'echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'
	svc stray 'exec sleep 100000'
	consumer_for c p stray
	container_start "$ROOT" -- sleep 100000
	exec_until grep -q hello /tmp/out
	# a rescan does not repeat it
	container_kill "$CONTAINER" HUP
	container_exec -- /command/s6-svscanctl -a /run/service
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	stderr=$(container_stderr)
	echo "$stderr"
	[ "$(grep -c 'bosun: scanner: warning: ' <<< "$stderr")" -eq 1 ]
	grep 'bosun: scanner: warning: ' <<< "$stderr" | grep 'service c' | grep 'stray' | grep -q 'consumer-for'
}

@test "[R6] a service with both log/ and producer-for: the pipeline wins, with one warning naming it" {
	svc p 'echo $$ >> /tmp/p.pids; echo hello; exec sleep 100000' c
	mkdir -p "$ROOT/etc/services.d/p/log"
	printf '#!/bin/sh\ntouch /tmp/logger.ran\nexec cat\n' > "$ROOT/etc/services.d/p/log/run"
	chmod 755 "$ROOT/etc/services.d/p/log/run"
	svc c 'echo $$ >> /tmp/c.pids; exec cat >> /tmp/out'
	container_start "$ROOT" -- sleep 100000
	exec_until grep -q hello /tmp/out
	same_pipe p c
	container_exec -- sh -c 'for p in $(pidof s6-supervise); do tr "\0" " " < /proc/$p/cmdline; echo; done'
	[[ "$output" != *"p/log"* ]]
	[ ! -e "$ROOT/tmp/logger.ran" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	stderr=$(container_stderr)
	echo "$stderr"
	[ "$(grep -c 'bosun: scanner: warning: ' <<< "$stderr")" -eq 1 ]
	grep 'bosun: scanner: warning: ' <<< "$stderr" | grep 'service p' | grep 'log/' | grep -q 'producer-for'
}
