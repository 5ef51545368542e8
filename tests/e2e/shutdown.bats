#!/usr/bin/env bats
# Stage 3 and faults: stops at every moment of the boot [S1][S2][S5],
# processes that will not stop [I4][S3][S4], failing hooks and scripts
# [B7][B10], the exit status finish scripts leave [X2], a stale /run [B3],
# and the S6_* variables of contract s.10 that no other suite covers.

load common

setup() { busybox_root; needs_supervisor; }


# stubborn NAME: a longrun that ignores TERM; its finish logs its arguments
stubborn() {
	svc "$1" longrun
	printf '#!/bin/sh\ntrap "" TERM\ntouch /tmp/%s.up\nwhile :; do sleep 0.1; done\n' "$1" > "$ROOT$RCD/$1/run"
	printf '#!/bin/sh\necho "finish $1 $2" >> /tmp/%s.log\n' "$1" > "$ROOT$RCD/$1/finish"
}

@test "[I4][S3] a longrun that ignores TERM is killed by its timeout-kill; the stop ends by itself with 0" {
	stubborn stub
	echo 200 > "$ROOT$RCD/stub/timeout-kill"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=100000 -e S6_KILL_GRACETIME=100000 --
	exec_until test -e /tmp/stub.up
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/stub.log")" = "finish 256 9" ]
	grep -q 's6-rc: info: service stub successfully stopped' "$CONTAINER/stderr"
}

@test "[I4][S3] a longrun that ignores TERM and has no timeout-kill is killed after S6_SERVICES_GRACETIME" {
	stubborn stub
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=200 -e S6_KILL_GRACETIME=100000 --
	exec_until test -e /tmp/stub.up
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/stub.log")" = "finish 256 9" ]
	grep -q 's6-rc: warning: service stub is still not down after S6_SERVICES_GRACETIME and has no timeout-kill, sending it SIGKILL' "$CONTAINER/stderr"
	grep -q 's6-rc: info: service stub successfully stopped' "$CONTAINER/stderr"
}

# now_ms: milliseconds since the epoch (for reporting, never asserted on)
now_ms() { local t=${EPOCHREALTIME//[!0-9]/}; echo $((10#$t / 1000)); }

@test "[S5] halt stops the container while stage 2 waits forever for a longrun to be ready (MAXTIME=0)" {
	svc never longrun
	echo 3 > "$ROOT$RCD/never/notification-fd"
	printf '#!/bin/sh\ntouch /tmp/never.up\nexec sleep 100000\n' > "$ROOT$RCD/never/run"
	container_start "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 -- echo cmd-ran
	exec_until test -e /tmp/never.up
	local t0
	t0=$(now_ms)
	container_exec -- /run/s6/basedir/bin/halt
	[ "$status" -eq 0 ]
	container_wait "$CONTAINER" 20
	echo "# stop after halt: $(( $(now_ms) - t0 )) ms" >&3
	[ "$status" -eq 0 ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[S1][S2] SIGTERM during a slow cont-init script: the stop is orderly, the CMD never runs, exit 0" {
	script /etc/cont-init.d/01-slow <<-'EOF'
	#!/bin/sh
	touch /tmp/slow.started
	exec sleep 100000
	EOF
	container_start "$ROOT" -- echo cmd-ran
	exec_until test -e /tmp/slow.started
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[S1][S2] SIGTERM during a slow oneshot of user: what came up goes down, what did not is left alone, exit 0" {
	svc first oneshot
	echo 'sh -c "echo first-up >> /tmp/log"' > "$ROOT$RCD/first/up"
	echo 'sh -c "echo first-down >> /tmp/log"' > "$ROOT$RCD/first/down"
	svc slow oneshot first
	echo 'sh -c "touch /tmp/slow.started; exec sleep 100000"' > "$ROOT$RCD/slow/up"
	echo 'sh -c "echo slow-down >> /tmp/log"' > "$ROOT$RCD/slow/down"
	svc after oneshot slow
	echo 'sh -c "echo after-up >> /tmp/log"' > "$ROOT$RCD/after/up"
	container_start "$ROOT" -- echo cmd-ran
	exec_until test -e /tmp/slow.started
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/log")" = "$(printf 'first-up\nfirst-down')" ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[S1][S3][S4] SIGTERM while the CMD runs: services go down first, then the CMD gets TERM; exit from the exitcode file" {
	svc db oneshot
	echo 'sh -c "echo db-up >> /tmp/log"' > "$ROOT$RCD/db/up"
	echo 'sh -c "echo db-down >> /tmp/log"' > "$ROOT$RCD/db/down"
	script /bin/app <<-'EOF'
	#!/bin/sh
	trap 'echo cmd-term >> /tmp/log; exit 5' TERM
	echo cmd-start >> /tmp/log
	sleep 100000 &
	wait
	EOF
	container_start "$ROOT" -- /bin/app
	exec_until grep -q cmd-start /tmp/log
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/log")" = "$(printf 'db-up\ncmd-start\ndb-down\ncmd-term')" ]
}

@test "[S2] SIGQUIT during a slow oneshot halts with 0; SIGINT during a slow cont-init script halts with 130" {
	svc slow oneshot
	echo 'sh -c "touch /tmp/slow.started; exec sleep 100000"' > "$ROOT$RCD/slow/up"
	container_start "$ROOT" -- echo cmd-ran
	exec_until test -e /tmp/slow.started
	container_stop "$CONTAINER" 10 QUIT
	[ "$status" -eq 0 ]
	rm -r "$ROOT$RCD/slow" "$ROOT$RCD/user" "$ROOT/tmp/slow.started"
	script /etc/cont-init.d/01-slow <<-'EOF'
	#!/bin/sh
	touch /tmp/slow.started
	exec sleep 100000
	EOF
	container_start "$ROOT" -- echo cmd-ran
	exec_until test -e /tmp/slow.started
	container_stop "$CONTAINER" 10 INT
	[ "$status" -eq 130 ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[S3] a cont-finish script that hangs past S6_KILL_FINISH_MAXTIME is killed, named, and the stop goes on" {
	svc db oneshot base
	echo 'true' > "$ROOT$RCD/db/up"
	echo 'sh -c "echo db-down >> /tmp/log"' > "$ROOT$RCD/db/down"
	script /etc/cont-finish.d/01-hang <<-'EOF'
	#!/bin/sh
	echo hang >> /tmp/log
	exec sleep 100000
	EOF
	script /etc/cont-finish.d/02-after <<-'EOF'
	#!/bin/sh
	echo after >> /tmp/log
	EOF
	container_start "$ROOT" -e S6_KILL_FINISH_MAXTIME=200 --
	exec_until sh -c '/command/s6-rc -a list | grep -qx legacy-services'
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/log")" = "$(printf 'db-down\nhang\nafter')" ]
	grep -q 'cont-finish: warning: /etc/cont-finish.d/01-hang is still running after S6_KILL_FINISH_MAXTIME, killing it' "$CONTAINER/stderr"
}

@test "[B7] S6_STAGE2_HOOK failing at S6_BEHAVIOUR_IF_STAGE2_FAILS=2: the container exits with the hook's code, nothing starts" {
	svc web oneshot
	echo 'sh -c "echo web >> /tmp/log"' > "$ROOT$RCD/web/up"
	script /hook <<-'EOF'
	#!/bin/sh
	echo "hook $1" >> /tmp/log
	exit 7
	EOF
	container_run "$ROOT" -e 'S6_STAGE2_HOOK=/hook  arg1' -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 7 ]
	[ -z "$output" ]
	[ "$(cat "$ROOT/tmp/log")" = "hook arg1" ]
	[[ "$stderr" == *"S6_STAGE2_HOOK failed"* ]]
}

@test "[B7] S6_STAGE2_HOOK failing at S6_BEHAVIOUR_IF_STAGE2_FAILS=0: a warning naming it, the boot goes on" {
	svc web oneshot
	echo 'sh -c "echo web >> /tmp/log"' > "$ROOT$RCD/web/up"
	script /hook <<-'EOF'
	#!/bin/sh
	exit 7
	EOF
	container_run "$ROOT" -e S6_STAGE2_HOOK=/hook -e S6_BEHAVIOUR_IF_STAGE2_FAILS=0 -- cat /tmp/log
	[ "$status" -eq 0 ]
	[ "$output" = web ]
	[[ "$stderr" == *"/run/s6/basedir/scripts/rc.init: warning: hook /hook exited 7"* ]]
}

@test "[B7] S6_STAGE2_HOOK not found: named; fatal (127) at 2, a warning at 0" {
	container_run "$ROOT" -e S6_STAGE2_HOOK=/no/such-hook -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 127 ]
	[ -z "$output" ]
	[[ "$stderr" == *"/no/such-hook"* ]]
	container_run "$ROOT" -e S6_STAGE2_HOOK=/no/such-hook -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"/no/such-hook"* ]]
}

@test "[B10][B7] a cont-init script that is not executable is named; at 2 the services that need base do not start" {
	mkdir -p "$ROOT/etc/cont-init.d"
	printf '#!/bin/sh\necho ran >> /tmp/log\n' > "$ROOT/etc/cont-init.d/10-noexec"
	chmod 644 "$ROOT/etc/cont-init.d/10-noexec"
	svc app oneshot base
	echo 'sh -c "echo app >> /tmp/log"' > "$ROOT$RCD/app/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ ! -e "$ROOT/tmp/log" ]
	[[ "$stderr" == *"bosun: cont-init: warning: /etc/cont-init.d/10-noexec is not executable, chmod +x it"* ]]
	[[ "$stderr" == *"unable to start service app"* ]]
}

@test "[X2] a finish script that rewrites the exitcode file during shutdown sets the container's status" {
	svc svc longrun
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT$RCD/svc/run"
	printf '#!/bin/sh\necho 42 > /run/s6-linux-init-container-results/exitcode\n' > "$ROOT$RCD/svc/finish"
	container_run "$ROOT" -- sh -c 'exit 3'
	[ "$status" -eq 42 ]
	container_start "$ROOT" --
	exec_until /command/s6-svstat -u /run/service/svc
	container_stop "$CONTAINER" 10
	[ "$status" -eq 42 ]
}

@test "[B3] a stale /run from a previous run of the same container: the second boot starts afresh" {
	svc once oneshot
	echo 'sh -c "echo once-up >> /tmp/log"' > "$ROOT$RCD/once/up"
	echo 'sh -c "echo once-down >> /tmp/log"' > "$ROOT$RCD/once/down"
	svc web longrun once
	printf '#!/bin/sh\necho web >> /tmp/log\nexec sleep 100000\n' > "$ROOT$RCD/web/run"
	mkdir -p "$ROOT/etc/services.d/legacy"
	printf '#!/bin/sh\necho legacy >> /tmp/log\nexec sleep 100000\n' > "$ROOT/etc/services.d/legacy/run"
	chmod 755 "$ROOT/etc/services.d/legacy/run"
	# first run: killed, as by a crash of the host, so that all its state stays
	container_start "$ROOT" --no-run-tmpfs -- sh -c 'echo 9 > /run/s6-linux-init-container-results/exitcode; exec sleep 100000'
	exec_until grep -q legacy /tmp/log
	exec_until grep -q web /tmp/log
	container_kill KILL
	container_wait "$CONTAINER" 10
	[ -n "$(ls -d "$ROOT"/run/s6-rc* 2>/dev/null)" ]
	[ -L "$ROOT/run/service/web" ]
	[ -d "$ROOT/run/s6/legacy-services/legacy" ]
	rm "$ROOT/tmp/log"
	# second run: every service comes up again, and the old exit code is gone
	container_start "$ROOT" --no-run-tmpfs --
	exec_until grep -q legacy /tmp/log
	exec_until grep -q web /tmp/log
	container_exec -- /command/s6-svstat -u /run/service/web
	[ "$output" = true ]
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	grep -qx once-up "$ROOT/tmp/log"
	grep -qx once-down "$ROOT/tmp/log"
}

# --- the S6_* variables of contract s.10 that no other suite covers ---

# legacy_svc NAME: a services.d service that says it is ready (fd 3) once
# /tmp/NAME.go exists, polling (bounded by the test's own timeouts)
legacy_svc() {
	mkdir -p "$ROOT/etc/services.d/$1"
	echo 3 > "$ROOT/etc/services.d/$1/notification-fd"
	printf '#!/bin/sh\ntouch /tmp/%s.up\nwhile [ ! -e /tmp/%s.go ]; do sleep 0.02; done\necho >&3\nexec sleep 100000\n' "$1" "$1" > "$ROOT/etc/services.d/$1/run"
	chmod 755 "$ROOT/etc/services.d/$1/run"
}

@test "[B11] S6_CMD_WAIT_FOR_SERVICES=1: the CMD waits until the services.d services are ready" {
	legacy_svc slow
	container_start "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -- sh -c 'echo cmd-ran; exec sleep 100000'
	exec_until test -e /tmp/slow.up
	container_exec -- /command/s6-svstat -u /run/service/slow
	[ "$output" = true ]
	! grep -q cmd-ran "$CONTAINER/stdout"
	container_exec -- touch /tmp/slow.go
	container_wait_output cmd-ran 10
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
}

@test "[B11] without S6_CMD_WAIT_FOR_SERVICES the CMD does not wait for readiness; a malformed value warns naming it" {
	legacy_svc slow
	container_run "$ROOT" -- sh -c 'test -e /tmp/slow.go || echo not-ready-yet'
	[ "$status" -eq 0 ]
	[ "$output" = not-ready-yet ]
	container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=yes -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=200 \
		-e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"S6_CMD_WAIT_FOR_SERVICES=\"yes\" is not a number"* ]]
}

@test "[B11][B7] S6_CMD_WAIT_FOR_SERVICES with MAXTIME: a service never ready fails stage 2 at 2, naming it" {
	legacy_svc never
	container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=300 \
		-e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ -z "$output" ]
	# 1 (the wait for never failed) or 2 (the whole boot timed out) [B7]
	[ "$status" -eq 1 ] || [ "$status" -eq 2 ]
	[[ "$stderr" == *"S6_CMD_WAIT_FOR_SERVICES_MAXTIME"* ]]
}

@test "[B7] a malformed S6_CMD_WAIT_FOR_SERVICES_MAXTIME warns naming it and means no bound (the default)" {
	svc slow oneshot
	echo 'sleep 0.3' > "$ROOT$RCD/slow/up"
	container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=5s -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"S6_CMD_WAIT_FOR_SERVICES_MAXTIME=\"5s\" is not a plain number, using the default 0"* ]]
}

@test "[B11] S6_SERVICES_READYTIME: services.d services start with any value; a malformed one warns naming it" {
	legacy_svc web
	: > "$ROOT/tmp/web.go"
	container_run "$ROOT" -e S6_SERVICES_READYTIME=0 -e S6_CMD_WAIT_FOR_SERVICES=1 -- /command/s6-svstat -o up,ready /run/service/web
	[ "$status" -eq 0 ]
	[ "$output" = "true true" ]
	container_run "$ROOT" -e S6_SERVICES_READYTIME=-1 -e S6_CMD_WAIT_FOR_SERVICES=1 -- /command/s6-svstat -o up,ready /run/service/web
	[ "$status" -eq 0 ]
	[ "$output" = "true true" ]
	[[ "$stderr" == *"S6_SERVICES_READYTIME=\"-1\" is not a plain number, using the default 50"* ]]
}

@test "[S3] S6_SERVICES_GRACETIME bounds a services.d service that ignores TERM; a malformed value warns naming it" {
	mkdir -p "$ROOT/etc/services.d/stub"
	printf '#!/bin/sh\ntrap "" TERM\ntouch /tmp/stub.up\nwhile :; do sleep 0.1; done\n' > "$ROOT/etc/services.d/stub/run"
	chmod 755 "$ROOT/etc/services.d/stub/run"
	container_start "$ROOT" -e S6_SERVICES_GRACETIME=200 -e S6_KILL_GRACETIME=200 --
	exec_until test -e /tmp/stub.up
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	grep -q 'still not down after S6_SERVICES_GRACETIME' "$CONTAINER/stderr"
	rm -r "$ROOT/etc/services.d/stub"
	container_run "$ROOT" -e S6_SERVICES_GRACETIME=3s -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"S6_SERVICES_GRACETIME=\"3s\" is not a plain number, using the default 3000"* ]]
}

@test "[S3] a malformed S6_KILL_FINISH_MAXTIME warns naming it; cont-finish.d still runs" {
	script /etc/cont-finish.d/01 <<-'EOF'
	#!/bin/sh
	echo fin > /tmp/log
	EOF
	container_run "$ROOT" -e S6_KILL_FINISH_MAXTIME=x -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"S6_KILL_FINISH_MAXTIME=\"x\" is not a plain number, using the default 0"* ]]
	[ "$(cat "$ROOT/tmp/log")" = fin ]
}

@test "[B7] a malformed S6_BEHAVIOUR_IF_STAGE2_FAILS warns naming it and means 0: a failure does not stop the boot" {
	svc bad oneshot
	echo false > "$ROOT$RCD/bad/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=two -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"S6_BEHAVIOUR_IF_STAGE2_FAILS=\"two\" is not a plain number, using the default 0"* ]]
}

@test "[X5] S6_CMD_USE_TERMINAL=1 with a tty: the CMD writes to the terminal; a malformed value warns naming it" {
	container_run "$ROOT" -t -e S6_CMD_USE_TERMINAL=1 -- sh -c '[ -t 1 ] && [ -t 2 ] && echo on-the-tty'
	[ "$status" -eq 0 ]
	[[ "$output" == *on-the-tty* ]]
	container_run "$ROOT" -t -e S6_CMD_USE_TERMINAL=yes -- sh -c '[ -t 1 ] && echo on-the-tty'
	[[ "$output" == *on-the-tty* ]]
	[[ "$output" == *"S6_CMD_USE_TERMINAL=\"yes\" is not a number"* ]]
}

@test "[s.10] S6_SYNC_DISKS=1 keeps the CMD's status; a malformed value warns naming it" {
	container_run "$ROOT" -e S6_SYNC_DISKS=1 -- sh -c 'exit 4'
	[ "$status" -eq 4 ]
	[[ "$stderr" != *S6_SYNC_DISKS* ]]
	container_run "$ROOT" -e S6_SYNC_DISKS=true -- sh -c 'exit 4'
	[ "$status" -eq 4 ]
	[[ "$stderr" == *"S6_SYNC_DISKS=\"true\" is not a number"* ]]
}

@test "[F2] S6_RUNTIME_BUNDLEDIR moves the user and user2 bundles at boot" {
	mkdir -p "$ROOT$RCD/solo" "$ROOT/bundles/user/contents.d" "$ROOT/bundles/user2/contents.d" "$ROOT$RCD/last/dependencies.d"
	echo oneshot > "$ROOT$RCD/solo/type"
	echo 'sh -c "echo solo >> /tmp/order"' > "$ROOT$RCD/solo/up"
	echo oneshot > "$ROOT$RCD/last/type"
	echo 'sh -c "echo last >> /tmp/order"' > "$ROOT$RCD/last/up"
	: > "$ROOT$RCD/last/dependencies.d/legacy-services"
	: > "$ROOT/bundles/user/contents.d/solo"
	: > "$ROOT/bundles/user2/contents.d/last"
	container_run "$ROOT" -e S6_RUNTIME_BUNDLEDIR=/bundles -- cat /tmp/order
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'solo\nlast')" ]
}

@test "[F4] S6_RUNTIME_PROFILE switches s6-rc.d, cont-init.d, services.d and cont-finish.d to the profile" {
	local P=/etc/cont-profile.d/dev
	mkdir -p "$ROOT$P/s6-overlay/s6-rc.d/solo" "$ROOT$P/s6-overlay/s6-rc.d/user/contents.d" "$ROOT$P/services.d/web"
	echo oneshot > "$ROOT$P/s6-overlay/s6-rc.d/solo/type"
	echo 'sh -c "echo profile-solo >> /tmp/order"' > "$ROOT$P/s6-overlay/s6-rc.d/solo/up"
	: > "$ROOT$P/s6-overlay/s6-rc.d/user/contents.d/solo"
	script $P/cont-init.d/01 <<-'EOF'
	#!/bin/sh
	echo profile-cont-init >> /tmp/order
	EOF
	script /etc/cont-init.d/01 <<-'EOF'
	#!/bin/sh
	echo default-cont-init >> /tmp/order
	EOF
	script $P/cont-finish.d/01 <<-'EOF'
	#!/bin/sh
	echo profile-cont-finish >> /tmp/order
	EOF
	printf '#!/bin/sh\necho profile-web >> /tmp/order\nexec sleep 100000\n' > "$ROOT$P/services.d/web/run"
	chmod 755 "$ROOT$P/services.d/web/run"
	container_start "$ROOT" -e S6_RUNTIME_PROFILE=dev --
	exec_until grep -q profile-web /tmp/order
	container_stop "$CONTAINER" 10
	[ "$status" -eq 0 ]
	grep -qx profile-solo "$ROOT/tmp/order"
	grep -qx profile-cont-init "$ROOT/tmp/order"
	grep -qx profile-cont-finish "$ROOT/tmp/order"
	! grep -q default-cont-init "$ROOT/tmp/order"
}

@test "[S5][B11] halt stops the container while S6_CMD_WAIT_FOR_SERVICES waits forever for a services.d service" {
	legacy_svc never
	container_start "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 -- echo cmd-ran
	exec_until test -e /tmp/never.up
	container_exec -- /run/s6/basedir/bin/halt
	[ "$status" -eq 0 ]
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[S1][B7] docker stop while S6_STAGE2_HOOK hangs: the stop is orderly, nothing starts, exit 0" {
	svc web oneshot
	echo 'sh -c "echo web >> /tmp/log"' > "$ROOT$RCD/web/up"
	script /hook <<-'EOF'
	#!/bin/sh
	touch /tmp/hook.started
	exec sleep 100000
	EOF
	container_start "$ROOT" -e S6_STAGE2_HOOK=/hook -- echo cmd-ran
	exec_until test -e /tmp/hook.started
	container_stop "$CONTAINER" 10
	echo "# stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ ! -e "$ROOT/tmp/log" ]
	! grep -q cmd-ran "$CONTAINER/stdout"
}

@test "[X2][s.6] a full /run: the CMD's exit code survives though the exitcode file cannot take it, and the stop still ends" {
	container_run "$ROOT" --no-run-tmpfs --tmpfs /run:exec,size=512k -- sh -c \
		'rm /run/s6-linux-init-container-results/exitcode; dd if=/dev/zero of=/run/fill bs=1k 2>/dev/null; df /run | grep -q " 100% " || exit 3; exit 7'
	[ "$status" -eq 7 ]
	[[ "$stderr" == *"unable to write /run/s6-linux-init-container-results/exitcode: No space left on device"* ]]
}
