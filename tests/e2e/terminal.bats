#!/usr/bin/env bats
# docker run -it: the CMD gets the terminal, and ^C reaches its foreground
# job, not the init [X6][I5].

load common

setup() { busybox_root; }

# wait_file FILE PATTERN: bounded wait until FILE matches PATTERN
wait_file() {
	local n=0
	until grep -q -- "$2" "$1" 2>/dev/null; do
		[ $n -lt 1000 ] || return 1
		n=$((n + 1)); sleep 0.02
	done
}

# run_tty SCRIPT: boots with a pty (-i -t); waits for "ready", types ^C,
# collects everything until the container ends; sets $output and $status
run_tty() {
	local out=$BATS_TEST_TMPDIR/tty.out in=$BATS_TEST_TMPDIR/tty.in
	mkfifo "$in"
	( rc=0
	  timeout -k 2 30 "$HARNESS_DIR/run" "$ROOT" -i -t -- sh -c "$1" <"$in" >"$out" 2>&1 || rc=$?
	  echo "container-status=$rc" >>"$out" ) 3>&- &
	exec 6>"$in"
	wait_file "$out" ready
	printf '\003' >&6
	wait_file "$out" container-status=
	exec 6>&-
	output=$(cat "$out")
	status=$(sed -n 's/^container-status=\([0-9]*\).*/\1/p' "$out")
}

@test "[X6] the CMD has the terminal as its controlling tty" {
	container_run "$ROOT" -i -t -- sh -c 'tty; [ -t 0 ] && echo interactive'
	[ "$status" -eq 0 ]
	[[ "$output" == */dev/pts/* ]]
	[[ "$output" == *interactive* ]]
}

@test "[X6] ^C reaches the CMD, not the init: the CMD's own code is the container's" {
	run_tty 'trap "echo caught-INT; exit 9" INT; echo ready; while :; do sleep 0.05; done'
	[[ "$output" == *caught-INT* ]]
	[ "$status" = 9 ]
}

@test "[I5] ^C reaches the whole foreground job of a sh -c script and its children" {
	run_tty 'trap "echo parent-INT; exit 5" INT; echo ready; sh -c "trap \"echo child-INT; exit 1\" INT; while :; do sleep 0.05; done"; echo after-child'
	[[ "$output" == *child-INT* ]]
	[[ "$output" == *parent-INT* ]]
	[ "$status" = 5 ]
}
