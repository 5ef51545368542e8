#!/usr/bin/env bats
# The logger, s6-log [contract 11, issue 6]: rotation, caps, stamps,
# selection, processors, the two scripts seen in images, crash safety,
# the lock, readiness; and a few outputs compared with Debian's s6-log.

load common

setup() { busybox_root; }

ISO_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9}  '
TAI_RE='^@4000[0-9a-f]{20} '

# archives of a log directory of the root, oldest first
archives() { ls "$ROOT$1" | grep -E '^@4000[0-9a-f]{20}\.[su]$' | sort; }

@test "[11] rotation by size keeps n archives, none over s, no line lost in what is kept" {
	container_run "$ROOT" -- sh -c 'seq 1 5000 | s6-log n3 s4096 /tmp/logs'
	[ "$status" -eq 0 ]
	run archives /tmp/logs
	[ "${#lines[@]}" -eq 3 ]
	for a in "${lines[@]}"; do
		size=$(stat -c %s "$ROOT/tmp/logs/$a")
		# s4096 with the default tolerance l2000: rotated once over 2096,
		# lines being at most 5 bytes
		[ "$size" -le 2101 ] && [ "$size" -gt 2096 ]
		[ "$(stat -c %a "$ROOT/tmp/logs/$a")" = 744 ]
	done
	# archives then current: consecutive numbers ending at 5000
	(cd "$ROOT/tmp/logs" && cat "${lines[@]}" current) > "$BATS_TEST_TMPDIR/all"
	first=$(head -n1 "$BATS_TEST_TMPDIR/all")
	seq "$first" 5000 | cmp - "$BATS_TEST_TMPDIR/all"
	[ "$(stat -c %a "$ROOT/tmp/logs/current")" = 744 ]
	[ -f "$ROOT/tmp/logs/lock" ] && [ -f "$ROOT/tmp/logs/state" ]
}

# every archive's size is in (LOW, HIGH]: sizes_within DIR LOW HIGH
sizes_within() {
	local a size n=0
	for a in $(archives "$1"); do
		size=$(stat -c %s "$ROOT$1/$a")
		[ "$size" -gt "$2" ] && [ "$size" -le "$3" ] || { echo "$1/$a: $size not in ($2, $3]"; return 1; }
		n=$((n + 1))
	done
	[ "$n" -ge 2 ]
}

@test "[11] l: rotation once current is over size minus tolerance; more than half the size is refused" {
	container_run "$ROOT" -- sh -c 'seq 1 9000 > /tmp/in; s6-log n100 s4096 l0 /tmp/l0 < /tmp/in && s6-log n100 s10000 l3000 /tmp/l3 < /tmp/in && s6-log n100 l3000 s4096 /tmp/late < /tmp/in'
	[ "$status" -eq 0 ]
	# lines are at most 5 bytes: each archive ends with the line that went over
	sizes_within /tmp/l0 4091 4096
	sizes_within /tmp/l3 7000 7005
	# l read before s: checked against the size then in force, then capped at half
	sizes_within /tmp/late 2048 2053
	for d in l0 l3 late; do (cd "$ROOT/tmp/$d" && cat $(archives /tmp/$d) current) | cmp - <(seq 1 9000); done
	container_run "$ROOT" -- s6-log s4096 l3000 /tmp/x
	[ "$status" -eq 100 ]
	[[ $stderr == *l3000* ]]
}

@test "[11] a log directory is created 02700, current is 0744 once complete" {
	container_run "$ROOT" -- sh -c 'echo hi | s6-log /tmp/new/dir'
	[ "$status" -eq 111 ]     # parents are not created, as s6-log
	container_run "$ROOT" -- sh -c 'echo hi | s6-log /tmp/new'
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$ROOT/tmp/new")" = 700 ] || [ "$(stat -c %a "$ROOT/tmp/new")" = 2700 ]
	[ "$(cat "$ROOT/tmp/new/current")" = hi ]
}

@test "[11] S caps the archives' total size" {
	container_run "$ROOT" -- sh -c 'seq 1 20000 | s6-log n100 s4096 S10000 /tmp/s'
	[ "$status" -eq 0 ]
	total=0
	for a in $(archives /tmp/s); do total=$((total + $(stat -c %s "$ROOT/tmp/s/$a"))); done
	[ "$total" -le 10000 ] && [ "$total" -gt 4000 ]
}

@test "[11] T: ISO 8601 stamp and two spaces; t: TAI64N; both, in that order" {
	container_run "$ROOT" -- sh -c 'seq 1 3 | s6-log T /tmp/T; seq 1 3 | s6-log t /tmp/t; echo x | s6-log t T 1'
	[ "$status" -eq 0 ]
	while IFS= read -r l; do [[ $l =~ ${ISO_RE}[123]$ ]]; done < "$ROOT/tmp/T/current"
	while IFS= read -r l; do [[ $l =~ ${TAI_RE}[123]$ ]]; done < "$ROOT/tmp/t/current"
	[ "$(wc -l < "$ROOT/tmp/T/current")" -eq 3 ]
	[[ $output =~ ^@4000[0-9a-f]{20}\ [0-9]{4}-[0-9]{2}-[0-9]{2}\ [0-9:.]{18}\ \ x$ ]]
}

@test "[11] + and - select lines into two directories, f takes the rest" {
	container_run "$ROOT" -- sh -c 'printf "error: a\ninfo: b\nerror: c\ndebug: d\n" | s6-log -- "-.*" "+^error" /tmp/err f /tmp/rest'
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/err/current")" = "$(printf 'error: a\nerror: c')" ]
	[ "$(cat "$ROOT/tmp/rest/current")" = "$(printf 'info: b\ndebug: d')" ]
}

@test "[11] 1 copies to stdout, 2 alerts on stderr, =FILE keeps the last line" {
	container_run "$ROOT" -- sh -c 'printf "one\ntwo\n" | s6-log 1 2 =/tmp/status; cat /tmp/status | head -c 4'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = one ] && [ "${lines[1]}" = two ] && [ "${lines[2]}" = two ]
	[[ $stderr == *"s6-log: alert: one"*"s6-log: alert: two"* ]]
	[ "$(stat -c %s "$ROOT/tmp/status")" -eq 1001 ]
}

@test "[11] a malformed script is refused, naming the directive" {
	container_run "$ROOT" -- s6-log n3 zz /tmp/x
	[ "$status" -eq 100 ]
	[[ $stderr == *"unrecognized directive: zz"* ]]
	container_run "$ROOT" -- s6-log n3
	[ "$status" -eq 100 ]
	[[ $stderr == *"no action directive"* ]]
}

@test "[11] !processor (execline) runs at rotation: gzip archives, state kept" {
	container_run "$ROOT" -- sh -c 'seq 1 3000 | s6-log s4096 "!gzip -nq9" /tmp/p'
	[ "$status" -eq 0 ]
	run archives /tmp/p
	[ "${#lines[@]}" -ge 3 ]
	(cd "$ROOT/tmp/p" && for a in "${lines[@]}"; do gzip -dc < "$a"; done; cat current) | cmp - <(seq 1 3000)
	[ ! -e "$ROOT/tmp/p/previous" ] && [ ! -e "$ROOT/tmp/p/processed" ]
}

@test "[11] ?processor (sh) gets the state on fd 4 and writes the new one on fd 5" {
	container_run "$ROOT" -- sh -c 'seq 1 3000 | s6-log s4096 "?cat; n=\$(cat <&4); echo \$((\${n:-0} + 1)) >&5" /tmp/q'
	[ "$status" -eq 0 ]
	n=$(archives /tmp/q | wc -l)
	[ "$(cat "$ROOT/tmp/q/state")" = "$n" ]
}

@test "[11] the scripts seen in images work" {
	container_run "$ROOT" -- sh -c 'seq 1 3 | s6-log T 1 n0 s10000000 T /tmp/d1'
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ] && [[ ${lines[2]} =~ ${ISO_RE}3$ ]]
	[[ $(tail -n1 "$ROOT/tmp/d1/current") =~ ${ISO_RE}3$ ]]
	# SIGALRM rotates: the gzip processor runs on what was logged so far
	container_run "$ROOT" -- sh -c '(seq 1 50; sleep 1; seq 51 60) | s6-log n30 s10000000 S30000000 T "!gzip -nq9" /tmp/d2 & sleep 0.5; kill -ALRM $!; wait'
	[ "$status" -eq 0 ]
	run archives /tmp/d2
	[ "${#lines[@]}" -eq 1 ]
	gzip -dc < "$ROOT/tmp/d2/${lines[0]}" | sed -E 's/^[^ ]+ [^ ]+  //' | cmp - <(seq 1 50)
	sed -E 's/^[^ ]+ [^ ]+  //' "$ROOT/tmp/d2/current" | cmp - <(seq 51 60)
}

# all the lines a log directory holds, archives then previous then
# current, as the processor "cat" leaves them
logged() { (cd "$ROOT$1" && cat $(ls | grep -E '^@4000[0-9a-f]{20}\.[su]$' | sort) $( [ -e previous ] && echo previous) current); }

@test "[11] a slow processor: lines go on into a new current meanwhile, the writer never waits for it, no line lost" {
	# the processor waits on a fifo that is opened only once the writer has
	# written everything: the first MB is rotated, the next 290 KB (four
	# times the pipe) come while the processor is held; a logger that
	# waited for its processor would block the writer for ever
	container_run "$ROOT" -- sh -c 'mkfifo /tmp/go /tmp/in
		s6-log s1000000 "?read x < /tmp/go; cat" /tmp/p < /tmp/in & logger=$!
		seq 1 200000 > /tmp/in
		echo writer-done
		ls /tmp/p
		echo go > /tmp/go
		wait $logger; echo "logger=$?"'
	[ "$status" -eq 0 ]
	[[ $output == *writer-done*previous*logger=0* ]]
	seq 1 200000 | cmp - <(logged /tmp/p)
	[ ! -e "$ROOT/tmp/p/previous" ]
}

@test "[11] a processor that keeps failing: bounded retries, a warning naming the directory, every line kept in order" {
	container_run "$ROOT" -- sh -c 'seq 1 3000 | s6-log r20 s4096 "?cat >/dev/null; exit 3" /tmp/f; echo "logger=$?"'
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = logger=0 ]
	[[ $stderr == *"processor failed"*"/tmp/f"* ]]
	grep -q 'processor failed .* times in a row in /tmp/f, archiving previous unprocessed' <<< "$stderr"
	seq 1 3000 | cmp - <(logged /tmp/f)
	[ ! -e "$ROOT/tmp/f/previous" ]
}

@test "[11] SIGTERM while a failed processor waits for its retry: the logger ends at once, every line written, current complete" {
	# r100000: the retry is 100 s away; TERM must not wait for it
	container_run "$ROOT" -- sh -c 'mkfifo /tmp/in
		(seq 1 3000; exec sleep 1000) > /tmp/in &
		s6-log r100000 s4096 "?cat >/dev/null; exit 3" /tmp/t < /tmp/in 2>/tmp/err & logger=$!
		n=0; until grep -q "processor failed" /tmp/err; do n=$((n+1)); [ $n -lt 1000 ] || exit 1; sleep 0.01; done
		kill -TERM $logger; wait $logger; echo "logger=$?"'
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = logger=0 ]
	seq 1 3000 | cmp - <(logged /tmp/t)
	[ "$(stat -c %a "$ROOT/tmp/t/current")" = 744 ]
}

@test "[11] a logger killed with SIGKILL during a burst, restarted: nothing lost twice, nothing corrupted" {
	# killed while its input is still open, once it has written every line
	# it was given into current (so current is certainly unfinished); fed
	# through a fifo so that `wait` waits for the logger alone, not a pipeline
	# whose writer sleeps on
	container_run "$ROOT" -- sh -c 'mkfifo /tmp/f; (seq 1 5000; sleep 100) > /tmp/f & s6-log n1000 s100000 /tmp/k < /tmp/f & pid=$!; n=0; until [ "$(tail -n 1 /tmp/k/current 2>/dev/null)" = 5000 ]; do n=$((n+1)); [ $n -lt 1000 ] || exit 1; sleep 0.01; done; kill -9 $pid; wait $pid; seq 5001 5100 | s6-log n1000 s100000 /tmp/k'
	[ "$status" -eq 0 ]
	run archives /tmp/k
	[[ "${lines[*]}" == *.u* ]]   # the unfinished current was set aside
	(cd "$ROOT/tmp/k" && cat "${lines[@]}" current) > "$BATS_TEST_TMPDIR/all"
	# every line whole, once, in order
	seq 1 5100 | cmp - "$BATS_TEST_TMPDIR/all"
	seq 5001 5100 | cmp - "$ROOT/tmp/k/current"
}

@test "[11] a full disk: the logger says so once per episode, waits, and loses no line" {
	script /bin/fill <<-'EOF'
	#!/bin/sh
	# 170 KB of lines into a 64 KB tmpfs; old archives are removed each
	# time the logger reports the disk full, as an operator would
	seq 1 30000 | s6-log r50 n1000 s4096 /full/log 2>/tmp/err & pid=$!
	while kill -0 $pid 2>/dev/null; do
		sleep 0.2
		if [ "$(grep -c retrying /tmp/err)" -gt "$(grep -c again /tmp/err)" ]; then
			rm -f /full/log/@*
		fi
	done
	wait $pid || exit
	cd /full/log && cat $(ls | grep '^@' | sort) current > /tmp/all
	EOF
	container_run "$ROOT" --tmpfs /full:size=64k -- /bin/fill
	[ "$status" -eq 0 ]
	warned=$(grep -c 'No space left on device' "$ROOT/tmp/err")
	[ "$warned" -ge 1 ]
	[ "$warned" -eq "$(grep -c 'retrying' "$ROOT/tmp/err")" ]
	[ "$warned" -eq "$(grep -c 'again' "$ROOT/tmp/err")" ]
	[ "$(grep -c . "$ROOT/tmp/err")" -eq $((2 * warned)) ]
	# what is left is whole: consecutive lines up to the last one
	first=$(head -n1 "$ROOT/tmp/all")
	seq "$first" 30000 | cmp - "$ROOT/tmp/all"
}

@test "[11] a second logger on the same directory refuses, naming it" {
	container_run "$ROOT" -- sh -c 'sleep 2 | s6-log /tmp/l & sleep 0.3; echo x | s6-log /tmp/l; echo "rc=$?"; wait'
	[[ $output == *rc=111* ]]
	[[ $stderr == *"another logger"*"/tmp/l"* ]]
}

@test "[11] -d: a newline on the notification fd once the directories are ready" {
	container_run "$ROOT" -- sh -c 'echo x | s6-log -d 3 /tmp/r 3>/tmp/ready; od -An -c /tmp/ready'
	[ "$status" -eq 0 ]
	[[ $output == *'\n'* ]]
	[ -f "$ROOT/tmp/r/current" ]
}

@test "[11] a last line without newline is logged at end of file" {
	container_run "$ROOT" -- sh -c 'printf "a\nlast" | s6-log 1'
	[ "$output" = "$(printf 'a\nlast')" ]
}

@test "[11] SIGTERM: the lines read are logged, current is marked complete; -p ignores it" {
	container_run "$ROOT" -- sh -c '(echo a; sleep 5) | s6-log /tmp/term & sleep 0.3; kill -TERM $!; wait $!; echo "rc=$?"'
	[[ $output == *rc=0* ]]
	[ "$(cat "$ROOT/tmp/term/current")" = a ]
	[ "$(stat -c %a "$ROOT/tmp/term/current")" = 744 ]
	container_run "$ROOT" -- sh -c '(echo a; sleep 1; echo b) | s6-log -p /tmp/prot & sleep 0.3; kill -TERM $!; wait $!'
	[ "$(cat "$ROOT/tmp/prot/current")" = "$(printf 'a\nb')" ]
}

# The oracle: Debian's s6-log, on the host, against bosun's on the same input.
# One difference on purpose: s6-log 2.11 drops a last line without newline
# at end of file; bosun logs it (no line is ever dropped), so the input
# here ends with a newline.
@test "[11] same output as Debian's s6-log for stamps, selection, alerts, status files" {
	[ -x /usr/bin/s6-log ] || skip "Debian's s6 is not installed"
	bosun=$REPO/build/x86_64/bosun
	norm() { sed -E 's/@4000[0-9a-f]{20}/@TAI/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{18}/ISO/g'; }
	for script in "T 1" "t 2" "t T pA 1" "-x 1 2" "-x 1 f 2" "-x 1 +x 2" "E3 2" "n3 1 n4" "zz 1" "n3" "pp 1 T 1"; do
		ours=$(printf 'x\ny\nabcdefghij\nlast\n' | "$bosun" s6-log -- $script 2>&1 | norm; echo "rc=${PIPESTATUS[1]}")
		theirs=$(printf 'x\ny\nabcdefghij\nlast\n' | /usr/bin/s6-log -- $script 2>&1 | norm; echo "rc=${PIPESTATUS[1]}")
		[ "$(sort <<< "$ours")" = "$(sort <<< "$theirs")" ] || { echo "script: $script"; echo "ours: $ours"; echo "theirs: $theirs"; false; }
	done
	d=$BATS_TEST_TMPDIR
	for who in ours theirs; do
		exe=/usr/bin/s6-log; [ $who = ours ] && exe="$bosun s6-log"
		printf 'abcdefghij\n' | $exe ^4 "=$d/$who.st4" "^0" "=$d/$who.st0" "=$d/$who.big"
	done
	cmp "$d/ours.st4" "$d/theirs.st4" && cmp "$d/ours.st0" "$d/theirs.st0"
	[ "$(stat -c %s "$d/ours.big")" = "$(stat -c %s "$d/theirs.big")" ]
}
