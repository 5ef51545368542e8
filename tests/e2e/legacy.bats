#!/usr/bin/env bats
# s6-overlay v2's directories: cont-init.d [B10], cont-finish.d [S3],
# services.d [B11], in byte order with dot-files skipped [F3].

load common

setup() { busybox_root; }

# init_script PATH LINE: a #!/bin/sh script appending LINE to /tmp/order
order_script() {
	script "$1" <<-EOF
	#!/bin/sh
	echo $2 >> /tmp/order
	EOF
}

@test "[B10][F3] cont-init.d scripts run in byte order before the CMD, dot-files skipped" {
	order_script /etc/cont-init.d/10-b b
	order_script /etc/cont-init.d/02-a a
	order_script /etc/cont-init.d/.hidden hidden
	order_script /etc/cont-init.d/Z-c c
	container_run "$ROOT" -- sh -c 'echo cmd >> /tmp/order; cat /tmp/order'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'a\nb\nc\ncmd')" ]
}

@test "[B10] cont-init messages are s6-overlay's at verbosity 2, and quiet at 1" {
	script /etc/cont-init.d/01-three <<-'EOF'
	#!/bin/sh
	exit 3
	EOF
	container_run "$ROOT" -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"cont-init: info: running /etc/cont-init.d/01-three"* ]]
	[[ "$stderr" == *"cont-init: info: /etc/cont-init.d/01-three exited 3"* ]]
	container_run "$ROOT" -e S6_VERBOSITY=1 -- true
	[[ "$stderr" != *"cont-init: info"* ]]
}

@test "[B10][B7] a failing cont-init script stops the container with 1 at S6_BEHAVIOUR_IF_STAGE2_FAILS=2" {
	script /etc/cont-init.d/01-fail <<-'EOF'
	#!/bin/sh
	exit 4
	EOF
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "$stderr" == *"/etc/cont-init.d"*"S6_BEHAVIOUR_IF_STAGE2_FAILS=2"* ]]
}

@test "[B10][B7] a failing cont-init script is a warning at 1 and silent at 0; the CMD runs" {
	script /etc/cont-init.d/01-fail <<-'EOF'
	#!/bin/sh
	exit 4
	EOF
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"warning: some scripts of /etc/cont-init.d failed"* ]]
	container_run "$ROOT" -- echo cmd-ran
	[ "$output" = cmd-ran ]
	[[ "$stderr" != *"warning: some scripts"* ]]
}

@test "[B10] a cont-init script that is not executable is named, with the fix" {
	printf '#!/bin/sh\necho hi\n' > "$ROOT/etc/cont-init.d/01-noexec" 2>/dev/null || { mkdir -p "$ROOT/etc/cont-init.d"; printf '#!/bin/sh\necho hi\n' > "$ROOT/etc/cont-init.d/01-noexec"; }
	chmod 0644 "$ROOT/etc/cont-init.d/01-noexec"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"/etc/cont-init.d/01-noexec"*"chmod +x"* ]]
}

@test "[S3] cont-finish.d runs at shutdown, in order, and may rewrite the exitcode file" {
	order_script /etc/cont-finish.d/01-a finish-a
	script /etc/cont-finish.d/02-b <<-'EOF'
	#!/bin/sh
	echo finish-b >> /tmp/order
	echo 21 > /run/s6-linux-init-container-results/exitcode
	EOF
	container_run "$ROOT" -- sh -c 'echo cmd >> /tmp/order; exit 5'
	[ "$status" -eq 21 ]
	run cat "$ROOT/tmp/order"
	[ "$output" = "$(printf 'cmd\nfinish-a\nfinish-b')" ]
}

@test "[S3] S6_KILL_FINISH_MAXTIME bounds a cont-finish script that hangs" {
	script /etc/cont-finish.d/01-hang <<-'EOF'
	#!/bin/sh
	exec sleep 100000
	EOF
	order_script /etc/cont-finish.d/02-after after
	container_run "$ROOT" -e S6_KILL_FINISH_MAXTIME=300 -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"/etc/cont-finish.d/01-hang is still running after S6_KILL_FINISH_MAXTIME"* ]]
	run cat "$ROOT/tmp/order"
	[ "$output" = after ]
}

@test "[S5] halt works while stage 2 is still running cont-init.d" {
	script /etc/cont-init.d/01-slow <<-'EOF'
	#!/bin/sh
	touch /tmp/slow-started
	exec sleep 100000
	EOF
	container_start "$ROOT" -- echo never
	exec_until test -e /tmp/slow-started
	container_exec -- /run/s6/basedir/bin/halt
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
	! grep -q never "$CONTAINER/stdout"
}

@test "[B11] a services.d service is copied under /run, linked into /run/service and supervised" {
	needs_supervisor
	mkdir -p "$ROOT/etc/services.d/web"
	printf '#!/bin/sh\necho $PWD > /tmp/web.cwd\nexec sleep 100000\n' > "$ROOT/etc/services.d/web/run"
	chmod 755 "$ROOT/etc/services.d/web/run"
	container_start "$ROOT" -- sleep 100000
	exec_until test -s /tmp/web.cwd
	container_exec -- sh -c 'cat /tmp/web.cwd; readlink /run/service/web'
	[ "${lines[0]}" = /run/s6/legacy-services/web ]
	[ "${lines[1]}" = /run/s6/legacy-services/web ]
	[ ! -e "$ROOT/etc/services.d/web/supervise" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[B11] a service written by a cont-init script into services.d is seen" {
	needs_supervisor
	script /etc/cont-init.d/01-generate <<-'EOF'
	#!/bin/sh
	mkdir -p /etc/services.d/generated
	printf '#!/bin/sh\ntouch /tmp/generated.ran\nexec sleep 100000\n' > /etc/services.d/generated/run
	chmod 755 /etc/services.d/generated/run
	EOF
	container_start "$ROOT" -- sleep 100000
	exec_until test -e /tmp/generated.ran
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

# legacy_sleeper NAME: a services.d service that counts its starts in
# /tmp/NAME.starts and sleeps
legacy_sleeper() {
	mkdir -p "$ROOT/etc/services.d/$1"
	printf '#!/bin/sh\necho start >> /tmp/%s.starts\nexec sleep 100000\n' "$1" > "$ROOT/etc/services.d/$1/run"
	chmod 755 "$ROOT/etc/services.d/$1/run"
}

# a longrun of user that legacy-services depends on through the bundle
user_longrun() {
	svc "$1" longrun
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT$RCD/$1/run"
}

svstat_is() { container_exec -- /command/s6-svstat -u "/run/service/$1"; [ "$output" = "$2" ]; }

@test "[R9] s6-rc -d change of a user service says that legacy-services goes down with it; -u change legacy-services brings the services.d services back once" {
	needs_supervisor
	legacy_sleeper web
	legacy_sleeper idle
	: > "$ROOT/etc/services.d/idle/down"
	user_longrun app
	container_start "$ROOT" --
	exec_until /command/bosun health
	svstat_is web true
	container_exec -- /command/s6-rc -d change app
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"s6-rc: info: legacy-services goes down too: it depends on app"* ]]
	svstat_is web false
	container_exec -- /command/s6-rc -u change legacy-services
	[ "$status" -eq 0 ]
	svstat_is web true
	svstat_is app true
	# a down file in services.d keeps its service down, as at boot
	svstat_is idle false
	container_exec -- /command/s6-rc -u change legacy-services
	[ "$status" -eq 0 ]
	container_exec -- cat /tmp/web.starts
	[ "$output" = "$(printf 'start\nstart')" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R9] s6-rc -u change legacy-services brings every services.d service up from any state: down, finishing, already up (no second start)" {
	needs_supervisor
	legacy_sleeper web
	legacy_sleeper again
	mkdir -p "$ROOT/etc/services.d/slow"
	# a finish that waits for the test: legacy-services comes up while it runs
	printf '#!/bin/sh\necho start >> /tmp/slow.starts\nexec sleep 100000\n' > "$ROOT/etc/services.d/slow/run"
	printf '#!/bin/sh\ntouch /tmp/slow.finishing\nwhile [ ! -e /tmp/finish.go ]; do sleep 0.05; done\nrm /tmp/slow.finishing\n' > "$ROOT/etc/services.d/slow/finish"
	chmod 755 "$ROOT/etc/services.d/slow/run" "$ROOT/etc/services.d/slow/finish"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=200 --
	exec_until /command/bosun health
	container_exec -- /command/s6-rc -d change legacy-services
	[ "$status" -eq 0 ]
	container_exec -- test -e /tmp/slow.finishing
	[ "$status" -eq 0 ]
	svstat_is web false
	# brought up by hand meanwhile
	container_exec -- /command/s6-svc -wu -u -T 5000 /run/service/again
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-rc -u change legacy-services
	[ "$status" -eq 0 ]
	svstat_is web true
	container_exec -- touch /tmp/finish.go
	container_exec -- /command/s6-svwait -u -t 5000 /run/service/slow
	[ "$status" -eq 0 ]
	container_exec -- cat /tmp/web.starts /tmp/again.starts /tmp/slow.starts
	[ "$output" = "$(printf 'start\nstart\nstart\nstart\nstart\nstart')" ]
	container_exec -- /command/bosun health
	[ "$status" -eq 0 ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R9][S3] s6-rc -d change legacy-services takes the services.d services down and waits for their finish, bounded by S6_SERVICES_GRACETIME" {
	needs_supervisor
	legacy_sleeper web
	mkdir -p "$ROOT/etc/services.d/stuck"
	printf '#!/bin/sh\ntrap "" TERM\nwhile :; do sleep 1; done\n' > "$ROOT/etc/services.d/stuck/run"
	printf '#!/bin/sh\ntouch /tmp/web.finished\n' > "$ROOT/etc/services.d/web/finish"
	chmod 755 "$ROOT/etc/services.d/stuck/run" "$ROOT/etc/services.d/web/finish"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=300 --
	exec_until /command/bosun health
	container_exec -- /command/s6-rc -d change legacy-services
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"services.d service stuck is still not down after S6_SERVICES_GRACETIME, sending it SIGKILL"* ]]
	# web's finish has run by the time s6-rc returns
	container_exec -- test -e /tmp/web.finished
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svwait -D -t 5000 /run/service/stuck
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-rc -a list
	[[ "$output" != *legacy-services* ]]
	container_stop "$CONTAINER" 20
}

# A services.d service that dies before it is ready and whose finish
# exits 125 will never be up: waiting for it (S6_CMD_WAIT_FOR_SERVICES=1,
# no MAXTIME) must end as a stage 2 failure, not hang the CMD forever
# [B11][V2]. The O event ends the wait, as s6-supervise's does for s6-svwait.
@test "[B11][V2][B7] a services.d service with notification-fd whose finish exits 125 fails the wait; it does not hang the boot" {
	script /etc/services.d/app/run <<-'EOF'
	#!/bin/sh
	echo app-died >&2
	exit 3
	EOF
	script /etc/services.d/app/finish <<-'EOF'
	#!/bin/sh
	exit 125
	EOF
	echo 3 > "$ROOT/etc/services.d/app/notification-fd"
	CONTAINER_TIMEOUT=20 container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "$stderr" == *"app-died"* ]]
	[[ "$stderr" == *"service /run/s6/legacy-services/app failed for good and will not be restarted"* ]]
	[[ "$stderr" != *"not up yet"* ]]
	CONTAINER_TIMEOUT=20 container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
}
