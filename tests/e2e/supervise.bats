#!/usr/bin/env bats
# bosun's supervisor (/command/s6-supervise) [V1][V2][V3][E1], run as the
# CMD of a container on /srv/NAME and driven by Debian's s6 2.11 commands
# (the oracle: s6-svc, s6-svstat, s6-svwait, s6-svok, copied into the root
# with their libraries), and once under Debian's s6-svscan.

load common

S6_PROGS="s6-svscan s6-svc s6-svstat s6-svwait s6-svok s6-svscanctl s6-svlisten1 s6-ftrigrd"

setup_file() {
	# shellcheck disable=SC2086
	S6_FILES=$(host_files $S6_PROGS)
	export S6_FILES
}

setup() {
	busybox_root
	# shellcheck disable=SC2086
	install_files $S6_FILES
}

# svdir NAME RUN-BODY: /srv/NAME with a #!/bin/sh run script
svdir() {
	mkdir -p "$ROOT/srv/$1"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/srv/$1/run"
	chmod 755 "$ROOT/srv/$1/run"
}

# start bosun's supervisor on /srv/NAME as the CMD; wait until it listens
start_sup() {
	container_start "$ROOT" -- /command/s6-supervise "/srv/$1"
	exec_until /usr/bin/s6-svok "/srv/$1"
}

# s6's view of fields of a service: field NAME FIELDS
field() {
	container_exec -- /usr/bin/s6-svstat -o "$2" "/srv/$1"
	echo "$output"
}

@test "[V2] run starts in a new session, cwd = the service dir, stdin /dev/null; s6-svstat reads our status [V3]" {
	svdir a 'echo "sid=$(cut -d" " -f6 /proc/$$/stat) pid=$$ cwd=$(pwd) in=$(readlink /proc/$$/fd/0)" > /tmp/info; exec sleep 100000'
	start_sup a
	exec_until test -s /tmp/info
	container_exec -- cat /tmp/info
	pid=$(sed -n 's/.* pid=\([0-9]*\) .*/\1/p' <<< "$output")
	[ "$output" = "sid=$pid pid=$pid cwd=/srv/a in=/dev/null" ]
	[ "$(field a up,wantedup,normallyup,ready,pid)" = "true true true false $pid" ]
	container_exec -- /usr/bin/s6-svstat /srv/a
	[[ "$output" =~ ^up\ \(pid\ $pid\)\ [0-9]+\ seconds$ ]]
	container_exec -- stat -c '%a %s' /srv/a/event /srv/a/supervise/status /srv/a/supervise/control
	[[ "${lines[0]}" == "3730 "* ]]
	[ "${lines[1]}" = "644 35" ]
	[ "${lines[2]}" = "600 0" ]
}

@test "[V3] a second supervisor on the same dir exits 100 naming it" {
	svdir a 'exec sleep 100000'
	start_sup a
	container_exec -- /command/s6-supervise /srv/a
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"another supervisor already runs on /srv/a"* ]]
	container_exec -- /usr/bin/s6-svok /srv/a
	[ "$status" -eq 0 ]
}

@test "[V3] Debian's s6-svc drives it: -d -u -k -r, events reach s6-svwait, -x makes it exit" {
	svdir a 'echo started >> /tmp/starts; exec sleep 100000'
	start_sup a
	exec_until grep -q started /tmp/starts
	container_exec -- /usr/bin/s6-svc -wD -d -T 5000 /srv/a
	[ "$status" -eq 0 ]
	[ "$(field a up,wantedup,signal)" = "false false SIGTERM" ]
	container_exec -- /usr/bin/s6-svc -wu -u -T 5000 /srv/a
	[ "$status" -eq 0 ]
	[ "$(field a up,wantedup)" = "true true" ]
	container_exec -- /usr/bin/s6-svc -k /srv/a
	exec_until sh -c '[ "$(grep -c started /tmp/starts)" -eq 3 ]'
	container_exec -- /usr/bin/s6-svc -wr -r -T 5000 /srv/a
	[ "$status" -eq 0 ]
	exec_until sh -c '[ "$(grep -c started /tmp/starts)" -eq 4 ]'
	[ "$(field a up,wantedup)" = "true true" ]
	container_exec -- cat /srv/a/supervise/bosun-restarts
	[ "$output" = 3 ]
	# -dx: down, then the supervisor (the CMD) exits 0
	container_exec -- /usr/bin/s6-svc -dx /srv/a
	container_wait "$CONTAINER" 10
	[ "$status" -eq 0 ]
	[ "$(cat "$CONTAINER/status")" = 0 ]
}

@test "[V2] restarts are at least 1 s apart; a service that ran over 1 s restarts at once" {
	svdir a 'read -r up _ < /proc/uptime; echo ${up/./} >> /tmp/starts; [ -e /tmp/long ] && sleep 1.3; exit 3'
	start_sup a
	exec_until sh -c '[ "$(wc -l < /tmp/starts)" -ge 3 ]'
	container_exec -- touch /tmp/long
	exec_until sh -c '[ "$(wc -l < /tmp/starts)" -ge 7 ]'
	container_exec -- cat /tmp/starts
	local prev= t gaps=()
	for t in "${lines[@]}"; do
		[ -z "$prev" ] || gaps+=($(( (t - prev) * 10 )))
		prev=$t
	done
	echo "gaps (ms): ${gaps[*]}"
	# the first two gaps are crash-loop pacing, later ones follow a 1.3 s run
	[ "${gaps[0]}" -ge 950 ] && [ "${gaps[1]}" -ge 950 ]
	for t in "${gaps[@]:3}"; do [ "$t" -ge 1300 ] && [ "$t" -lt 1800 ]; done
}

@test "[V1] finish gets exit code or 256, signal, name, pgid; exit 125 means no restart" {
	svdir a 'echo $$ > /tmp/runpid; [ -e /tmp/stop ] && exec sleep 100000; exit 7'
	printf '#!/bin/sh\necho "$@" >> /tmp/finish\n[ -e /tmp/stop ] && exit 125\nexit 0\n' > "$ROOT/srv/a/finish"
	chmod 755 "$ROOT/srv/a/finish"
	start_sup a
	exec_until test -s /tmp/finish
	container_exec -- sh -c 'head -n 1 /tmp/finish'
	[[ "$output" =~ ^7\ 0\ /srv/a\ [0-9]+$ ]]
	container_exec -- touch /tmp/stop
	exec_until sh -c 'ps -o args | grep -q "^sleep 100000"'
	container_exec -- cat /tmp/runpid
	pid=$output
	container_exec -- /usr/bin/s6-svc -k /srv/a
	exec_until grep -q "^256 9 /srv/a $pid\$" /tmp/finish
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/a
	[ "$status" -eq 0 ]
	sleep 1.5
	[ "$(field a up,wantedup,signal)" = "false false SIGKILL" ]
}

# s6-supervise sends O when finish exits 125; a wait for up and ready then
# ends with the number of services that failed for good, as s6-svwait says.
@test "[V2][V1] finish exiting 125 sends O: s6-svwait -U waiting meanwhile exits 1, not at its timeout" {
	svdir a 'exit 7'
	printf '#!/bin/sh\nexit 125\n' > "$ROOT/srv/a/finish"
	chmod 755 "$ROOT/srv/a/finish"
	echo 3 > "$ROOT/srv/a/notification-fd"
	touch "$ROOT/srv/a/down"
	start_sup a
	container_exec -- sh -c '/usr/bin/s6-svwait -U -t 60000 /srv/a; echo "rc=$?" > /tmp/rc.tmp; mv /tmp/rc.tmp /tmp/rc' &
	# subscribed once its fifo is in event/
	exec_until sh -c '[ -n "$(ls /srv/a/event)" ]'
	container_exec -- /usr/bin/s6-svc -u /srv/a
	exec_until test -e /tmp/rc
	wait
	container_exec -- cat /tmp/rc
	[ "$output" = "rc=1" ]
	[ "$(field a up,wantedup)" = "false false" ]
}

@test "[V1] a down file starts it down; s6-svc -u starts it; s6-svc -O . from inside keeps it down" {
	svdir a '/usr/bin/s6-svc -O . && echo once >> /tmp/once; exec sleep 100000'
	touch "$ROOT/srv/a/down"
	start_sup a
	[ "$(field a up,wantedup,normallyup)" = "false false false" ]
	container_exec -- /usr/bin/s6-svc -u /srv/a
	exec_until test -s /tmp/once
	[ "$(field a up,wantedup)" = "true false" ]
	container_exec -- /usr/bin/s6-svc -k /srv/a
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/a
	[ "$status" -eq 0 ]
	sleep 1.2
	[ "$(field a up,wantedup,signal)" = "false false SIGKILL" ]
	container_exec -- wc -l /tmp/once
	[ "${output%% *}" = 1 ]
}

@test "[V1] notification-fd: up but not ready until the newline; s6-svwait -U returns then" {
	svdir a 'while [ ! -e /tmp/go ]; do sleep 0.05; done; echo >&5; exec sleep 100000'
	echo 5 > "$ROOT/srv/a/notification-fd"
	start_sup a
	[ "$(field a up,ready)" = "true false" ]
	container_exec -- /usr/bin/s6-svwait -U -t 300 /srv/a
	[ "$status" -ne 0 ]
	container_exec -- touch /tmp/go
	container_exec -- /usr/bin/s6-svwait -U -t 5000 /srv/a
	[ "$status" -eq 0 ]
	[ "$(field a up,ready)" = "true true" ]
}

@test "[V1] timeout-kill: a service ignoring TERM is killed; down-signal picks the signal" {
	svdir a 'trap "echo TERM >> /tmp/sigs" TERM; trap "echo HUP >> /tmp/sigs; exit 0" HUP; echo up > /tmp/up; while :; do sleep 0.05; done'
	echo 500 > "$ROOT/srv/a/timeout-kill"
	start_sup a
	exec_until test -s /tmp/up
	container_exec -- /usr/bin/s6-svc -wD -d -T 5000 /srv/a
	[ "$status" -eq 0 ]
	[ "$(field a signal)" = SIGKILL ]
	container_exec -- cat /tmp/sigs
	[ "$output" = TERM ]
	grep -q "still up 500 ms after its down signal (timeout-kill), sending SIGKILL" "$CONTAINER/stderr"
	echo SIGHUP > "$ROOT/srv/a/down-signal"
	container_exec -- rm /tmp/up
	container_exec -- /usr/bin/s6-svc -u /srv/a
	exec_until test -s /tmp/up
	container_exec -- /usr/bin/s6-svc -wD -d -T 5000 /srv/a
	[ "$status" -eq 0 ]
	[ "$(field a exitcode)" = 0 ]
	container_exec -- cat /tmp/sigs
	[ "$output" = "TERM
HUP" ]
}

@test "[V1] a finish that hangs is killed after timeout-finish" {
	svdir a 'exec sleep 100000'
	printf '#!/bin/sh\necho hanging > /tmp/fin\nexec sleep 100000\n' > "$ROOT/srv/a/finish"
	chmod 755 "$ROOT/srv/a/finish"
	echo 700 > "$ROOT/srv/a/timeout-finish"
	start_sup a
	container_exec -- sh -c 'read -r s _ < /proc/uptime; /usr/bin/s6-svc -wD -d -T 5000 /srv/a; rc=$?; read -r e _ < /proc/uptime; echo $rc $(( (${e/./} - ${s/./}) * 10 ))'
	read -r rc ms <<< "$output"
	[ "$rc" -eq 0 ]
	[ "$ms" -ge 650 ] && [ "$ms" -lt 2500 ]
	grep -q "finish of service /srv/a still running after 700 ms (timeout-finish), sending SIGKILL" "$CONTAINER/stderr"
	container_exec -- sh -c 'ps -o args | grep -c "^sleep 100000"'
	[ "$output" = 0 ]
}

@test "[V2] run missing, not executable, without #!, with a CRLF #! line: one message per attempt, paced" {
	mkdir -p "$ROOT/srv/missing" "$ROOT/srv/noexec" "$ROOT/srv/noshebang" "$ROOT/srv/crlf"
	printf 'echo hi\n' > "$ROOT/srv/noexec/run"
	printf '\177ELF not really\n' > "$ROOT/srv/noshebang/run"
	printf '#!/bin/sh\r\necho hi\r\n' > "$ROOT/srv/crlf/run"
	chmod 755 "$ROOT/srv/noshebang/run" "$ROOT/srv/crlf/run"
	container_start "$ROOT" -- sh -c 'for s in missing noexec noshebang crlf; do /command/s6-supervise /srv/$s & done; exec sleep 100000'
	sleep 3.3
	local e=$CONTAINER/stderr
	cat "$e"
	for s in missing noexec noshebang crlf; do
		n=$(grep -c "service /srv/$s: run " "$e")
		[ "$n" -ge 3 ] && [ "$n" -le 5 ]
	done
	grep -q "service /srv/missing: run is missing, create it" "$e"
	grep -q "service /srv/noexec: run is not executable, chmod +x it" "$e"
	grep -q "service /srv/noshebang: run has no #! line and is not a binary" "$e"
	grep -q "service /srv/crlf: run has Windows line endings (CRLF)" "$e"
	# paced, not spinning: the supervisors used almost no CPU
	container_exec -- sh -c 'for p in $(pidof s6-supervise); do cut -d" " -f14,15 /proc/$p/stat; done'
	for l in "${lines[@]}"; do read -r u s <<< "$l"; [ $((u + s)) -lt 50 ]; done
}

@test "[E1] env/env and env/ add variables to run; a malformed line is named and the service is not started" {
	svdir a 'echo "A=$A B=$B PATH=$PATH" > /tmp/a; exec sleep 100000'
	mkdir -p "$ROOT/srv/a/env"
	printf '# comment\r\nA=one two\r\n\nB=x=y "z"\n' > "$ROOT/srv/a/env/env"
	svdir b 'echo "C=$C D=${D-unset}" > /tmp/b; exec sleep 100000'
	mkdir -p "$ROOT/srv/b/env"
	printf 'three  \nignored\n' > "$ROOT/srv/b/env/C"
	: > "$ROOT/srv/b/env/D"
	svdir c 'echo started > /tmp/c; exec sleep 100000'
	mkdir -p "$ROOT/srv/c/env"
	printf 'OK=1\nnot a variable\n' > "$ROOT/srv/c/env/env"
	container_start "$ROOT" -e D=fromcontainer -- sh -c 'for s in a b c; do /command/s6-supervise /srv/$s & done; exec sleep 100000'
	exec_until test -s /tmp/a
	exec_until test -s /tmp/b
	container_exec -- cat /tmp/a /tmp/b
	[[ "${lines[0]}" == 'A=one two B=x=y "z" PATH='* ]]
	[ "${lines[1]}" = "C=three D=unset" ]
	container_wait_output "service /srv/c: env/env line 2: " 5 stderr
	container_exec -- test -e /tmp/c
	[ "$status" -ne 0 ]
}

@test "[V3] bosun's supervisor under Debian's s6-svscan; Debian's tools see it" {
	mkdir -p "$ROOT/srv/scan"
	mkdir -p "$ROOT/srv/scan/a"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/srv/scan/a/run"
	chmod 755 "$ROOT/srv/scan/a/run"
	# Debian's s6-svscan execs /usr/bin/s6-supervise: make that bosun's
	ln -s /command/s6-supervise "$ROOT/usr/bin/s6-supervise"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until /usr/bin/s6-svok /srv/scan/a
	container_exec -- sh -c 'cat /proc/$(pidof s6-supervise)/cmdline | tr "\0" " "; echo; readlink /proc/$(pidof s6-supervise)/exe'
	echo "$output"
	[[ "${lines[1]}" == */bosun ]]
	container_exec -- /usr/bin/s6-svstat -o up /srv/scan/a
	[ "$output" = true ]
	container_exec -- /usr/bin/s6-svc -wD -d -T 5000 /srv/scan/a
	[ "$status" -eq 0 ]
}

@test "[V2] SIGKILL to the supervisor: the scanner re-spawns it and the service runs exactly once" {
	mkdir -p "$ROOT/srv/scan/a"
	printf '#!/bin/sh\necho $$ >> /tmp/starts\nexec sleep 100000\n' > "$ROOT/srv/scan/a/run"
	chmod 755 "$ROOT/srv/scan/a/run"
	ln -s /command/s6-supervise "$ROOT/usr/bin/s6-supervise"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until test -s /tmp/starts
	container_exec -- sh -c 'kill -KILL $(pidof s6-supervise)'
	exec_until sh -c '[ "$(wc -l < /tmp/starts)" -eq 2 ]'
	exec_until /usr/bin/s6-svok /srv/scan/a
	container_exec -- sh -c 'ps -o args | grep -c "^sleep 100000"'
	[ "$output" = 1 ]
	container_exec -- sh -c 'tail -n 1 /tmp/starts; /usr/bin/s6-svstat -o pid /srv/scan/a'
	[ "${lines[0]}" = "${lines[1]}" ]
	grep -q "outlived the previous supervisor, stopping it" "$CONTAINER/stderr"
}

@test "[V1][R6] a logger (NAME/log) reads its service's output from the pipe s6-svscan holds, across its restart" {
	mkdir -p "$ROOT/srv/scan/a/log"
	# the service holds its output while /tmp/pause exists, so the logger
	# can be killed while it has nothing half-written (a cat killed between
	# its read and its write loses that chunk, whatever holds the pipe)
	printf '#!/bin/sh\ni=0\nwhile :; do while [ -e /tmp/pause ]; do echo $i > /tmp/paused; sleep 0.01; done; i=$((i+1)); echo "line $i"; sleep 0.02; done\n' > "$ROOT/srv/scan/a/run"
	printf '#!/bin/sh\necho "log stdin: $(readlink /proc/$$/fd/0)" > /tmp/logstdin\nexec cat >> /tmp/log\n' > "$ROOT/srv/scan/a/log/run"
	chmod 755 "$ROOT/srv/scan/a/run" "$ROOT/srv/scan/a/log/run"
	ln -s /command/s6-supervise "$ROOT/usr/bin/s6-supervise"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until grep -q "line 20" /tmp/log
	container_exec -- cat /tmp/logstdin
	[[ "$output" == "log stdin: pipe:"* ]]
	container_exec -- touch /tmp/pause
	exec_until sh -c '[ -s /tmp/paused ] && [ "$(tail -n 1 /tmp/log)" = "line $(cat /tmp/paused)" ]'
	container_exec -- /usr/bin/s6-svc -k /srv/scan/a/log
	container_exec -- rm /tmp/pause
	exec_until grep -q "line 150" /tmp/log
	# every line exactly once, in order, across the logger's restart
	container_exec -- sh -c 'n=$(wc -l < /tmp/log); i=0; while read -r w k; do i=$((i+1)); [ "$k" = "$i" ] || { echo "line $i is: $w $k"; exit 1; }; done < /tmp/log; echo ok $n'
	[[ "$output" == "ok "* ]]
}

# scansv NAME RUN-BODY: /srv/scan/NAME for Debian's s6-svscan, which then
# runs bosun's supervisor on it (/usr/bin/s6-supervise is bosun's)
scansv() {
	mkdir -p "$ROOT/srv/scan/$1"
	printf '#!/bin/sh\n%s\n' "$2" > "$ROOT/srv/scan/$1/run"
	chmod 755 "$ROOT/srv/scan/$1/run"
	ln -sf /command/s6-supervise "$ROOT/usr/bin/s6-supervise"
}

# kill_sup DIR: SIGKILL to the supervisor of DIR (the s6-supervise whose
# cwd it is), then wait until its successor has written its first status
kill_sup() {
	script /bin/supof <<-'EOF'
	#!/bin/sh
	for p in $(pidof s6-supervise); do [ "$(readlink /proc/$p/cwd)" = "$1" ] && echo $p; done
	EOF
	container_exec -- /bin/supof "$1"
	[ -n "$output" ]
	local old=$output
	container_exec -- kill -KILL "$old"
	exec_until sh -c "p=\$(/bin/supof $1); [ -n \"\$p\" ] && [ \"\$p\" != $old ] && [ -s $1/supervise/status ]"
	exec_until /usr/bin/s6-svok "$1"
}

# runs N DIR: how many processes run "sleep 10000N" (service a sleeps
# 100001, b 100002), once DIR's run (if up) has exec'd into it
runs() {
	script /bin/execd <<-'EOF'
	#!/bin/sh
	pid=$(/usr/bin/s6-svstat -o pid "$1")
	[ "$pid" = -1 ] || [ "$(tr '\0' ' ' 2>/dev/null < /proc/$pid/cmdline)" = "sleep 10000$2 " ]
	EOF
	exec_until /bin/execd "$2" "$1"
	container_exec -- sh -c "ps -o args | grep -c '^sleep 10000$1\$'"
	echo "$output"
}

@test "[V7] a killed supervisor of a service started up despite its down file brings it up again, once" {
	# what the rc engine does to every longrun: a down file, then s6-svc -u
	scansv a 'echo $$ >> /tmp/starts; exec sleep 100001'
	touch "$ROOT/srv/scan/a/down"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until /usr/bin/s6-svok /srv/scan/a
	container_exec -- /usr/bin/s6-svc -wu -u -T 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	for i in 1 2 3; do
		kill_sup /srv/scan/a
		container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/a
		[ "$status" -eq 0 ]
		[ "$(runs 1 /srv/scan/a)" = 1 ]
		[ "$(field scan/a up,wantedup,normallyup)" = "true true false" ]
		container_exec -- sh -c 'tail -n 1 /tmp/starts; /usr/bin/s6-svstat -o pid /srv/scan/a; wc -l < /tmp/starts'
		[ "${lines[0]}" = "${lines[1]}" ]
		[ "${lines[2]}" = $((i + 1)) ]
	done
}

@test "[V7] a run that left its directory (cd /tmp) is still known as the orphan: stopped, started again once" {
	scansv a 'cd /tmp; echo $$ >> /tmp/starts; exec sleep 100001'
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until test -s /tmp/starts
	kill_sup /srv/scan/a
	exec_until sh -c '[ "$(wc -l < /tmp/starts)" -eq 2 ]'
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/a
	[ "$(runs 1 /srv/scan/a)" = 1 ]
	container_exec -- sh -c 'tail -n 1 /tmp/starts; /usr/bin/s6-svstat -o pid /srv/scan/a'
	[ "${lines[0]}" = "${lines[1]}" ]
}

@test "[V7] wanted down stays down across a killed supervisor; a new container obeys ./down again" {
	scansv a 'exec sleep 100001'
	scansv b 'exec sleep 100002'
	touch "$ROOT/srv/scan/b/down"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until /usr/bin/s6-svok /srv/scan/a
	exec_until /usr/bin/s6-svok /srv/scan/b
	container_exec -- /usr/bin/s6-svc -wD -d -T 5000 /srv/scan/a
	container_exec -- /usr/bin/s6-svc -wu -u -T 5000 /srv/scan/b
	kill_sup /srv/scan/a
	kill_sup /srv/scan/b
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/b
	[ "$status" -eq 0 ]
	[ "$(field scan/a up,wantedup)" = "false false" ]
	[ "$(runs 1 /srv/scan/a)" = 0 ]
	[ "$(runs 2 /srv/scan/b)" = 1 ]
	container_stop "$CONTAINER" 5
	# the same directories in a new container: the status files are from
	# another tree, so ./down decides as at any first start
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until /usr/bin/s6-svok /srv/scan/a
	exec_until /usr/bin/s6-svok /srv/scan/b
	container_exec -- /usr/bin/s6-svwait -u -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	[ "$(field scan/b up,wantedup)" = "false false" ]
	[ "$(runs 2 /srv/scan/b)" = 0 ]
}

@test "[V7] a finish still running when its supervisor is killed is stopped too; wanted down stays down" {
	scansv a 'exec sleep 100001'
	printf '#!/bin/sh\necho finishing >> /tmp/fin\nexec sleep 100009\n' > "$ROOT/srv/scan/a/finish"
	chmod 755 "$ROOT/srv/scan/a/finish"
	echo 0 > "$ROOT/srv/scan/a/timeout-finish"
	container_start "$ROOT" -- /usr/bin/s6-svscan /srv/scan
	exec_until /usr/bin/s6-svok /srv/scan/a
	container_exec -- /usr/bin/s6-svc -wd -d -T 5000 /srv/scan/a
	exec_until sh -c 'ps -o args | grep -q "^sleep 100009$"'
	kill_sup /srv/scan/a
	container_exec -- /usr/bin/s6-svwait -D -t 5000 /srv/scan/a
	[ "$status" -eq 0 ]
	container_exec -- sh -c 'ps -o args | grep -c "^sleep 10000[19]$"'
	[ "$output" = 0 ]
	[ "$(field scan/a up,wantedup)" = "false false" ]
	grep -q "its finish (pid [0-9]*) outlived the previous supervisor" "$CONTAINER/stderr"
}
