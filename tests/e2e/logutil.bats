#!/usr/bin/env bats
# logutil-service and logutil-newfifo [V6]: a service's logger run as
# s6-overlay runs it, with S6_LOGGING_SCRIPT from the container environment.

load common

setup() { busybox_root; }

ISO_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}  '

# a logged service: svc prints "line N" for N in 1..3, its log/ runs logutil-service
logged_service() {
	script /etc/services.d/svc/run <<-'EOF'
	#!/bin/sh
	for i in 1 2 3; do echo "line $i"; done
	exec sleep 1000
	EOF
	script /etc/services.d/svc/log/run <<-'EOF'
	#!/bin/sh
	exec logutil-service /var/log/svc
	EOF
	mkdir -p "$ROOT/var/log/svc"
	chown 65534:65534 "$ROOT/var/log/svc"
	# the CMD: wait (bounded) for the three lines, then report on the logger
	script /bin/check <<-'EOF'
	#!/bin/sh
	i=0
	until [ "$(grep -c line /var/log/svc/current 2>/dev/null)" = 3 ]; do
		i=$((i + 1)); [ $i -gt 500 ] && { echo "the lines never came"; exit 9; }
		sleep 0.02
	done
	for p in /proc/[0-9]*; do
		grep -q "s6-lo[g]" $p/cmdline 2>/dev/null || continue
		echo "uid $(stat -c %u $p) environ $(wc -c < $p/environ)"
	done
	EOF
}

@test "[V6] logutil-service runs the logger as nobody, empty environment, default script n20 s1000000 T" {
	logged_service
	# --privileged: reading another user's /proc/PID/environ takes CAP_SYS_PTRACE
	container_run "$ROOT" --privileged -- check
	[ "$status" -eq 0 ]
	[ "$output" = "uid 65534 environ 0" ]
	for i in 1 2 3; do grep -E "${ISO_RE}line $i\$" "$ROOT/var/log/svc/current"; done
	[ "$(stat -c %u "$ROOT/var/log/svc/current")" = 65534 ]
}

@test "[V6] logutil-service with S6_LOGGING_SCRIPT='T 1 n0 s10000000 T': stamped copy on stdout, and the directory" {
	logged_service
	container_run "$ROOT" -e 'S6_LOGGING_SCRIPT=T 1 n0 s10000000 T' -- check
	[ "$status" -eq 0 ]
	for i in 1 2 3; do
		grep -E "${ISO_RE}line $i\$" <<< "$output"
		grep -E "${ISO_RE}line $i\$" "$ROOT/var/log/svc/current"
	done
}

@test "[V6] logutil-service with S6_LOGGING_SCRIPT='n30 s10000000 S30000000 T !\"gzip -nq9\"': rotated archives are gzipped" {
	# SIGALRM rotates now; the processor runs as nobody in the directory
	container_run "$ROOT" -e 'S6_LOGGING_SCRIPT=n30 s10000000 S30000000 T !"gzip -nq9"' -- sh -c '
		mkdir /tmp/l && chown nobody /tmp/l
		(seq 1 50; sleep 1; seq 51 60) | logutil-service /tmp/l & pid=$!
		i=0; until [ "$(grep -c . /tmp/l/current 2>/dev/null)" = 50 ] || [ $i -gt 250 ]; do i=$((i + 1)); sleep 0.02; done
		kill -ALRM $pid; wait $pid'
	[ "$status" -eq 0 ]
	archive=$(ls "$ROOT/tmp/l" | grep -E '^@4000[0-9a-f]{20}\.s$')
	[ "$(wc -l <<< "$archive")" -eq 1 ]
	gzip -dc < "$ROOT/tmp/l/$archive" | sed -E 's/^[^ ]+ [^ ]+  //' | cmp - <(seq 1 50)
	sed -E 's/^[^ ]+ [^ ]+  //' "$ROOT/tmp/l/current" | cmp - <(seq 51 60)
	[ "$(stat -c %u "$ROOT/tmp/l/$archive")" = 65534 ]
}

@test "[V6] logutil-service without a directory, or with a broken quote, is refused" {
	container_run "$ROOT" -- logutil-service
	[ "$status" -eq 100 ]
	[[ $stderr == *usage* ]]
	container_run "$ROOT" -e 'S6_LOGGING_SCRIPT=n3 !"gzip' -- logutil-service /tmp/x
	[ "$status" -eq 100 ]
	[[ $stderr == *S6_LOGGING_SCRIPT* ]]
}

@test "[V6] logutil-newfifo warns it is deprecated, makes the fifo; logutil-service -f reads it" {
	container_run "$ROOT" -- sh -c '
		touch /tmp/f
		logutil-newfifo -o nobody /tmp/f || exit
		stat -c "%F %a %u" /tmp/f
		mkdir /tmp/l && chown nobody /tmp/l
		logutil-service -f /tmp/f /tmp/l & pid=$!
		echo through-the-fifo > /tmp/f
		wait $pid
		logutil-newfifo -m 0640 /tmp/f && stat -c "%F %a %u" /tmp/f'
	[ "$status" -eq 0 ]
	[[ $stderr == *"logutil-newfifo: warning:"*deprecated* ]]
	[ "${lines[0]}" = "fifo 600 65534" ]
	[ "${lines[1]}" = "fifo 640 0" ]
	grep -E "${ISO_RE}through-the-fifo\$" "$ROOT/tmp/l/current"
	container_run "$ROOT" -- logutil-newfifo -o no-such-user /tmp/g
	[ "$status" -eq 1 ]
}
