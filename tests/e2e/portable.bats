#!/usr/bin/env bats
# The s6-portable-utils commands images call [V4]: s6-echo, s6-sleep,
# s6-mkdir, s6-chmod, s6-chown, s6-rmrf.

load common

setup() { busybox_root; }

# container_run in a || list: bats' errexit must not stop the test on a CMD
# that exits non-zero on purpose (older harness versions let it)
crun() { container_run "$@" || true; }

@test "[V4] s6-echo prints its arguments; -n drops the newline; -s sets the separator" {
	crun "$ROOT" -- sh -c 's6-echo a "b c" "-e"; s6-echo -n x y; s6-echo -s : p q r'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "a b c -e" ]
	[ "${lines[1]}" = "x yp:q:r" ]
}

@test "[V4] s6-sleep sleeps seconds, or milliseconds with -m; usage 100" {
	crun "$ROOT" -- sh -c 'a=$(date +%s); s6-sleep 1; s6-sleep -m 300; echo $(( $(date +%s) - a ))'
	[ "$status" -eq 0 ]
	[ "$output" -ge 1 ] && [ "$output" -le 3 ]
	crun "$ROOT" -- s6-sleep abc
	[ "$status" -eq 100 ]
}

@test "[V4] s6-mkdir -p -m, s6-chmod, s6-chown, s6-rmrf" {
	crun "$ROOT" -- sh -c 'umask 077; s6-mkdir -p -m 0750 /srv/a/b/c && stat -c "%a" /srv/a/b/c /srv/a
		s6-mkdir /srv/d && s6-chmod 2711 /srv/d && stat -c "%a" /srv/d
		s6-chown -u 1000 -g 65534 /srv/d && stat -c "%u:%g" /srv/d
		s6-chown -g 1000 /srv/d && stat -c "%u:%g" /srv/d
		s6-envuidgid nobody s6-chown -U /srv/a && stat -c "%u:%g" /srv/a
		touch /srv/a/b/f; s6-rmrf /srv/a /srv/none && [ ! -e /srv/a ] && echo removed
		s6-mkdir /srv/d; echo "again $?"'
	[ "${lines[0]}" = 750 ]
	[ "${lines[1]}" = 700 ]   # parents get 0777 less the umask
	[ "${lines[2]}" = 2711 ]
	[ "${lines[3]}" = 1000:65534 ]
	[ "${lines[4]}" = 1000:1000 ]
	[ "${lines[5]}" = 65534:65534 ]
	[ "${lines[6]}" = removed ]
	[ "${lines[7]}" = "again 111" ]
	[[ "$stderr" == *"s6-mkdir: fatal: unable to mkdir /srv/d"* ]]
}

@test "[V4] s6-chmod and s6-chown take numbers only: usage 100" {
	crun "$ROOT" -- s6-chmod u+x /tmp
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-chown -u tester /tmp
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-chown -U /tmp
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"UID not set"* ]]
}

# s6-setlock [N2]: the lock is held as long as PROG runs; -n fails at
# once with 1, -t waits for the holder to let go (the holder is released
# through a fifo, an event), shared locks coexist, -d shows the fd.
@test "[N2] s6-setlock: -n gives 1 while held, -t waits until released, -r locks share, -d names the fd, 111 when the file cannot be opened" {
	crun "$ROOT" -- sh -c '
		mkfifo /tmp/go
		s6-setlock /tmp/l sh -c ": > /tmp/held; read x < /tmp/go" &
		until [ -e /tmp/held ]; do :; done
		s6-setlock -n /tmp/l true; echo "nb=$?"
		s6-setlock -t 100 /tmp/l true; echo "short=$?"
		s6-setlock -t 60000 /tmp/l echo got-it & w=$!
		echo release > /tmp/go
		wait $w; echo "long=$?"
		s6-setlock -r /tmp/l s6-setlock -r -n /tmp/l echo shared
		s6-setlock -d 7 /tmp/l sh -c "readlink /proc/self/fd/7"
		s6-setlock /no/such/dir/l true; echo "open=$?"' 
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "nb=1" ]
	[ "${lines[1]}" = "short=1" ]
	[ "${lines[2]}" = "got-it" ]
	[ "${lines[3]}" = "long=0" ]
	[ "${lines[4]}" = "shared" ]
	[ "${lines[5]}" = "/tmp/l" ]
	[ "${lines[6]}" = "open=111" ]
	[[ "$stderr" == *"s6-setlock: fatal: unable to acquire lock on /tmp/l: it is held by another process"* ]]
	[[ "$stderr" == *"s6-setlock: fatal: unable to acquire lock on /tmp/l: timed out"* ]]
}

@test "[N2] s6-softlimit sets soft limits up to the hard one (= is the hard one); -m is data, stack and address space; a bad value is 100" {
	crun "$ROOT" -- sh -c '
		s6-softlimit -o 64 sh -c "ulimit -Sn"
		s6-softlimit -o 1 s6-softlimit -o = sh -c "[ \$(ulimit -Sn) = \$(ulimit -Hn) ] && echo hard"
		s6-softlimit -o 999999999 sh -c "[ \$(ulimit -Sn) = \$(ulimit -Hn) ] && echo capped"
		s6-softlimit -m 102400000 sh -c "ulimit -Sd; ulimit -Ss; ulimit -Sv"
		s6-softlimit -p 7 -c 0 sh -c "ulimit -Su; ulimit -Sc"
		s6-softlimit -o abc true; echo "bad=$?"
		s6-softlimit -o 10 /no/such/prog; echo "missing=$?"'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 64 ]
	[ "${lines[1]}" = hard ]
	[ "${lines[2]}" = capped ]
	[ "${lines[3]}" = 100000 ]
	[ "${lines[4]}" = 100000 ]
	[ "${lines[5]}" = 100000 ]
	[ "${lines[6]}" = 7 ]
	[ "${lines[7]}" = 0 ]
	[ "${lines[8]}" = "bad=100" ]
	[ "${lines[9]}" = "missing=127" ]
}

@test "[N2] s6-maximumtime: 99 and the signal when PROG runs too long (none with -0), PROG's own code otherwise, 128+N when it is killed" {
	crun "$ROOT" -- sh -c '
		s6-maximumtime 300 sh -c "trap \"echo got-term > /tmp/t.tmp; mv /tmp/t.tmp /tmp/t; exit 3\" TERM; : > /tmp/r; while :; do sleep 0.05; done"; echo "timeout=$?"
		until [ -e /tmp/t ]; do :; done; cat /tmp/t
		s6-maximumtime 60000 sh -c "exit 7"; echo "own=$?"
		s6-maximumtime 0 true; echo "nolimit=$?"
		s6-maximumtime -0 100 sh -c "trap \"echo wrong > /tmp/u\" TERM; read x < /tmp/f" & m=$!
		mkfifo /tmp/f; wait $m; echo "quiet=$?"; echo bye > /tmp/f; [ -e /tmp/u ] || echo no-signal
		s6-maximumtime 60000 sh -c "kill -9 \$\$"; echo "killed=$?"'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "timeout=99" ]
	[ "${lines[1]}" = "got-term" ]
	[ "${lines[2]}" = "own=7" ]
	[ "${lines[3]}" = "nolimit=0" ]
	[ "${lines[4]}" = "quiet=99" ]
	[ "${lines[5]}" = "no-signal" ]
	[ "${lines[6]}" = "killed=137" ]
	[[ "$stderr" == *"s6-maximumtime: fatal: sh ran longer than 300 ms, sent it a signal and exiting"* ]]
}

@test "[N2] s6-pause blocks until a signal kills it; -t and -p ignore the ones named; 9 cannot be ignored (100)" {
	crun "$ROOT" -- sh -c '
		s6-pause -t -p 1,10 & p=$!
		# a background job of sh starts with INT and QUIT ignored too: test our bits only
		until m=$(sed -n "s/^SigIgn:\t//p" /proc/$p/status 2>/dev/null) && [ $(( 0x$m & 0x4201 )) -eq $(( 0x4201 )) ]; do :; done
		kill -TERM $p; kill -HUP $p; kill -USR1 $p
		kill -0 $p && echo alive
		kill -USR2 $p; wait $p; echo "usr2=$?"
		s6-pause -p 9; echo "kill=$?"'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = alive ]
	[ "${lines[1]}" = "usr2=140" ]
	[ "${lines[2]}" = "kill=100" ]
}

# A t-stamped log read back [N2]: s6-tai64n stamps each line as s6-log's t
# does, s6-tai64nlocal turns the stamps into dates exactly as Debian's
# s6-tai64nlocal does (run on the host on the same bytes, TZ=UTC).
@test "[N2] s6-tai64n stamps every line, a last one without newline too; s6-tai64nlocal reads them as Debian's s6-tai64nlocal does" {
	crun "$ROOT" -- sh -c 'printf "abc\n\nno-newline" | s6-tai64n > /tmp/stamped; cat /tmp/stamped | TZ=UTC s6-tai64nlocal'
	[ "$status" -eq 0 ]
	run grep -cE '^@4000[0-9a-f]{20} ' "$ROOT/tmp/stamped"
	[ "$output" = 3 ]
	printf '\n@400000006756a5c512345678 hello\nplain\n@zz short\n' >> "$ROOT/tmp/stamped"
	crun "$ROOT" -- sh -c 'TZ=UTC s6-tai64nlocal < /tmp/stamped'
	[ "$output" = "$(TZ=UTC /usr/bin/s6-tai64nlocal < "$ROOT/tmp/stamped")" ]
	[[ "$output" == *"2024-12-09 08:09:04.305419896 hello"* ]]
	[[ "$output" == *"plain"* ]]
}
