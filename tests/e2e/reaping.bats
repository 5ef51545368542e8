#!/usr/bin/env bats
# PID 1 reaps every child and orphan [I3], and starts the CMD with a clean
# signal state [I1].

load common

setup() { busybox_root; }

@test "[I3] a CMD that leaves 10,000 orphaned zombies behind finishes with none left" {
	script /bin/orphans <<-'EOF'
	#!/bin/sh
	i=0
	while [ $i -lt 10000 ]; do ( true & ) ; i=$((i + 1)); done
	# wait, bounded, for PID 1 to reap them all
	n=0
	while [ $n -lt 500 ]; do
		z=$(grep -l '^State:.Z' /proc/[0-9]*/status 2>/dev/null | wc -l)
		[ "$z" -eq 0 ] && break
		sleep 0.02; n=$((n + 1))
	done
	echo "zombies=$z"
	EOF
	CONTAINER_TIMEOUT=120 container_run "$ROOT" -- /bin/orphans
	[ "$status" -eq 0 ]
	[ "$output" = "zombies=0" ]
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
