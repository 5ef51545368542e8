#!/usr/bin/env bats
# The catch-all logger [contract s.10: S6_LOGGING, S6_LOGGING_SCRIPT,
# S6_CATCHALL_USER; B6, S6]: what the tree and the CMD print goes to
# /run/uncaught-logs (and, with S6_LOGGING=1, to the container's stderr
# too); it is started before anything else and stopped last.
# /run is the root's own directory here (--no-run-tmpfs), so that the logs
# can be read once the container has ended.

load common

setup() {
	busybox_root
	mkdir -p "$ROOT/run"
}

ISO_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}  '
TAI_RE='^@4000[0-9a-f]{20} '
LOGS=/run/uncaught-logs

# a service that prints one line, then says so on the fifo /tmp/said
# (which the CMD reads: `read x < /tmp/said`), then idles. The logger
# stops last [S6], so a line printed before the CMD ends is in the log.
service_says() {
	mkfifo "$ROOT/tmp/said"
	script "/etc/services.d/$1/run" <<-EOF
	#!/bin/sh
	echo "$2"
	echo said > /tmp/said
	exec sleep 1000
	EOF
}

# every line of the log (archives, then current), stamps removed
log_lines() {
	(cd "$ROOT$LOGS" && cat $(ls | grep '^@' | sort) current) | sed -E 's/^(@4000[0-9a-f]{20} )?([0-9-]{10} [0-9:.]{18}  )?//'
}

@test "[S6_LOGGING=1] the CMD's and a service's lines go to $LOGS with ISO stamps, and to the container's stderr" {
	service_says svc from-the-service
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=1 -- sh -c 'read x < /tmp/said && echo from-the-cmd && echo cmd-stderr >&2'
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[[ $stderr == *from-the-service* && $stderr == *from-the-cmd* && $stderr == *cmd-stderr* ]]
	# the copy on stderr is not stamped (the container's log has its own)
	grep -qx from-the-cmd <<< "$stderr"
	for l in from-the-service from-the-cmd cmd-stderr; do
		grep -E "${ISO_RE}$l\$" "$ROOT$LOGS/current"
	done
	[ "$(stat -c %a "$ROOT$LOGS/current")" = 744 ]     # closed cleanly
}

@test "[S6_LOGGING=2] the lines go to $LOGS only" {
	service_says svc from-the-service
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -- sh -c 'read x < /tmp/said && echo from-the-cmd && echo cmd-stderr >&2'
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[[ $stderr != *from-the-* && $stderr != *cmd-stderr* ]]
	grep -E "${ISO_RE}from-the-service\$" "$ROOT$LOGS/current"
	grep -E "${ISO_RE}from-the-cmd\$" "$ROOT$LOGS/current"
	grep -E "${ISO_RE}cmd-stderr\$" "$ROOT$LOGS/current"
}

@test "[S6_LOGGING=0] unset or 0: output as before, no logger, no $LOGS" {
	for v in "" 0; do
		container_run "$ROOT" --no-run-tmpfs -e S6_VERBOSITY=1 ${v:+-e S6_LOGGING=$v} -- sh -c 'echo out; echo err >&2; cat /proc/[0-9]*/cmdline | grep -c "uncaugh[t]"'
		[ "$status" -eq 1 ]      # grep -c found no logger
		[ "${lines[0]}" = out ] && [ "${lines[1]}" = 0 ] && [ "$stderr" = err ]
		[ ! -e "$ROOT$LOGS" ]
	done
}

@test "[S6_LOGGING] with S6_CMD_USE_TERMINAL=1 the CMD writes to the container's stdout and stderr, services still to $LOGS" {
	service_says svc from-the-service
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -e S6_CMD_USE_TERMINAL=1 -- sh -c 'read x < /tmp/said && echo from-the-cmd && echo cmd-stderr >&2'
	[ "$status" -eq 0 ]
	[ "$output" = from-the-cmd ] && [ "$stderr" = cmd-stderr ]
	grep -E "${ISO_RE}from-the-service\$" "$ROOT$LOGS/current"
	[ "$(grep -c from-the-cmd "$ROOT$LOGS/current")" -eq 0 ]
}

@test "[S6_LOGGING_SCRIPT] its t and T words pick the catch-all logger's stamps" {
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -e S6_LOGGING_SCRIPT='n20 s1000000 t' -- echo tai-line
	[ "$status" -eq 0 ]
	grep -E "${TAI_RE}tai-line\$" "$ROOT$LOGS/current"
	rm -rf "$ROOT$LOGS"
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -e S6_LOGGING_SCRIPT='t n3 T' -- echo both-line
	grep -E "^@4000[0-9a-f]{20} [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{18}  both-line\$" "$ROOT$LOGS/current"
	rm -rf "$ROOT$LOGS"
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -e S6_LOGGING_SCRIPT='n3 s100000' -- echo bare-line
	grep -x bare-line "$ROOT$LOGS/current"
}

@test "[S6_CATCHALL_USER] nobody: the logger and its files belong to nobody" {
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -e S6_CATCHALL_USER=nobody -- sh -c 'for p in /proc/[0-9]*; do grep -q "uncaugh[t]" $p/cmdline 2>/dev/null && stat -c %u $p >&2; done; echo logged'
	[ "$status" -eq 0 ]
	[ "$(stat -c %u:%g "$ROOT$LOGS")" = 65534:65534 ]
	[ "$(stat -c %u:%g "$ROOT$LOGS/current")" = 65534:65534 ]
	grep -E "${ISO_RE}65534\$" "$ROOT$LOGS/current"     # the logger's own uid, as the CMD saw it
	grep -E "${ISO_RE}logged\$" "$ROOT$LOGS/current"
}

@test "[S6_CATCHALL_USER] an unknown user is fatal at boot: exit 100, the variable named" {
	container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=1 -e S6_CATCHALL_USER=no-such-user -- echo never
	[ "$status" -eq 100 ]
	[[ $stderr == *S6_CATCHALL_USER=no-such-user* ]]
	[[ $output != *never* && $stderr != *never* ]]
}

@test "[S6] stopped last: a finish script's lines and what the sweep's TERM makes the CMD print are logged" {
	service_says svc svc-up
	script /etc/services.d/svc/finish <<-'EOF'
	#!/bin/sh
	echo finish-line-1
	sleep 0.2
	echo finish-line-2
	EOF
	container_start "$ROOT" --no-run-tmpfs -e S6_LOGGING=1 -- sh -c 'trap "echo cmd-got-term; exit 0" TERM; read x < /tmp/said; echo cmd-ready; while :; do sleep 0.05; done'
	container_wait_output cmd-ready 10 stderr
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	log_lines > "$BATS_TEST_TMPDIR/log"
	for l in svc-up cmd-ready finish-line-1 finish-line-2 cmd-got-term; do grep -qx "$l" "$BATS_TEST_TMPDIR/log"; done
	[ "$(stat -c %a "$ROOT$LOGS/current")" = 744 ]
}

# the catch-all logger's pid, inside the container
logger_pid() {
	container_exec -- sh -c 'for p in /proc/[0-9]*; do grep -q "uncaugh[t]" $p/cmdline 2>/dev/null && echo ${p#/proc/}; done'
}

@test "[S6] the logger killed with SIGKILL is respawned and loses nothing: the pipe is held by PID 1" {
	# the CMD writes in three batches, each let go by the test through a
	# fifo; the logger is killed once it has logged the first batch
	mkfifo "$ROOT/tmp/step1" "$ROOT/tmp/step2"
	script /bin/killtest <<-'EOF'
	#!/bin/sh
	seq 1 1000 | sed 's/^/n /'
	read x < /tmp/step1
	seq 1001 2000 | sed 's/^/n /'
	read x < /tmp/step2
	seq 2001 3000 | sed 's/^/n /'
	EOF
	container_start "$ROOT" --no-run-tmpfs -e S6_LOGGING=2 -- killtest
	exec_until grep -q 'n 1000$' $LOGS/current
	logger_pid; local old=$output
	[ -n "$old" ]
	container_exec -- kill -9 "$old"
	# written while no logger runs: they wait in the pipe
	container_exec -- sh -c 'echo go > /tmp/step1'
	exec_until grep -q 'n 2000$' $LOGS/current
	logger_pid
	[ -n "$output" ] && [ "$output" != "$old" ]
	container_exec -- sh -c 'echo go > /tmp/step2'
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
	log_lines | grep '^n ' > "$BATS_TEST_TMPDIR/got"
	seq 1 3000 | sed 's/^/n /' | cmp - "$BATS_TEST_TMPDIR/got"
}
