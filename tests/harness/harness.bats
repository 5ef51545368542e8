#!/usr/bin/env bats
# Self-tests of the container harness: every claim of README.md is checked here
# with a stand-in PID 1 (busybox sh), no bosun tarball needed.

load lib

setup() {
	ROOT=$(make_root busybox none)
}

# write an /init script into ROOT
init_script() {
	printf '#!/bin/sh\n%s\n' "$1" > "$ROOT/init"
	chmod 755 "$ROOT/init"
}

# wait_file FILE [TIMEOUT]: bounded wait for FILE to be non-empty
wait_file() {
	local i n=$(( ${2:-5} * 100 ))
	for ((i = 0; i < n; i++)); do [ -s "$1" ] && return 0; sleep 0.01; done
	return 1
}

@test "PID 1 is the entrypoint, with CMD as its arguments" {
	init_script 'echo "pid=$$ args=$*"; tr "\0" " " < /proc/1/cmdline'
	container_run "$ROOT" -- a 'b c'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "pid=1 args=a b c" ]
	[ "${lines[1]}" = "/bin/sh /init a b c " ]
	[ -z "$stderr" ]
}

@test "--entrypoint replaces /init; \"\" runs CMD itself" {
	container_run "$ROOT" --entrypoint /bin/echo -- hello
	[ "$output" = hello ]
	container_run "$ROOT" --entrypoint "" -- echo hi there
	[ "$output" = "hi there" ]
	container_run "$ROOT" --entrypoint /nonexistent
	[ "$status" -eq 127 ]
	[[ $stderr == *"exec /nonexistent"* ]]
}

@test "exit code n, and stdout and stderr are kept apart" {
	init_script 'echo out; echo err >&2; exit 42'
	container_run "$ROOT"
	[ "$status" -eq 42 ]
	[ "$output" = out ]
	[ "$stderr" = err ]
}

@test "/proc, /dev nodes, /dev/pts, /dev/shm, /dev/mqueue, /sys read-only, /run tmpfs" {
	init_script '
	  grep -q "^proc /proc proc" /proc/mounts && echo proc
	  grep -q "^tmpfs /dev tmpfs rw,nosuid" /proc/mounts && echo dev
	  for n in null:1,3 zero:1,5 full:1,7 random:1,8 urandom:1,9 tty:5,0; do
	    f=/dev/${n%%:*}; IFS=, read ma mi <<X
${n#*:}
X
	    [ -c $f ] && [ "$(stat -c %t,%T $f)" = "$(printf "%x,%x" $ma $mi)" ] || echo "bad $f"
	    [ "$(stat -c %a $f)" = 666 ] || echo "mode $f"
	  done
	  echo x > /dev/null && echo null-ok
	  grep -q "^devpts /dev/pts devpts .*ptmxmode=666" /proc/mounts && echo pts
	  [ "$(readlink /dev/ptmx)" = pts/ptmx ] && echo ptmx
	  [ "$(readlink /dev/fd)" = /proc/self/fd ] && [ "$(readlink /dev/stdin)" = /proc/self/fd/0 ] && [ "$(readlink /dev/stdout)" = /proc/self/fd/1 ] && [ "$(readlink /dev/stderr)" = /proc/self/fd/2 ] && echo links
	  grep -q "^shm /dev/shm tmpfs" /proc/mounts && [ "$(stat -c %a /dev/shm)" = 1777 ] && echo shm
	  grep -q "^mqueue /dev/mqueue" /proc/mounts && echo mqueue
	  grep -q "^sysfs /sys sysfs ro" /proc/mounts && ! touch /sys/x 2>/dev/null && [ -d /sys/kernel ] && echo sys
	  grep -q "^tmpfs /run tmpfs rw" /proc/mounts && [ "$(stat -c %a /run)" = 755 ] && echo run
	  [ "$(stat -c %a /dev)" = 755 ] && echo devmode
	'
	container_run "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' proc dev null-ok pts ptmx links shm mqueue sys run devmode)" ]
}

@test "--no-run-tmpfs leaves /run as the image has it; --tmpfs adds a tmpfs" {
	mkdir "$ROOT/run"
	touch "$ROOT/run/from-image"
	init_script 'ls /run; grep " /run " /proc/mounts; grep " /scratch " /proc/mounts'
	container_run "$ROOT" --no-run-tmpfs --tmpfs /scratch:size=1m,mode=700
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = from-image ]
	[[ ${lines[1]} == "tmpfs /scratch tmpfs rw,nosuid,nodev,noexec,relatime,size=1024k,mode=700"* ]]
	[ "${#lines[@]}" -eq 2 ]
}

@test "environment is exactly Docker's, -e adds and overrides, -h sets the hostname" {
	init_script 'env | sort; hostname'
	container_run "$ROOT" -h box1
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' HOME=/root HOSTNAME=box1 PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PWD=/ SHLVL=1 box1)" ]
	FROMHOST=h container_run "$ROOT" -h box1 -e A=1 -e 'B=x y' -e PATH=/bin -e FROMHOST -e UNSET_VAR -e HOME=/h
	[ "$output" = "$(printf '%s\n' 'A=1' 'B=x y' FROMHOST=h HOME=/h HOSTNAME=box1 PATH=/bin PWD=/ SHLVL=1 box1)" ]
}

@test "the default hostname is 12 hex digits, and HOSTNAME matches it" {
	init_script 'echo "$HOSTNAME $(hostname)"'
	container_run "$ROOT"
	[[ $output =~ ^([0-9a-f]{12})\ ([0-9a-f]{12})$ ]]
	[ "${BASH_REMATCH[1]}" = "${BASH_REMATCH[2]}" ]
}

@test "-u sets uid, gid and HOME, clears supplementary groups" {
	init_script 'echo "$(id -u):$(id -g):$(id -G):$HOME"'
	container_run "$ROOT" -u tester
	[ "$output" = "1000:1000:1000:/home/tester" ]
	container_run "$ROOT" -u 1000:65534
	[ "$output" = "1000:65534:65534:/home/tester" ]
	container_run "$ROOT" -u 4242
	[ "$output" = "4242:0:0:/" ]
	container_run "$ROOT" -u nosuchuser
	[ "$status" -eq 125 ]
	[[ $stderr == *"unable to find user nosuchuser"* ]]
}

@test "capabilities are Docker's default set; none for a non-root user" {
	init_script 'grep -E "^Cap(Inh|Prm|Eff|Bnd|Amb)" /proc/self/status | tr -d "\t"'
	container_run "$ROOT"
	[ "$output" = "$(printf '%s\n' CapInh:0000000000000000 CapPrm:00000000a80425fb CapEff:00000000a80425fb CapBnd:00000000a80425fb CapAmb:0000000000000000)" ]
	container_run "$ROOT" -u 1000
	[ "${lines[1]}" = CapPrm:0000000000000000 ]
	[ "${lines[3]}" = CapBnd:00000000a80425fb ]
}

@test "-w sets the working directory, created if missing" {
	init_script 'pwd'
	container_run "$ROOT" -w /tmp
	[ "$output" = /tmp ]
	container_run "$ROOT" -w /new/dir
	[ "$output" = /new/dir ]
	container_run "$ROOT"
	[ "$output" = / ]
}

@test "-r makes the root read-only, mounts stay writable" {
	init_script 'touch /x 2>&1; touch /tmp/x 2>&1; touch /run/x && echo run-rw; touch /dev/shm/x && echo shm-rw; grep " / " /proc/mounts | cut -d" " -f4 | cut -d, -f1'
	container_run "$ROOT" -r
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' 'touch: /x: Read-only file system' 'touch: /tmp/x: Read-only file system' run-rw shm-rw ro)" ]
	container_run "$ROOT" -r --tmpfs /tmp
	[ "${lines[1]}" = run-rw ]
	[ ! -e "$ROOT/x" ]
	container_run "$ROOT"
	[ "${lines[2]}" = rw ]
}

@test "PID 1 starts with an empty signal mask and default dispositions, fds 0-2 only" {
	# like a background job of a script: INT and QUIT ignored, plus extra fds
	run bash -c 'trap "" INT QUIT HUP; exec 5>/dev/null 7</dev/null; "$1"/run "$2" --entrypoint /bin/grep -- -E "^Sig(Blk|Ign|Cgt)" /proc/self/status 3>/dev/null' _ "$HARNESS_DIR" "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'SigBlk:\t0000000000000000\nSigIgn:\t0000000000000000\nSigCgt:\t0000000000000000')" ]
	# a foreground run with extra fds open (fd 3 included): look from the host
	bash -c 'exec 5>/dev/null 7</dev/null; exec "$1"/run "$2" -p "$3" --entrypoint /bin/sleep -- 100' _ "$HARNESS_DIR" "$ROOT" "$BATS_TEST_TMPDIR/pid" 3>/dev/null &
	local nspid=$!
	wait_file "$BATS_TEST_TMPDIR/pid"
	local fds
	fds=$(ls "/proc/$(cat "$BATS_TEST_TMPDIR/pid")/fd" | tr '\n' ' ')
	kill -KILL "$nspid"
	wait "$nspid" 2>/dev/null || true
	[ "$fds" = "0 1 2 " ]
}

@test "stdin is /dev/null without -i, nsrun's own with -i" {
	init_script 'cat; readlink /proc/self/fd/0'
	container_run "$ROOT" <<< "data"
	[ "$output" = /dev/null ]
	container_run "$ROOT" -i <<< "data"
	[ "${lines[0]}" = data ]
}

@test "-t gives a controlling tty on 0-2, TERM=xterm, /dev/console" {
	init_script 'tty; [ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo istty; echo "TERM=$TERM"; echo err >&2; [ "$(stat -c %t /dev/console)" = 88 ] && echo console; ps -o pid,tty | sed -n 2p'
	container_run "$ROOT" -t
	[ "$status" -eq 0 ]
	[ "${lines[*]:0:5}" = "$(printf '%s\r ' /dev/pts/0 istty TERM=xterm err console | sed 's/ $//')" ]
	[[ ${lines[5]} =~ ^\ *1\ 136,0$'\r'$ ]]
	[ -z "$stderr" ]
}

@test "-i -t relays stdin through the pty and its line discipline" {
	init_script 'read -r line; echo "got:$line"; exit 3'
	container_run "$ROOT" -i -t <<< "hello"
	[ "$status" -eq 3 ]
	[ "$output" = "$(printf 'hello\r\ngot:hello\r')" ]
}

@test "--fd3 hands a fifo over as fd 3, read side: data, then end-of-file" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	init_script 'read -r line <&3; echo "got:$line"; cat <&3; echo eof'
	# open our end first without blocking (O_RDWR), as the suites do
	exec 5<>"$BATS_TEST_TMPDIR/fifo"
	container_start "$ROOT" --fd3 "$BATS_TEST_TMPDIR/fifo" 5>&-
	[ "$status" -eq 0 ]
	container_wait 0.2
	[ "$status" -eq 124 ]
	[ ! -s "$CONTAINER/stdout" ]
	echo go >&5
	container_wait_output '^got:go$' 5
	container_wait 0.2
	[ "$status" -eq 124 ]
	exec 5>&-
	container_wait 5
	[ "$status" -eq 0 ]
	[ "$(container_stdout)" = "$(printf 'got:go\neof')" ]
}

@test "--fd3-rw hands PATH over read-write" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	init_script 'echo ready >&3; exec 3>&-; exec sleep 100'
	exec 4<>"$BATS_TEST_TMPDIR/fifo"
	container_start "$ROOT" --fd3-rw "$BATS_TEST_TMPDIR/fifo" 4>&-
	[ "$status" -eq 0 ]
	read -r -t 5 line <&4
	exec 4<&-
	[ "$line" = ready ]
	container_stop 0
	[ "$status" -eq 137 ]
}

@test "-p writes the host pid of PID 1 once it runs" {
	init_script 'echo started; exec sleep 100'
	container_start "$ROOT"
	[ "$status" -eq 0 ]
	[ "$CONTAINER_PID" -gt 1 ]
	grep -E "^NSpid:[[:space:]]+$CONTAINER_PID[[:space:]]+1$" /proc/$CONTAINER_PID/status
	[ "$(readlink /proc/$CONTAINER_PID/exe)" = /bin/busybox ] || [[ $(readlink /proc/$CONTAINER_PID/exe) == */bin/busybox ]]
	container_wait_output '^started$' 5
}

@test "stop: TERM reaches PID 1 and its exit status is returned" {
	init_script 'trap "echo got-term; exit 7" TERM; echo up; while :; do sleep 0.05; done'
	container_start "$ROOT"
	container_wait_output '^up$' 5
	container_stop 5
	[ "$status" -eq 7 ]
	[ "$(container_stdout)" = "$(printf 'up\ngot-term')" ]
	[ "$STOP_MS" -lt 2000 ]
	[[ $stderr == "stop: status 7 after "*" ms" ]]
}

@test "stop: a PID 1 that ignores TERM is KILLed after the grace time: 137" {
	init_script 'echo up; exec sleep 100'
	container_start "$ROOT"
	container_wait_output '^up$' 5
	container_stop 1
	[ "$status" -eq 137 ]
	[ "$STOP_MS" -ge 1000 ]
	[ "$STOP_MS" -lt 3000 ]
	[ ! -e "/proc/$CONTAINER_PID" ] || ! grep -q "NSpid:.*1$" "/proc/$CONTAINER_PID/status"
}

@test "kill and wait: 128+signal, 124 on timeout" {
	init_script 'trap "exit 9" USR1; echo up; while :; do sleep 0.05; done'
	container_start "$ROOT"
	container_wait 0.2
	[ "$status" -eq 124 ]
	container_kill USR1
	[ "$status" -eq 0 ]
	container_wait 5
	[ "$status" -eq 9 ]
	container_start "$ROOT"
	container_kill SIGKILL
	container_wait 5
	[ "$status" -eq 137 ]
}

@test "exec runs inside the container's namespaces, root and environment" {
	init_script 'echo up; exec sleep 100'
	container_start "$ROOT" -h ctr -e RUNVAR=1 -u tester -w /tmp
	container_wait_output '^up$' 5
	container_exec -- sh -c 'echo "$$ $(hostname) $(id -u) $(pwd)"; tr "\0" " " < /proc/1/cmdline; echo; ls /init; env | sort'
	[ "$status" -eq 0 ]
	[[ ${lines[0]} =~ ^[0-9]+\ ctr\ 1000\ /tmp$ ]]
	[ "${lines[1]}" = "sleep 100 " ]
	[ "${lines[2]}" = /init ]
	[ "${lines[*]:3}" = "HOME=/home/tester HOSTNAME=ctr OLDPWD=/ PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PWD=/tmp RUNVAR=1 SHLVL=1" ] || [ "${lines[*]:3}" = "HOME=/home/tester HOSTNAME=ctr PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin PWD=/tmp RUNVAR=1 SHLVL=1" ]
	# same namespaces as PID 1 (read as PID 1's user: root without CAP_SYS_PTRACE may not)
	container_exec -- sh -c 'for n in uts ipc mnt pid; do [ "$(readlink /proc/self/ns/$n)" = "$(readlink /proc/1/ns/$n)" ] || echo "$n differs"; done; echo checked'
	[ "$output" = checked ]
	container_exec -u 0 -e X=2 -- sh -c 'id -u; echo $X; exit 4'
	[ "$status" -eq 4 ]
	[ "$output" = "$(printf '0\n2')" ]
	[ "$(readlink /proc/$CONTAINER_PID/ns/pid)" != "$(readlink /proc/self/ns/pid)" ]
}

@test "nsrun forwards INT, TERM, QUIT, HUP to PID 1 and survives them" {
	local sig
	for sig in INT TERM QUIT HUP; do
		init_script "trap 'echo got-$sig; exit 5' $sig; echo up; while :; do sleep 0.05; done"
		rm -f "$BATS_TEST_TMPDIR/out"
		"$HARNESS_DIR/run" "$ROOT" >"$BATS_TEST_TMPDIR/out" 3>&- &
		local nspid=$!
		local i; for ((i = 0; i < 500; i++)); do grep -q up "$BATS_TEST_TMPDIR/out" && break; sleep 0.01; done
		kill -s "$sig" "$nspid"
		local rc=0
		wait "$nspid" || rc=$?
		[ "$rc" -eq 5 ]
		[ "$(cat "$BATS_TEST_TMPDIR/out")" = "$(printf 'up\ngot-%s' "$sig")" ]
	done
}

@test "a harness killed with SIGKILL leaves no container behind" {
	init_script 'echo up; exec sleep 100'
	"$HARNESS_DIR/run" "$ROOT" -p "$BATS_TEST_TMPDIR/pid" >/dev/null 3>&- &
	local nspid=$!
	wait_file "$BATS_TEST_TMPDIR/pid"
	local cpid
	cpid=$(cat "$BATS_TEST_TMPDIR/pid")
	[ -d "/proc/$cpid" ]
	kill -KILL "$nspid"
	wait "$nspid" 2>/dev/null || true
	"$NSRUN" --wait-pid "$cpid" 5
}

@test "a scratch root (no shell, no /etc) boots a static binary" {
	ROOT=$(make_root scratch none)
	[ -z "$(ls -A "$ROOT")" ]
	cp /bin/busybox "$ROOT/busybox"
	container_run "$ROOT" --entrypoint /busybox -- sh -c 'echo pid=$$; ls /; echo $HOME'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' pid=1 busybox dev etc proc run sys /root)" ]
}

@test "mkroot: busybox base, users, modes; tarballs unpacked like a Dockerfile" {
	[ -x "$ROOT/bin/busybox" ] && [ "$(readlink "$ROOT/bin/sh")" = busybox ]
	[ "$(ls "$ROOT/bin" | wc -l)" -eq "$(/bin/busybox --list | wc -l)" ]
	grep -qx 'tester:x:1000:1000:tester:/home/tester:/bin/sh' "$ROOT/etc/passwd"
	grep -qx 'nobody:x:65534:65534:nobody:/nonexistent:/bin/false' "$ROOT/etc/passwd"
	grep -qx 'nogroup:x:65534:' "$ROOT/etc/group"
	[ "$(stat -c %a "$ROOT/tmp")" = 1777 ]
	[ "$(stat -c %u:%g "$ROOT/home/tester")" = 1000:1000 ]
	[ -d "$ROOT/usr/bin" ] && [ -d "$ROOT/usr/sbin" ] && [ -d "$ROOT/sbin" ] && [ -d "$ROOT/var" ]
	[ ! -e "$ROOT/var/run" ]
	# a tarball with modes and owners
	mkdir -p "$BATS_TEST_TMPDIR/t/etc/s6-overlay" "$BATS_TEST_TMPDIR/t/command"
	echo x > "$BATS_TEST_TMPDIR/t/command/tool"
	chown 12:34 "$BATS_TEST_TMPDIR/t/command/tool"
	chmod 4750 "$BATS_TEST_TMPDIR/t/command/tool"
	tar -C "$BATS_TEST_TMPDIR/t" -cJf "$BATS_TEST_TMPDIR/t.tar.xz" .
	local r2
	r2=$(make_root busybox "$BATS_TEST_TMPDIR/t.tar.xz")
	[ "$(stat -c %a:%u:%g "$r2/command/tool")" = 4750:12:34 ]
	[ -x "$r2/bin/busybox" ]
	# default tarballs missing: a clear message
	run env HARNESS_DIST_CHECK=1 "$HARNESS_DIR/mkroot" busybox "$BATS_TEST_TMPDIR/r3"
	if [ ! -f "$HARNESS_DIR/../../dist/bosun-noarch.tar.xz" ]; then
		[ "$status" -ne 0 ]
		[[ $output == *"make dist"* ]]
	fi
}

@test "--die-with: a container started by lib.bash dies with its owner process" {
	sleep 100 &
	local owner=$!
	CONTAINER_DIE_WITH=$owner container_start "$ROOT" --entrypoint /bin/sleep -- 100
	[ "$status" -eq 0 ]
	container_wait 0.2
	[ "$status" -eq 124 ]
	kill "$owner"
	container_wait 5
	[ "$status" -eq 137 ]
}

@test "run -d: a failed start returns the error at once; stop and wait after the end" {
	# container_start returns the failure (so a test stops there) and sets $status
	! container_start "$ROOT" --entrypoint /nonexistent
	[ "$status" -eq 127 ]
	init_script 'exit 3'
	container_start "$ROOT"
	[ "$status" -eq 0 ]
	container_wait 5
	[ "$status" -eq 3 ]
	container_stop
	[ "$status" -eq 3 ]
	container_wait 1
	[ "$status" -eq 3 ]
	run "$HARNESS_DIR/exec" "$CONTAINER" -- true
	[ "$status" -eq 125 ]
	[[ $output == *"already ended with status 3"* ]]
}

@test "/etc/hostname, /etc/hosts, /etc/resolv.conf are bind mounts like Docker's, writable under -r" {
	init_script 'cat /etc/hostname; grep -c localhost /etc/hosts; grep -c " /etc/" /proc/mounts; echo "# x" >> /etc/resolv.conf && echo resolv-rw'
	container_run "$ROOT" -r -h named
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' named 2 3 resolv-rw)" ]
	[ ! -s "$ROOT/etc/hostname" ]
	container_run "$ROOT" --no-etc-files
	[ "${lines[1]}" = 0 ]
}

@test "exec -t and -i -t give the command a pty of the container's devpts" {
	init_script 'echo up; exec sleep 100'
	container_start "$ROOT"
	container_wait_output '^up$' 5
	container_exec -t -- sh -c 'tty; [ -t 0 ] && echo istty; echo "$TERM"'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = $'/dev/pts/0\r' ]
	[ "${lines[1]}" = $'istty\r' ]
	[ "${lines[2]}" = $'xterm\r' ]
	container_exec -i -t -- sh -c 'read -r x; echo "got:$x"' <<< "hi"
	[ "$output" = "$(printf 'hi\r\ngot:hi\r')" ]
	container_exec -- sh -c '[ -t 0 ] || echo no-tty'
	[ "$output" = no-tty ]
}

@test "stop with another STOPSIGNAL" {
	init_script 'trap "echo got-quit; exit 0" QUIT; echo up; while :; do sleep 0.05; done'
	container_start "$ROOT"
	container_wait_output '^up$' 5
	container_stop "$CONTAINER" 5 SIGQUIT
	[ "$status" -eq 0 ]
	[ "$(container_stdout)" = "$(printf 'up\ngot-quit')" ]
}

@test "--network none: a network namespace with lo only, up; exec joins it" {
	init_script 'ls /sys/class/net; ip link show lo | grep -c "UP"; exec sleep 100'
	container_start "$ROOT" --network none
	container_wait_output '^1$' 5
	[ "$(container_stdout)" = "$(printf 'lo\n1')" ]
	container_exec -- sh -c '[ "$(readlink /proc/self/ns/net)" = "$(readlink /proc/1/ns/net)" ] && echo same-net'
	[ "$output" = same-net ]
	[ "$(readlink /proc/$CONTAINER_PID/ns/net)" != "$(readlink /proc/self/ns/net)" ]
	container_run "$ROOT" --entrypoint /bin/sh -- -c '[ "$(readlink /proc/self/ns/net)" = "$(readlink /proc/1/ns/net)" ]; ls /sys/class/net | grep -c .'
	[ "$output" -ge 1 ]
}

@test "mount points and /etc files get Docker's modes whatever the caller's umask" {
	ROOT=$(make_root scratch none)
	cp /bin/busybox "$ROOT/busybox"
	run bash -c 'umask 077; "$1"/run "$2" --entrypoint /busybox -- stat -c "%n %a" /etc /etc/hosts' _ "$HARNESS_DIR" "$ROOT"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '/etc 755\n/etc/hosts 644')" ]
	[ "$(stat -c %a "$ROOT/etc" "$ROOT/etc/hosts" "$ROOT/proc")" = "$(printf '755\n644\n755')" ]
}

@test "make_root follows ARCH: busybox and tarballs of that architecture (aarch64, armhf: under qemu)" {
	local want=${ARCH:-x86_64} machine uname
	# e_machine of the ELF headers (the same offset in ELF32 and ELF64) and
	# what uname -m says in the root: qemu-arm reports armv7l; i686 programs
	# run natively, and the kernel's machine is x86_64
	case $want in
		x86_64) machine=62 uname=x86_64 ;;
		aarch64) machine=183 uname=aarch64 ;;
		armhf) machine=40 uname=armv7l ;;
		i686) machine=3 uname=x86_64 ;;
		*) false ;;
	esac
	ROOT=$(make_root busybox)
	[ "$(od -An -tu2 -j18 -N2 "$ROOT/bin/busybox" | tr -d ' ')" = "$machine" ]
	[ "$(od -An -tu2 -j18 -N2 "$ROOT/command/bosun" | tr -d ' ')" = "$machine" ]
	container_run "$ROOT" -- sh -c 'uname -m; exit 5'
	[ "$status" -eq 5 ]
	[ "$output" = "$uname" ]
}
