#!/usr/bin/env bats
# The CMD: its status is the container's [X1][X2], its output passes through
# untouched, and a CMD that cannot run says so like a shell does [I2].

load common

setup() { busybox_root; }

@test "[X2] the CMD's exit code is the container's" {
	for code in 0 3 255; do
		container_run "$ROOT" -- sh -c "exit $code"
		[ "$status" -eq "$code" ]
	done
}

@test "[X2] a CMD killed by signal s gives 128+s" {
	container_run "$ROOT" -- sh -c 'kill -KILL $$'
	[ "$status" -eq 137 ]
	container_run "$ROOT" -- sh -c 'kill -TERM $$'
	[ "$status" -eq 143 ]
}

@test "[X2] the CMD's code is written to the exitcode file, which later writers may change" {
	script /bin/cmd <<-'EOF'
	#!/bin/sh
	# a background job rewrites the file after the CMD exited, during shutdown;
	# the CMD waits until the job's trap is set, so the TERM cannot come first
	( trap 'echo 42 > /run/s6-linux-init-container-results/exitcode; exit 0' TERM
	  touch /tmp/trap-set
	  while :; do sleep 0.05; done ) &
	while [ ! -e /tmp/trap-set ]; do sleep 0.01; done
	exit 3
	EOF
	container_run "$ROOT" -- /bin/cmd
	[ "$status" -eq 42 ]
	container_run "$ROOT" -- sh -c "exit 3"
	[ "$status" -eq 3 ]
}

@test "[X1] the CMD runs in the image's WORKDIR with its arguments intact" {
	mkdir -p "$ROOT/srv/app"
	container_run "$ROOT" -w /srv/app -- sh -c 'pwd; printf "<%s>" "$@"' sh "a b" "" 'c"d'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = /srv/app ]
	[ "${lines[1]}" = '<a b><><c"d>' ]
}

@test "[X1] 10 MB of binary output on stdout and stderr arrive byte-identical" {
	head -c 10000000 /dev/urandom > "$ROOT/data"
	# verbosity 1: no s6-rc info lines on stderr around the data
	"$HARNESS_DIR/run" "$ROOT" -e S6_VERBOSITY=1 -- sh -c 'cat /data; cat /data >&2' > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err"
	cmp "$ROOT/data" "$BATS_TEST_TMPDIR/out"
	cmp "$ROOT/data" "$BATS_TEST_TMPDIR/err"
}

@test "[I2] a missing CMD exits 127 with a message naming it" {
	container_run "$ROOT" -- /no/such/program arg
	[ "$status" -eq 127 ]
	[[ "$stderr" == *"/no/such/program"*"not found"* ]]
	container_run "$ROOT" -- no-such-program
	[ "$status" -eq 127 ]
	[[ "$stderr" == *"no-such-program"*"PATH="* ]]
}

@test "[I2] a CMD that is not executable exits 126 with a message naming it" {
	printf 'echo hi\n' > "$ROOT/not-exec"
	chmod 0644 "$ROOT/not-exec"
	container_run "$ROOT" -- /not-exec
	[ "$status" -eq 126 ]
	[[ "$stderr" == *"/not-exec"* ]]
}

@test "[X3] S6_CMD_ARG0 words are prepended to the CMD" {
	container_run "$ROOT" -e "S6_CMD_ARG0=echo  first second" -- third
	[ "$status" -eq 0 ]
	[ "$output" = "first second third" ]
}

@test "[X1] without a CMD the container runs until stopped, then exits 0" {
	container_start "$ROOT" --
	exec_until test -p /run/s6/bosun/control
	container_stop
	[ "$status" -eq 0 ]
}

@test "[L4] a FROM scratch root with no shell and no libc boots and runs a static CMD" {
	ROOT=$(make_root scratch)
	[ ! -e "$ROOT/bin/sh" ]
	container_run "$ROOT" -- /command/exit 7
	[ "$status" -eq 7 ]
	container_run "$ROOT" -- /command/printcontenv HOSTNAME
	[ "$status" -eq 0 ]
	[ -n "$output" ]
}
