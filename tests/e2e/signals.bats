#!/usr/bin/env bats
# Signals to /init [S2], the final TERM/KILL sweep [S4], and forwarding to
# the CMD [X4].

load common

setup() { busybox_root; }

@test "[S4] docker stop: the CMD gets TERM and the status comes from the exitcode file" {
	container_start "$ROOT" -- sh -c 'echo 5 > /run/s6-linux-init-container-results/exitcode; exec sleep 1000'
	exec_until grep -q 5 /run/s6-linux-init-container-results/exitcode
	container_stop "$CONTAINER" 20
	[ "$status" -eq 5 ]
}

@test "[S4] docker stop without an exitcode file exits 0" {
	container_start "$ROOT" -- sleep 1000
	exec_until pidof sleep
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[S4] the sweep stops waiting as soon as nothing is left" {
	# a grace time far longer than the harness's own: only an early end
	# avoids the harness's KILL (which would give 137)
	container_start "$ROOT" -e S6_KILL_GRACETIME=300000 -- sleep 1000
	exec_until pidof sleep
	container_stop "$CONTAINER" 15
	[ "$status" -eq 0 ]
}

@test "[S4] when the CMD has exited and nothing is left, the container ends without waiting S6_KILL_GRACETIME" {
	# nothing will send SIGCHLD once the sweep starts: the init must notice
	# by itself (a 300 s grace time would outlast the harness's 20 s bound)
	CONTAINER_TIMEOUT=20 container_run "$ROOT" -e S6_KILL_GRACETIME=300000 -- sh -c 'exit 4'
	[ "$status" -eq 4 ]
	CONTAINER_TIMEOUT=20 container_run "$ROOT" -e S6_KILL_GRACETIME=300000 -- sh -c '/run/s6/basedir/bin/halt; exec true'
	[ "$status" -eq 0 ]
}

@test "[S4][I4] a process that ignores TERM is killed after S6_KILL_GRACETIME" {
	container_start "$ROOT" -e S6_KILL_GRACETIME=200 -- sh -c 'trap "" TERM; echo ready; while :; do sleep 0.1; done'
	container_wait_output ready
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[S4] orphans left behind get TERM too" {
	container_start "$ROOT" -e S6_KILL_GRACETIME=300000 -- sh -c 'sh -c "sleep 2000 &"; exec sleep 1000'
	exec_until sh -c '[ $(pidof sleep | wc -w) -eq 2 ]'
	container_stop "$CONTAINER" 15
	[ "$status" -eq 0 ]
}

@test "[S2] SIGINT halts with 130" {
	container_start "$ROOT" -- sleep 1000
	exec_until pidof sleep
	container_kill "$CONTAINER" INT
	container_wait "$CONTAINER" 20
	[ "$status" -eq 130 ]
}

@test "[S2] SIGQUIT halts (php-fpm's STOPSIGNAL)" {
	container_start "$ROOT" -- sh -c 'echo 4 > /run/s6-linux-init-container-results/exitcode; exec sleep 1000'
	exec_until grep -q 4 /run/s6-linux-init-container-results/exitcode
	container_kill "$CONTAINER" QUIT
	container_wait "$CONTAINER" 20
	[ "$status" -eq 4 ]
}

@test "[S2] SIGUSR1, SIGUSR2 and SIGPWR halt" {
	for sig in USR1 USR2 PWR; do
		container_start "$ROOT" -- sleep 1000
		exec_until pidof sleep
		container_kill "$CONTAINER" "$sig"
		container_wait "$CONTAINER" 20
		[ "$status" -eq 0 ]
	done
}

@test "[S2] SIGWINCH and SIGHUP do not stop the container" {
	container_start "$ROOT" -- sleep 1000
	exec_until pidof sleep
	container_kill "$CONTAINER" WINCH
	container_kill "$CONTAINER" HUP
	container_exec -- pidof sleep
	[ "$status" -eq 0 ]
	[ ! -f "$CONTAINER/status" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[X4] S6_CMD_RECEIVE_SIGNALS forwards TERM to the CMD, whose code is the container's" {
	container_start "$ROOT" -e S6_CMD_RECEIVE_SIGNALS=1 -- \
		sh -c 'trap "echo got TERM; exit 7" TERM; echo ready; while :; do sleep 0.05; done'
	container_wait_output ready
	container_kill "$CONTAINER" TERM
	container_wait "$CONTAINER" 20
	[ "$status" -eq 7 ]
	grep -q "got TERM" "$CONTAINER/stdout"
}

@test "[X4] S6_CMD_RECEIVE_SIGNALS forwards INT, QUIT, USR1, USR2 and WINCH" {
	container_start "$ROOT" -e S6_CMD_RECEIVE_SIGNALS=1 -- sh -c '
		for s in INT QUIT USR1 USR2 WINCH; do trap "echo got $s" $s; done
		trap "exit 3" TERM
		echo ready; while :; do sleep 0.05; done'
	container_wait_output ready
	for sig in INT QUIT USR1 USR2 WINCH; do
		container_kill "$CONTAINER" "$sig"
		container_wait_output "got $sig"
	done
	container_kill "$CONTAINER" TERM
	container_wait "$CONTAINER" 20
	[ "$status" -eq 3 ]
}

@test "[S2] a second TERM during shutdown changes nothing" {
	container_start "$ROOT" -e S6_KILL_GRACETIME=1000 -- sh -c 'trap "" TERM; echo 6 > /run/s6-linux-init-container-results/exitcode; echo ready; while :; do sleep 0.05; done'
	container_wait_output ready
	container_kill "$CONTAINER" TERM
	container_kill "$CONTAINER" TERM
	container_wait "$CONTAINER" 20
	[ "$status" -eq 6 ]
}

@test "[S4] a malformed S6_KILL_GRACETIME warns, naming it, and the default is used" {
	container_run "$ROOT" -e S6_KILL_GRACETIME=abc -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" == *'S6_KILL_GRACETIME="abc"'*"default 3000"* ]]
}
