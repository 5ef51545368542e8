#!/usr/bin/env bats
# PID 1 reaps every child and orphan [I3], and starts the CMD with a clean
# signal state [I1].

load common

setup() { busybox_root; }

@test "[I3] a CMD that leaves 10,000 orphaned zombies behind finishes with none left" {
	# bench/zombies.c: 10,000 orphans reparented to PID 1, then released at
	# once; it exits 0 only when /proc shows none of them left (bounded wait)
	musl-gcc -static -O2 -o "$ROOT/zombies" "$REPO/bench/zombies.c"
	CONTAINER_TIMEOUT=120 container_run "$ROOT" -- /zombies 10000 60
	[ "$status" -eq 0 ]
	[[ "$output" == "orphans 10000 reaped_us "* ]]
}

@test "[I1] the CMD starts with no blocked and no ignored signals" {
	# the harness starts /init with a clean state; block and ignore some in a
	# wrapper entrypoint that execs /init, as a careless parent would
	script /bin/careless <<-'EOF'
	#!/bin/sh
	trap '' INT QUIT PIPE TSTP TTIN TTOU HUP
	exec /init "$@"
	EOF
	container_run "$ROOT" --entrypoint /bin/careless -- grep -E '^Sig(Blk|Ign)' /proc/self/status
	[ "$status" -eq 0 ]
	[[ "$output" == *"SigBlk:	0000000000000000"* ]]
	[[ "$output" == *"SigIgn:	0000000000000000"* ]]
}
