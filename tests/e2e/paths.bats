#!/usr/bin/env bats
# Paths that users control: links in a definition are copied as what they
# point to [R8]; the /run that /init prepares and writes into is never
# reached through a link that another process plants there [B3] (issue 13:
# every such operation on directory fds, never following a link).

load common

setup() { busybox_root; }

# the longrun web, whose files are links into the image: run (relative),
# finish (absolute), data (a link to a directory); web's run appends the
# greeting its data holds to /tmp/out
linked_web() {
	svc web longrun
	script /scripts/web <<-'EOF'
	#!/bin/sh
	echo "web $(cat ./data/greeting)" >> /tmp/out
	exec sleep 1000
	EOF
	script /scripts/web-finish <<-'EOF'
	#!/bin/sh
	echo finished >> /tmp/out
	EOF
	mkdir -p "$ROOT/shared/webdata"
	echo hello > "$ROOT/shared/webdata/greeting"
	ln -s ../../../../scripts/web "$ROOT$RCD/web/run"
	ln -s /scripts/web-finish "$ROOT$RCD/web/finish"
	ln -s ../../../../shared/webdata "$ROOT$RCD/web/data"
}

# the CMD: wait (bounded) until web has written its line, then describe the copy
WAIT_WEB='n=0; until grep -q "^web" /tmp/out 2>/dev/null; do n=$((n+1)); [ $n -lt 500 ] || exit 7; sleep 0.02; done'

@test "[R8] a longrun whose run, finish and data are links into the image gets what they point to" {
	linked_web
	container_run "$ROOT" -- sh -c "$WAIT_WEB"'
		d=/run/s6-rc/servicedirs/web
		cat /tmp/out
		for f in run finish data data/greeting; do [ -L $d/$f ] && echo "$f is a link"; done
		cat $d/data/greeting'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'web hello\nhello')" ]
}

@test "[R8] a services.d run that is a relative link into the image runs" {
	script /scripts/old <<-'EOF'
	#!/bin/sh
	echo "web old" >> /tmp/out
	exec sleep 1000
	EOF
	mkdir -p "$ROOT/etc/services.d/old"
	ln -s ../../../scripts/old "$ROOT/etc/services.d/old/run"
	container_run "$ROOT" -- sh -c "$WAIT_WEB"'; cat /tmp/out; [ -L /run/s6/legacy-services/old/run ] && echo linked; true'
	[ "$status" -eq 0 ]
	[ "$output" = "web old" ]
	[[ "$stderr" != *"missing"* ]]
}

@test "[R8][B7] a link in a definition that points nowhere names the definition and the target; the rest of top comes up" {
	svc broken longrun
	printf '#!/bin/sh\necho broken ran >> /tmp/out\nexec sleep 1000\n' > "$ROOT$RCD/broken/run"
	chmod 0755 "$ROOT$RCD/broken/run"
	mkdir "$ROOT$RCD/broken/data"
	ln -s ../../../../../nowhere/conf "$ROOT$RCD/broken/data/conf"
	svc fine oneshot
	script /srv/fine-up <<-'EOF'
	#!/bin/sh
	echo fine >> /tmp/out
	EOF
	echo /srv/fine-up > "$ROOT$RCD/fine/up"
	# the live database stays whole: s6-rc works on it later, and says why
	# broken cannot start; stage 3 reads it
	container_run "$ROOT" -- sh -c 'cat /tmp/out; s6-rc -u change broken && echo started; true'
	[ "$status" -eq 0 ]
	[ "$output" = fine ]
	[[ "$stderr" == *"definition /etc/s6-overlay/s6-rc.d/broken: data/conf is a link to ../../../../../nowhere/conf, which points nowhere"* ]]
	[[ "$stderr" == *"unable to start service broken: its definition could not be copied"* ]]
	[[ "$stderr" != *"run is missing"* ]]
	[[ "$stderr" != *"unreadable"* ]]
	# [B7]: a stage 2 failure, fatal at 2
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$output" != *cmd-ran* ]]
}

@test "[R8][B11] a services.d service with a link that points nowhere is named and not started" {
	mkdir -p "$ROOT/etc/services.d/ghost"
	ln -s /nowhere/ghost "$ROOT/etc/services.d/ghost/run"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$output" != *cmd-ran* ]]
	[[ "$stderr" == *"ghost"*"/nowhere/ghost"* ]]
}

@test "[R8][P2] on a noexec /run, a linked program is linked again by the absolute path of its target" {
	linked_web
	container_run "$ROOT" --no-run-tmpfs --tmpfs /run -- sh -c \
		'grep -q " /run .*noexec" /proc/mounts || exit 3
		'"$WAIT_WEB"'
		d=/run/s6-rc/servicedirs/web
		cat /tmp/out; readlink $d/run; readlink $d/finish; [ -L $d/data ] && echo data is a link; cat $d/data/greeting'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'web hello\n/scripts/web\n/scripts/web-finish\nhello')" ]
}

@test "[R8] a definition that links to one of its own ancestors is refused, not copied forever" {
	svc loop longrun
	printf '#!/bin/sh\nexec sleep 1000\n' > "$ROOT$RCD/loop/run"
	chmod 0755 "$ROOT$RCD/loop/run"
	mkdir -p "$ROOT$RCD/loop/data"
	ln -s .. "$ROOT$RCD/loop/data/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"loop"*"nested too deep"* ]]
}

# plant_loop DIR NAME... &: as another process writing a shared /run,
# keeps (re)creating each DIR/NAME as a link to /victim, as fast as it can
plant_loop() {
	local dir=$1
	shift
	exec perl -e '
		my ($dir, @names) = @ARGV;
		while (1) { symlink("/victim", "$dir/$_") for @names; }' "$dir" "$@"
}

# the victim: a directory of the root that nothing may touch; its state
# as "uid:gid mode entries"
victim_state() {
	echo "$(stat -c '%u:%g %a' "$ROOT/victim") $(ls -A "$ROOT/victim" | tr '\n' ' ')"
}

@test "[B3][P1] links planted in a world-writable /run while /init prepares it are neither followed nor written through (looped)" {
	mkdir -p "$ROOT/victim" "$ROOT/run"
	chown 1000:1000 "$ROOT/victim"
	chmod 0700 "$ROOT/victim"
	chmod 1777 "$ROOT/run"
	before=$(victim_state)
	for i in $(seq 20); do
		plant_loop "$ROOT/run" s6 service s6-rc s6-linux-init-container-results uncaught-logs &
		planter=$!
		container_run "$ROOT" --no-run-tmpfs -e S6_LOGGING=1 -e S6_CATCHALL_USER=nobody -- true
		kill "$planter"; wait "$planter" || true
		after=$(victim_state)
		[ "$after" = "$before" ] || { echo "round $i: /victim went from '$before' to '$after'"; echo "$stderr"; false; }
		# either /init refused the /run (and said which link), or it won the race
		[ "$status" -eq 0 ] || [[ "$stderr" == *"/run/"*"link"* ]] || { echo "round $i: status $status"; echo "$stderr"; false; }
		rm -rf "${ROOT:?}/run/"* "${ROOT:?}/run/".[!.]* 2>/dev/null || true
	done
}

@test "[B3] stale links left in /run by a previous run are removed, not followed" {
	mkdir -p "$ROOT/victim/keep" "$ROOT/run/s6-rc:old"
	chmod 0700 "$ROOT/victim"
	ln -s /victim "$ROOT/run/s6"
	ln -s /victim "$ROOT/run/service"
	ln -s /victim "$ROOT/run/s6-rc"
	ln -s /victim "$ROOT/run/s6-rc:old/inner"
	before=$(victim_state)
	container_run "$ROOT" --no-run-tmpfs -- sh -c '[ -L /run/s6 ] || [ -L /run/service ] || [ -L /run/s6-rc ] || echo replaced'
	[ "$status" -eq 0 ]
	[ "$output" = replaced ]
	[ "$(victim_state)" = "$before" ]
	[ -d "$ROOT/victim/keep" ]
}

@test "[B3] links planted in a log directory (current, lock, state) are replaced by the logger's own files, never written through" {
	mkdir -p "$ROOT/logs"
	echo safe > "$ROOT/victim-file"
	# 0744: a complete current, which the logger does not archive but appends to
	chmod 0744 "$ROOT/victim-file"
	for f in current lock state; do ln -s /victim-file "$ROOT/logs/$f"; done
	container_run "$ROOT" -- sh -c 'echo secret | s6-log /logs && cat /logs/current'
	[ "$status" -eq 0 ]
	[ "$output" = secret ]
	[ "$(cat "$ROOT/victim-file")" = safe ]
	for f in current lock state; do [ -f "$ROOT/logs/$f" ] && [ ! -L "$ROOT/logs/$f" ]; done
	[[ "$stderr" == *"replacing the symbolic link /logs/current"* ]]
}

@test "[R8][B7] a oneshot with a link that points nowhere is not run, and what needs it fails with it" {
	svc half oneshot
	script /srv/half-up <<-'EOF2'
	#!/bin/sh
	echo half >> /tmp/out
	EOF2
	echo /srv/half-up > "$ROOT$RCD/half/up"
	mkdir "$ROOT$RCD/half/data"
	ln -s /nowhere/conf "$ROOT$RCD/half/data/conf"
	svc after oneshot half
	echo 'foreground { sh -c "echo after >> /tmp/out" }' > "$ROOT$RCD/after/up"
	container_run "$ROOT" -- sh -c 'cat /tmp/out 2>/dev/null; echo cmd'
	[ "$status" -eq 0 ]
	[ "$output" = cmd ]
	[[ "$stderr" == *"definition /etc/s6-overlay/s6-rc.d/half: data/conf is a link to /nowhere/conf, which points nowhere"* ]]
	[[ "$stderr" == *"unable to start service after: it needs half"* ]]
}
