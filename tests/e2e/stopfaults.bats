#!/usr/bin/env bats
# Stage 3 under faults [I4]: every wait of the stop has a bound. A oneshot
# whose down hangs, an rc lock held by an `s6-rc change` from docker exec,
# a second SIGTERM, processes that fork during the final sweep [S4], and
# docker stop at random moments of the boot. Each test stops the container
# with a grace time far above the bounds it sets: a status other than 137
# shows that the stop ended by itself, before Docker's SIGKILL.

load common

setup() { busybox_root; needs_supervisor; }

# the wrapper of the not-PID-1 mode [B1]: /init as a child, TERM handed
# on; once /init is gone it names every process left behind, and exits
# with /init's status
wrapper() {
	script /wrapper <<-'EOF'
	#!/bin/sh
	/init "$@" &
	init=$!
	trap 'kill -TERM $init' TERM
	wait $init
	rc=$?
	while kill -0 $init 2>/dev/null; do wait $init; rc=$?; done
	for p in /proc/[0-9]*; do
		n=${p#/proc/}
		[ "$n" = 1 ] && continue
		read -r comm < $p/comm 2>/dev/null && echo "left behind: $n $comm"
	done
	exit $rc
	EOF
}

# forkers N: N processes that ignore TERM and fork children (which inherit
# that) as fast as they can, for ever, each keeping its last 100 and
# killing the older ones: a fork bomb bounded to N * 100 processes. While
# the sweep walks /proc, children appear that it has not listed.
forkers() {
	script /bin/forker <<-'EOF'
	#!/bin/sh
	trap "" TERM
	touch /tmp/forking
	while :; do
		sleep 1000 &
		set -- "$@" $!
		if [ $# -gt 100 ]; then kill -9 $1; shift; fi
	done
	EOF
	script /bin/forkers <<-EOF
	#!/bin/sh
	i=0
	while [ \$i -lt $1 ]; do /bin/forker & i=\$((i + 1)); done
	EOF
}

# a down that never ends, with a child in its process group that ignores
# TERM: only a kill of the group ends that child before S6_KILL_GRACETIME
hangdown() {
	script /bin/hangdown <<-'EOF'
	#!/bin/sh
	sh -c 'trap "" TERM; exec sleep 1000' &
	touch /tmp/hang.down
	exec sleep 1000
	EOF
}

@test "[I4][S3] a oneshot whose down hangs, with no timeout-down, is killed with its process group after S6_SERVICES_GRACETIME, named" {
	svc hang oneshot
	echo true > "$ROOT$RCD/hang/up"
	hangdown
	echo /bin/hangdown > "$ROOT$RCD/hang/down"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=300 -e S6_KILL_GRACETIME=100000 --
	exec_until sh -c '/command/s6-rc -a list | grep -qx hang'
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ -e "$ROOT/tmp/hang.down" ]
	grep -q 's6-rc: warning: unable to stop service hang: .*S6_SERVICES_GRACETIME' "$CONTAINER/stderr"
}

@test "[I4][S3] a oneshot whose down outlives its timeout-down is killed with its process group, though S6_SERVICES_GRACETIME is longer" {
	svc hang oneshot
	echo true > "$ROOT$RCD/hang/up"
	echo 300 > "$ROOT$RCD/hang/timeout-down"
	hangdown
	echo /bin/hangdown > "$ROOT$RCD/hang/down"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=100000 -e S6_KILL_GRACETIME=100000 --
	exec_until sh -c '/command/s6-rc -a list | grep -qx hang'
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ -e "$ROOT/tmp/hang.down" ]
	grep -q 's6-rc: warning: unable to stop service hang: timed out (timeout-down)' "$CONTAINER/stderr"
}

@test "[I4][S3] an rc lock held by an s6-rc change from docker exec is waited for within S6_SERVICES_GRACETIME, then stage 3 goes on naming the holder" {
	svc db oneshot
	echo true > "$ROOT$RCD/db/up"
	echo 'sh -c "echo db-down >> /tmp/log"' > "$ROOT$RCD/db/down"
	# slow: in no bundle, brought up by hand; its up never ends
	svc slow oneshot
	rm "$ROOT$RCD/user/contents.d/slow"
	echo 'sh -c "touch /tmp/slow.started; exec sleep 1000"' > "$ROOT$RCD/slow/up"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=300 -e S6_KILL_GRACETIME=100000 --
	exec_until sh -c '/command/s6-rc -a list | grep -qx db'
	container_exec -- sh -c '/command/s6-rc -u change slow > /tmp/change.out 2>&1 & echo $! > /tmp/change.pid'
	[ "$status" -eq 0 ]
	exec_until test -e /tmp/slow.started
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/log")" = db-down ]
	grep "lock" "$CONTAINER/stderr" | grep -q "pid $(cat "$ROOT/tmp/change.pid")"
}

@test "[I4][S2] a second SIGTERM skips to the final sweep: a cont-finish script that hangs without a bound gets TERM, exit 0" {
	script /etc/cont-finish.d/01-hang <<-'EOF'
	#!/bin/sh
	trap 'echo hang-got-term >> /tmp/log; exit 0' TERM
	touch /tmp/finishing
	while :; do sleep 0.05; done
	EOF
	script /etc/cont-finish.d/02-next <<-'EOF'
	#!/bin/sh
	echo next >> /tmp/log
	EOF
	container_start "$ROOT" -e S6_KILL_GRACETIME=100000 --
	exec_until sh -c '/command/s6-rc -a list | grep -qx legacy-services'
	container_kill TERM
	exec_until test -e /tmp/finishing
	container_kill TERM
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
	# the sweep ended it; the scripts after it never ran
	[ "$(cat "$ROOT/tmp/log")" = hang-got-term ]
}

# the boot of the 20-moment test: a cont-init script, oneshots in a chain,
# longruns with and without readiness, a services.d service, a CMD
busy_boot() {
	script /etc/cont-init.d/01-init <<-'EOF'
	#!/bin/sh
	echo init >> /tmp/boot.log
	EOF
	svc one oneshot base
	echo 'sh -c "echo one >> /tmp/boot.log"' > "$ROOT$RCD/one/up"
	echo 'sh -c "echo one-down >> /tmp/boot.log"' > "$ROOT$RCD/one/down"
	svc two oneshot one
	echo 'sh -c "echo two >> /tmp/boot.log"' > "$ROOT$RCD/two/up"
	svc lr longrun two
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT$RCD/lr/run"
	svc ready longrun
	echo 3 > "$ROOT$RCD/ready/notification-fd"
	printf '#!/bin/sh\necho >&3\nexec sleep 100000\n' > "$ROOT$RCD/ready/run"
	script /etc/services.d/old/run <<-'EOF'
	#!/bin/sh
	exec sleep 100000
	EOF
}

@test "[I4][S1][S5] docker stop at 20 random moments of the boot: each ends by itself with 0, nothing left behind" {
	busy_boot
	wrapper
	local i entry t0 boot_ms
	# how long this boot takes here, so that the moments fall inside it
	t0=${EPOCHREALTIME/./}
	container_start "$ROOT" -- sh -c 'echo cmd-started; exec sleep 100000'
	container_wait_output cmd-started 20
	boot_ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	echo "# boot: $boot_ms ms" >&3
	for i in $(seq 1 20); do
		rm -f "$ROOT/tmp/boot.log"
		# odd: /init as PID 1; even: not PID 1, where what is left shows
		entry=/init
		[ $((i % 2)) -eq 0 ] && entry=/wrapper
		container_start "$ROOT" --entrypoint "$entry" -e S6_KILL_GRACETIME=100000 -- sh -c 'echo cmd >> /tmp/boot.log; exec sleep 100000'
		# the moment is chosen, not waited for: anywhere in the boot
		sleep "$(printf '0.%03d' $((RANDOM % (boot_ms + 1))))"
		container_stop "$CONTAINER" 10
		echo "# $i ($entry): status $status after $STOP_MS ms, boot: $(tr '\n' ' ' < "$ROOT/tmp/boot.log" 2>/dev/null)" >&3
		[ "$status" -eq 0 ]
		! grep -q 'left behind' "$CONTAINER/stdout"
		! grep -q 'survived SIGKILL' "$CONTAINER/stderr"
	done
}

@test "[I4][S4] not PID 1: the final sweep catches processes that fork while it walks /proc, nothing is left behind" {
	wrapper
	forkers 4
	container_start "$ROOT" --entrypoint /wrapper -e S6_KILL_GRACETIME=200 -- sh -c '/bin/forkers; exec sleep 100000'
	exec_until test -e /tmp/forking
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	! grep -q 'left behind' "$CONTAINER/stdout"
	! grep -q 'survived SIGKILL' "$CONTAINER/stderr"
}

@test "[I4][S4][S6] S6_LOGGING=1: the final sweep catches processes that fork while it walks /proc, the logger ends last" {
	forkers 4
	container_start "$ROOT" --no-run-tmpfs -e S6_LOGGING=1 -e S6_KILL_GRACETIME=200 -- sh -c '/bin/forkers; echo forkers-started; exec sleep 100000'
	exec_until test -e /tmp/forking
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	grep -q forkers-started "$ROOT/run/uncaught-logs/current"
	! grep -q 'survived SIGKILL' "$CONTAINER/stderr" "$ROOT/run/uncaught-logs/current"
}
