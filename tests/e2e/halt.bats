#!/usr/bin/env bats
# halt, poweroff, reboot from any process of the container [S1].

load common

setup() { busybox_root; }

@test "[S1] halt from the CMD stops the container with the exitcode file's status" {
	container_run "$ROOT" -- sh -c 'echo 9 > /run/s6-linux-init-container-results/exitcode; /run/s6/basedir/bin/halt; exec sleep 1000'
	[ "$status" -eq 9 ]
}

@test "[S1] halt from docker exec stops a running container" {
	container_start "$ROOT" -- sleep 1000
	exec_until pidof sleep
	container_exec -- /run/s6/basedir/bin/halt
	# halt returns at once; the sweep it starts may catch it before it does
	[ "$status" -eq 0 ] || [ "$status" -eq 143 ]
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[S1] poweroff, reboot and shutdown stop the container too" {
	for cmd in poweroff reboot shutdown; do
		container_run "$ROOT" -- sh -c "/run/s6/basedir/bin/$cmd; exec sleep 1000"
		[ "$status" -eq 0 ]
	done
}

@test "[S1] halt from a user other than the tree's owner is refused with a clear message" {
	container_start "$ROOT" -- sleep 1000
	exec_until pidof sleep
	container_exec -u 1000 -- /run/s6/basedir/bin/halt
	[ "$status" -eq 111 ]
	[[ "$stderr" == *"/run/s6/bosun/control"*"Permission denied"* ]]
	container_exec -- pidof sleep
	[ "$status" -eq 0 ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[S1] halt with no bosun init listening says so and fails" {
	container_run "$ROOT" --entrypoint /command/bosun -- halt
	[ "$status" -eq 111 ]
	[[ "$stderr" == *"no bosun init is listening"* ]]
}
