#!/usr/bin/env bats
# The client commands of the supervision tree (s6-svc, s6-svok,
# s6-svscanctl, s6-svstat, s6-svwait, bosun status) against a tree run by
# Debian's s6-svscan and s6-supervise 2.11 [V3][V4]: bosun's commands
# must drive s6's supervisors, and s6's own commands check the effects;
# the last test does the same on bosun's own tree (PID 1's scanner).
# bosun's commands are called as /command/NAME, s6's as /usr/bin/NAME.

load common

# s6's programs and their shared libraries, copied into each root
S6_PROGS="s6-svscan s6-supervise s6-svc s6-svstat s6-svwait s6-svok s6-svscanctl s6-svlisten1 s6-ftrigrd"

setup_file() {
	# shellcheck disable=SC2086
	S6_FILES=$(host_files $S6_PROGS)
	export S6_FILES
}

setup() {
	busybox_root
	# shellcheck disable=SC2086
	install_files $S6_FILES
	mkdir -p "$ROOT/srv/scan"
}

# sv NAME RUN-SCRIPT: a service directory in Debian's scan directory
sv() {
	mkdir -p "$ROOT/srv/scan/$1"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/srv/scan/$1/run"
	chmod 755 "$ROOT/srv/scan/$1/run"
}

# the CMD is Debian's scanner over /srv/scan; returns once NAME is supervised
start_s6() {
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	for s in "$@"; do exec_until /usr/bin/s6-svok "/srv/scan/$s"; done
}

# s6's view of a field of a service: s6field NAME FIELD
s6field() {
	container_exec -- /usr/bin/s6-svstat -o "$2" "/srv/scan/$1"
	echo "$output"
}

@test "[V4] s6-svok: 0 on a service s6-supervise runs, 1 on others, 100 without argument" {
	sv a 'exec sleep 100000'
	mkdir -p "$ROOT/srv/unsupervised"
	start_s6 a
	container_exec -- /command/s6-svok /srv/scan/a
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svok /srv/unsupervised
	[ "$status" -eq 1 ]
	container_exec -- /command/s6-svok /srv/nowhere
	[ "$status" -eq 1 ]
	container_exec -- /command/s6-svok
	[ "$status" -eq 100 ]
}

@test "[V3][V4] s6-svc -d and -u drive s6-supervise; s6's s6-svstat sees it" {
	sv a 'exec sleep 100000'
	start_s6 a
	[ "$(s6field a up,wantedup)" = "true true" ]
	container_exec -- /command/s6-svc -d /srv/scan/a
	[ "$status" -eq 0 ]
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(s6field a up,wantedup,signal)" = "false false SIGTERM" ]
	container_exec -- /command/s6-svc -u /srv/scan/a
	[ "$status" -eq 0 ]
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(s6field a up,wantedup)" = "true true" ]
}

@test "[V4] s6-svc signals reach the service: -h -1 -2 -t -k, in the order given" {
	sv a 'for s in HUP USR1 USR2; do trap "echo $s >> /tmp/got" $s; done
echo started >> /tmp/got
while :; do sleep 0.05; done'
	start_s6 a
	exec_until grep -q started /tmp/got
	container_exec -- /command/s6-svc -h /srv/scan/a
	exec_until grep -q HUP /tmp/got
	container_exec -- /command/s6-svc -1 -2 /srv/scan/a
	exec_until grep -q USR2 /tmp/got
	container_exec -- cat /tmp/got
	[ "$output" = "started
HUP
USR1
USR2" ]
	# -k kills it; wanted up, s6-supervise restarts it
	container_exec -- /command/s6-svc -k /srv/scan/a
	exec_until sh -c '[ "$(grep -c started /tmp/got)" -eq 2 ]' 
	[ "$(s6field a up,wantedup)" = "true true" ]
}

@test "[V4] s6-svc -O . from inside the service, then -k: it stays down" {
	sv a '/command/s6-svc -O . && echo ok > /tmp/once; exec sleep 100000'
	start_s6 a
	exec_until test -s /tmp/once
	[ "$(s6field a up,wantedup)" = "true false" ]
	container_exec -- /command/s6-svc -k /srv/scan/a
	[ "$status" -eq 0 ]
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(s6field a up,wantedup,signal)" = "false false SIGKILL" ]
}

@test "[V4] s6-svc -o runs once; -x makes s6-supervise exit when the service is down" {
	sv a 'exec sleep 100000'
	touch "$ROOT/srv/scan/a/down"
	start_s6 a
	[ "$(s6field a up,normallyup)" = "false false" ]
	container_exec -- /command/s6-svc -o /srv/scan/a
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(s6field a up,wantedup)" = "true false" ]
	# s6's s6-svwait 2.11 counts a supervisor that exits as a failure: 1
	container_exec -- sh -c '/usr/bin/s6-svwait -U -t 10000 /srv/scan/a & sleep 0.3; /command/s6-svc -dx /srv/scan/a; echo "svc=$?"; wait $!; echo "svwait=$?"'
	[ "${lines[0]}" = svc=0 ]
	[ "${lines[1]}" = svwait=1 ]
	[[ "$stderr" == *"supervisor died"* ]]
}

@test "[V4] s6-svc without a supervisor: 100 naming the directory; 111 when it does not exist" {
	mkdir -p "$ROOT/srv/lonely"
	container_run "$ROOT" -e S6_VERBOSITY=1 -- sh -c '/command/s6-svc -u /srv/lonely; echo "rc=$?"; /command/s6-svc -u /srv/nowhere; echo "rc=$?"; /command/s6-svc -P /srv/lonely; echo "rc=$?"'
	[ "${lines[0]}" = rc=100 ]
	[ "${lines[1]}" = rc=111 ]
	[ "${lines[2]}" = rc=100 ]
	[[ "${stderr_lines[0]}" == "s6-svc: fatal: unable to control /srv/lonely: supervisor not listening"* ]]
	[[ "${stderr_lines[1]}" == "s6-svc: fatal: unable to control /srv/nowhere: No such file or directory"* ]]
	[[ "${stderr_lines[2]}" == "s6-svc: usage: "* ]]
}

@test "[V4] s6-svscanctl -a makes s6-svscan pick up a new service; 100 when no scanner listens" {
	sv a 'exec sleep 100000'
	start_s6 a
	container_exec -- sh -c 'mkdir /srv/scan/b && printf "#!/bin/sh\nexec sleep 100000\n" > /srv/scan/b/run && chmod 755 /srv/scan/b/run'
	container_exec -- /command/s6-svscanctl -a /srv/scan
	[ "$status" -eq 0 ]
	exec_until /usr/bin/s6-svok /srv/scan/b
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/b
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svscanctl -a /srv/scan/a
	[ "$status" -eq 100 ]
	container_exec -- /command/s6-svscanctl -a /srv/nowhere
	[ "$status" -eq 111 ]
	container_exec -- /command/s6-svscanctl -0 /srv/scan
	[ "$status" -eq 100 ]
}

# same_svstat DIR ARGS...: bosun's and s6's s6-svstat print the same thing
# (retried: a second may tick between the two calls)
same_svstat() {
	EXEC_TRIES=20 exec_until sh -c 'a=$(/usr/bin/s6-svstat "$@" 2>&1; echo "rc=$?"); b=$(/command/s6-svstat "$@" 2>&1; echo "rc=$?"); [ "${a#*: }" = "${b#*: }" ] || { echo "s6: $a" >&2; echo "bosun: $b" >&2; exit 1; }' sh "$@"
}

ALLFIELDS=up,wantedup,normallyup,ready,paused,pid,exitcode,signal,signum,updownsince,readysince,updownfor,readyfor

@test "[V3][V4] s6-svstat prints what s6's prints: up, down by signal, normally down, want up" {
	sv a 'exec sleep 100000'
	sv b 'exec sleep 100000'
	sv c 'exit 3'
	touch "$ROOT/srv/scan/b/down"
	start_s6 a b c
	for args in "" "-n" "-o $ALLFIELDS" "-uwNrpest" "-o up,pid -n -e"; do
		same_svstat $args /srv/scan/a
		same_svstat $args /srv/scan/b
	done
	container_exec -- /command/s6-svstat -o up,normallyup /srv/scan/b
	[ "$output" = "false false" ]
	container_exec -- /command/s6-svc -k /srv/scan/a
	container_exec -- /command/s6-svc -d /srv/scan/c
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/scan/c
	container_exec -- /command/s6-svc -d /srv/scan/a
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/scan/a
	container_exec -- /command/s6-svc -u /srv/scan/b
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/b
	for args in "" "-n" "-o $ALLFIELDS" "-uwNrpest"; do
		same_svstat $args /srv/scan/a
		same_svstat $args /srv/scan/b
		same_svstat $args /srv/scan/c
	done
	container_exec -- /command/s6-svstat /srv/scan/c
	[[ "$output" == "down (exitcode 3) "*" seconds, normally up, ready "*" seconds" ]]
}

@test "[V4] s6-svstat: 1 without a supervisor, 100 on a bad field or without a directory" {
	mkdir -p "$ROOT/srv/lonely"
	container_run "$ROOT" -e S6_VERBOSITY=1 -- sh -c '/command/s6-svstat /srv/lonely; echo "rc=$?"; /command/s6-svstat -o up,pgid /srv/lonely; echo "rc=$?"; /command/s6-svstat; echo "rc=$?"'
	[ "${lines[0]}" = rc=1 ]
	[ "${lines[1]}" = rc=100 ]
	[ "${lines[2]}" = rc=100 ]
	[[ "${stderr_lines[0]}" == "s6-svstat: fatal: unable to read status for /srv/lonely: s6-supervise not running"* ]]
	[[ "${stderr_lines[1]}" == "s6-svstat: fatal: invalid option field: pgid"* ]]
}

@test "[V4] s6-svwait hears s6-supervise's events: -u -d -D -U, -o, -t timeout 99" {
	sv a 'exec sleep 100000'
	sv b 'exec sleep 100000'
	# b notifies readiness on fd 3 once it has written its file
	echo 3 > "$ROOT/srv/scan/b/notification-fd"
	printf '#!/bin/sh\ntouch /tmp/b.ready\necho >&3\nexec sleep 100000\n' > "$ROOT/srv/scan/b/run"
	start_s6 a b
	container_exec -- /command/s6-svwait -u -t 5000 /srv/scan/a /srv/scan/b
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svwait -U -t 5000 /srv/scan/b
	[ "$status" -eq 0 ]
	container_exec -- test -e /tmp/b.ready
	container_exec -- /command/s6-svwait -d -t 300 /srv/scan/a
	[ "$status" -eq 99 ]
	[[ "$stderr" == *"timed out"* ]]
	# s6's s6-svc brings a down while bosun's s6-svwait listens
	container_exec -- sh -c '/command/s6-svwait -D -t 5000 /srv/scan/a & sleep 0.3; /usr/bin/s6-svc -d /srv/scan/a; wait $!'
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svwait -o -d -t 5000 /srv/scan/a /srv/scan/b
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svwait -a -d -t 300 /srv/scan/a /srv/scan/b
	[ "$status" -eq 99 ]
	# no fifo is left behind in event/
	container_exec -- sh -c 'ls /srv/scan/a/event | wc -l'
	[ "$output" -eq 0 ]
	container_exec -- /command/s6-svwait -u /srv/nowhere
	[ "$status" -eq 111 ]
}

@test "[V4] s6-svc -wU -u -T, -wD -d, -wr -r; -T expiring is 99" {
	sv a 'exec sleep 100000'
	sv b 'sleep 0.3; echo >&3; exec sleep 100000'
	echo 3 > "$ROOT/srv/scan/b/notification-fd"
	touch "$ROOT/srv/scan/b/down"
	start_s6 a b
	container_exec -- /command/s6-svc -wU -u -T 5000 /srv/scan/b
	[ "$status" -eq 0 ]
	[ "$(s6field b up,ready)" = "true true" ]
	container_exec -- /command/s6-svc -wD -d -T 5000 /srv/scan/b
	[ "$status" -eq 0 ]
	[ "$(s6field b up,wantedup)" = "false false" ]
	pid=$(s6field a pid)
	container_exec -- /command/s6-svc -wr -r -T 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(s6field a up)" = true ]
	[ "$(s6field a pid)" != "$pid" ]
	# a has no notification-fd: -wU waits for up, with s6's warning
	container_exec -- /command/s6-svc -wU -u -T 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"notification-fd not present"* ]]
	container_exec -- /command/s6-svc -wd -T 300 /srv/scan/a
	[ "$status" -eq 99 ]
}

@test "bosun status: one line per service and log/, --json, 1 on an unreadable directory" {
	sv a 'exec sleep 100000'
	sv b 'exit 3'
	mkdir -p "$ROOT/srv/scan/a/log"
	printf '#!/bin/sh\nexec cat >/dev/null\n' > "$ROOT/srv/scan/a/log/run"
	chmod 755 "$ROOT/srv/scan/a/log/run"
	start_s6 a a/log b
	container_exec -- /command/s6-svc -wD -d -T 5000 /srv/scan/b
	container_exec -- /command/bosun status /srv/scan
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == "a "*" up "*" pid "[0-9]*" for "*" not-ready restarts - "*" last -" ]]
	[[ "${lines[1]}" == "a/log "*" up "* ]]
	[[ "${lines[2]}" == "b "*" down "*" pid - "*" last exitcode 3" ]]
	container_exec -- /command/bosun status --json /srv/scan
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "[" ]
	[[ "${lines[1]}" == '  {"name": "a", "state": "up", "pid": '[0-9]*', "seconds": '[0-9]*', "ready": false, "restarts": null, "exitcode": null, "signal": null},' ]]
	[[ "${lines[3]}" == '  {"name": "b", "state": "down", "pid": null, '*'"exitcode": 3, "signal": null}' ]]
	[ "${lines[4]}" = "]" ]
	container_exec -- /command/bosun status /srv/nowhere
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"/srv/nowhere"* ]]
	# /command/status is not made: the name is too generic for PATH
	container_exec -- test -e /command/status
	[ "$status" -ne 0 ]
}

# bosun's own tree: PID 1's scanner over /run/service, bosun's s6-supervise
start_bosun_tree() {
	container_start "$ROOT" -- sh -c 'for s in /srv/scan/*; do ln -s $s /run/service/; done; /command/s6-svscanctl -a /run/service; echo linked; exec sleep 100000'
	container_wait_output linked
	for s in "$@"; do exec_until /usr/bin/s6-svok "/run/service/$s"; done
}

@test "[V3] on bosun's tree, s6's and bosun's commands agree: s6-svc, s6-svstat, s6-svwait both ways" {
	sv a 'exec sleep 100000'
	sv b 'exec sleep 100000'
	start_bosun_tree a b
	container_exec -- /command/s6-svok /run/service/a
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svwait -u -t 5000 /run/service/a /run/service/b
	[ "$status" -eq 0 ]
	for args in "" "-o $ALLFIELDS" "-uwNrpest"; do same_svstat $args /run/service/a; done
	# bosun's s6-svc, s6's s6-svwait
	container_exec -- sh -c '/usr/bin/s6-svwait -D -t 5000 /run/service/a & sleep 0.3; /command/s6-svc -d /run/service/a; wait $!'
	[ "$status" -eq 0 ]
	[ "$(s6field ../../run/service/a up,wantedup,signal)" = "false false SIGTERM" ]
	# s6's s6-svc, bosun's s6-svwait
	container_exec -- sh -c '/command/s6-svwait -u -t 5000 /run/service/a & sleep 0.3; /usr/bin/s6-svc -u /run/service/a; wait $!'
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svc -wD -d -T 5000 /run/service/b
	[ "$status" -eq 0 ]
	for args in "" "-o $ALLFIELDS" "-n"; do
		same_svstat $args /run/service/a
		same_svstat $args /run/service/b
	done
	container_exec -- /command/bosun status
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "a "*" up "* ]]
	[[ "${lines[1]}" == "b "*" down "*"last signal SIGTERM" ]]
}

@test "[V8] thousands of subscriptions while events keep coming: s6-svwait and s6-svc -wu never fail" {
	# a crash-loops (u, d, D each second, the supervisor's pace); s6's own
	# notifier adds events to both fifodirs as fast as it can, so that
	# some land between a subscriber's mkfifo and its open
	sv a 'exit 0'
	sv b 'exec sleep 100000'
	start_bosun_tree a b
	container_exec -- sh -c '( while :; do /usr/bin/s6-ftrig-notify /run/service/a/event s; /usr/bin/s6-ftrig-notify /run/service/b/event s; done ) </dev/null >/dev/null 2>&1 & echo started'
	container_exec -- sh -c 'bad=0; i=0; while [ $i -lt 2000 ]; do i=$((i+1)); /command/s6-svwait -d -t 5000 /run/service/a || bad=$((bad+1)); /command/s6-svc -wu -u -T 5000 /run/service/b || bad=$((bad+1)); done; echo "failures: $bad"'
	echo "$output" "$stderr" | tail -n 5
	[ "$output" = "failures: 0" ]
}
