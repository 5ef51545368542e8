#!/usr/bin/env bats
# Not PID 1 [B1]: under tini (docker run --init) or a wrapper script,
# /init becomes a child subreaper and behaves the same.

load common

setup() {
	busybox_root
	cp /usr/bin/tini-static "$ROOT/tini"
}

@test "[B1] under tini, the CMD's exit code is the container's" {
	container_run "$ROOT" --entrypoint /tini -- -- /init sh -c 'exit 5'
	[ "$status" -eq 5 ]
}

@test "[B1] under a wrapper that does not exec, /init runs the CMD and reports its code" {
	script /wrapper <<-'EOF'
	#!/bin/sh
	/init "$@"
	echo "wrapper saw $?"
	EOF
	container_run "$ROOT" --entrypoint /wrapper -- sh -c 'echo "init pid is not 1: $PPID"; exit 3'
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "wrapper saw 3" ]
}

@test "[B1] docker stop through tini: orderly stop, status from the exitcode file" {
	container_start "$ROOT" --entrypoint /tini -- -- /init sh -c 'echo 8 > /run/s6-linux-init-container-results/exitcode; exec sleep 1000'
	exec_until grep -q 8 /run/s6-linux-init-container-results/exitcode
	container_stop "$CONTAINER" 20
	[ "$status" -eq 8 ]
}

@test "[B1][I3] as a subreaper, /init reaps orphans of its tree" {
	script /bin/orphans <<-'EOF'
	#!/bin/sh
	i=0
	while [ $i -lt 200 ]; do ( true & ) ; i=$((i + 1)); done
	n=0
	while [ $n -lt 500 ]; do
		z=$(grep -l '^State:.Z' /proc/[0-9]*/status 2>/dev/null | wc -l)
		[ "$z" -eq 0 ] && break
		sleep 0.02; n=$((n + 1))
	done
	echo "zombies=$z"
	EOF
	container_run "$ROOT" --entrypoint /tini -- -- /init /bin/orphans
	[ "$output" = "zombies=0" ]
}

@test "[B1][S4] as a subreaper, the sweep signals only /init's descendants" {
	# a process started by the wrapper, outside /init's tree, must survive
	script /wrapper <<-'EOF'
	#!/bin/sh
	sleep 1000 &
	outsider=$!
	/init "$@"
	if kill -0 $outsider 2>/dev/null; then echo "outsider alive"; kill $outsider; fi
	EOF
	container_run "$ROOT" -e S6_KILL_GRACETIME=300000 --entrypoint /wrapper -- sh -c 'sleep 500 & /run/s6/basedir/bin/halt; wait'
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "outsider alive" ]
}
