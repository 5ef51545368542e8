#!/usr/bin/env bats
# Chain-loading commands images use in run scripts [V4]: s6-envdir (the
# envdir rules also back per-service env/ dirs [E1]), s6-setsid,
# s6-notifyoncheck.

load common

setup() { busybox_root; }

# container_run in a || list: bats' errexit must not stop the test on a CMD
# that exits non-zero on purpose (older harness versions let it)
crun() { container_run "$@" || true; }

@test "[V4][E1] s6-envdir sets the first line, chomps blanks, unsets on an empty file, skips dotted and = names" {
	mkdir -p "$ROOT/etc/env"
	printf 'hello world  \t\nsecond line\n' > "$ROOT/etc/env/GREETING"
	printf '' > "$ROOT/etc/env/DROPPED"
	printf 'a\0b\n' > "$ROOT/etc/env/NULS"
	printf 'x\n' > "$ROOT/etc/env/.hidden"
	printf 'x\n' > "$ROOT/etc/env/A=B"
	crun "$ROOT" -e DROPPED=was -- s6-envdir /etc/env sh -c 'echo "[$GREETING][${DROPPED-unset}]"; printf "%s|" "$NULS"; env | grep -c hidden'
	[ "$status" -eq 1 ]   # grep -c found nothing: .hidden and A=B were skipped
	[ "${lines[0]}" = "[hello world][unset]" ]
	[ "${lines[1]}" = "a" ]
	[ "${lines[2]}" = "b|0" ]
}

@test "[V4] s6-envdir -f -n keeps the whole file; -I runs PROG without a missing dir; -i fails 111" {
	mkdir -p "$ROOT/etc/env"
	printf 'one  \ntwo\n' > "$ROOT/etc/env/V"
	crun "$ROOT" -- s6-envdir -f -n /etc/env sh -c 'printf "%s" "$V" | od -c | head -n 1'
	[ "$status" -eq 0 ]
	[[ "$output" == *"o   n   e"*"\n   t   w   o  \n"* ]]
	crun "$ROOT" -- s6-envdir -I /no/such/dir echo ran
	[ "$status" -eq 0 ]
	[ "$output" = ran ]
	crun "$ROOT" -- s6-envdir /no/such/dir echo ran
	[ "$status" -eq 111 ]
	[[ "$stderr" == *"s6-envdir: fatal: unable to read envdir /no/such/dir"* ]]
}

@test "[V4] s6-setsid makes PROG a session leader; -b only a process group leader" {
	# run from a shell so that s6-setsid is not already a group leader
	crun "$ROOT" -- sh -c 's6-setsid sh -c "cut -d\" \" -f1,5,6 /proc/\$\$/stat"; s6-setsid -b sh -c "cut -d\" \" -f1,5,6 /proc/\$\$/stat; cut -d\" \" -f6 /proc/\$PPID/stat"'
	[ "$status" -eq 0 ]
	set -- ${lines[0]}
	[ "$1" = "$2" ] && [ "$1" = "$3" ]          # pid = pgrp = session
	set -- ${lines[1]}
	[ "$1" = "$2" ] && [ "$3" != "$1" ]         # pid = pgrp, old session
	[ "$3" = "${lines[2]}" ]
}

@test "[V4] s6-setsid: a failing setsid warns by default, -i exits 111, -q is silent" {
	crun "$ROOT" -- sh -c 's6-setsid s6-setsid true; echo "default $?"; s6-setsid s6-setsid -i true; echo "strict $?"; s6-setsid s6-setsid -q true; echo "quiet $?"'
	[ "${lines[0]}" = "default 0" ]
	[ "${lines[1]}" = "strict 111" ]
	[ "${lines[2]}" = "quiet 0" ]
	[[ "$stderr" == *"s6-setsid: warning: unable to setsid"* ]]
	[[ "$stderr" == *"s6-setsid: fatal: unable to setsid"* ]]
	[ "$(grep -c setsid <<< "$stderr")" -eq 2 ]
}

@test "[V4] s6-notifyoncheck -c polls the check, then writes a newline to the -3 fd; PROG keeps its pid and not the fd" {
	script /bin/t <<-'EOF2'
	#!/bin/sh
	mkfifo /tmp/fifo
	( sleep 0.3; touch /tmp/ok ) &
	s6-notifyoncheck -3 5 -w 50 -c "test -e /tmp/ok" sh -c 'echo "$$" > /tmp/pid; ls /proc/$$/fd > /tmp/fds; sleep 2' 5>/tmp/fifo &
	prog=$!
	timeout 10 od -c /tmp/fifo | head -n 1
	[ "$(cat /tmp/pid)" = "$prog" ] && echo "same pid"
	grep -qx 5 /tmp/fds || echo "fd closed"
	EOF2
	crun "$ROOT" -- /bin/t
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '0000000  \n' ]
	[ "${lines[1]}" = "same pid" ]
	[ "${lines[2]}" = "fd closed" ]
}

@test "[V4] s6-notifyoncheck -d runs ./data/check with the fd from ./notification-fd" {
	mkdir -p "$ROOT/srv/svc/data"
	echo 5 > "$ROOT/srv/svc/notification-fd"
	script /srv/svc/data/check <<-'EOF2'
	#!/bin/sh
	echo try >> /tmp/tries
	test -e /tmp/ok
	EOF2
	script /bin/t <<-'EOF2'
	#!/bin/sh
	cd /srv/svc
	mkfifo /tmp/fifo
	( sleep 0.3; touch /tmp/ok ) &
	s6-notifyoncheck -d -s 0 -w 50 -n 0 sh -c 'sleep 2' 5>/tmp/fifo &
	timeout 10 od -c /tmp/fifo | head -n 1
	[ "$(wc -l < /tmp/tries)" -gt 1 ] && echo "polled"
	EOF2
	crun "$ROOT" -- /bin/t
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '0000000  \n' ]
	[ "${lines[1]}" = polled ]
}

@test "[V4] s6-notifyoncheck gives up after -n tries or -T ms without writing anything" {
	script /bin/t <<-'EOF2'
	#!/bin/sh
	mkfifo /tmp/fifo
	start=$(date +%s)
	s6-notifyoncheck -3 5 -s 0 -n 3 -w 50 -c "false" sleep 3 5>/tmp/fifo &
	echo "n: [$(timeout 10 cat /tmp/fifo)]"
	s6-notifyoncheck -3 5 -s 0 -n 0 -T 300 -w 50 -c "false" sleep 3 5>/tmp/fifo &
	echo "T: [$(timeout 10 cat /tmp/fifo)]"
	s6-notifyoncheck -3 5 -s 0 -n 1 -t 100 -c "sleep 5" sleep 3 5>/tmp/fifo &
	echo "t: [$(timeout 10 cat /tmp/fifo)]"
	echo "took $(( $(date +%s) - start ))"
	EOF2
	crun "$ROOT" -- /bin/t
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "n: []" ]
	[ "${lines[1]}" = "T: []" ]
	[ "${lines[2]}" = "t: []" ]
	[ "${lines[3]#took }" -lt 3 ]
}

@test "[V4] s6-notifyoncheck: usage 100; no notification fd is exit 100 naming notification-fd" {
	crun "$ROOT" -- s6-notifyoncheck -n x true
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-notifyoncheck true
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"notification-fd"* ]]
	crun "$ROOT" -- s6-notifyoncheck -3 9 true
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"notification fd 9 is not open"* ]]
}
