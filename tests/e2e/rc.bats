#!/usr/bin/env bats
# The rc engine through a booted container: /etc/s6-overlay/s6-rc.d trees
# brought up by stage 2 in dependency order and in parallel [B7][R1]-[R7],
# the built-ins [B8], s6-rc at run time [V4], and the way down [S3].

load common

setup() { busybox_root; }

# oneshot NAME [DEP...]: appends NAME to /tmp/order when up, down-NAME when down
oneshot() {
	local name=$1
	svc "$name" oneshot "${@:2}"
	script "/srv/$name-up" <<-EOF
	#!/bin/sh
	echo $name >> /tmp/order
	EOF
	script "/srv/$name-down" <<-EOF
	#!/bin/sh
	echo down-$name >> /tmp/order
	EOF
	echo "/srv/$name-up" > "$ROOT$RCD/$name/up"
	echo "/srv/$name-down" > "$ROOT$RCD/$name/down"
}

# longrun NAME [DEP...]: appends NAME when it starts, then says it is ready
# (so that the order is the engine's, not the scheduler's), finish-NAME
# when it ends
longrun() {
	local name=$1
	svc "$name" longrun "${@:2}"
	echo 3 > "$ROOT$RCD/$name/notification-fd"
	printf '#!/bin/sh\necho %s >> /tmp/order\necho >&3\nexec sleep 1000\n' "$name" > "$ROOT$RCD/$name/run"
	printf '#!/bin/sh\necho finish-%s >> /tmp/order\n' "$name" > "$ROOT$RCD/$name/finish"
}

@test "[B7][R2] a chain of oneshots and longruns comes up in dependency order before the CMD" {
	oneshot a
	longrun b a
	oneshot c b
	container_run "$ROOT" -- cat /tmp/order
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'a\nb\nc')" ]
	[[ "$stderr" == *"s6-rc: info: service a: starting"* ]]
	[[ "$stderr" == *"s6-rc: info: service a successfully started"* ]]
	[[ "$stderr" == *"s6-rc: info: service c successfully started"* ]]
}

@test "[B8][R2] a service that depends on base starts after cont-init.d; one that does not needs no base" {
	script /etc/cont-init.d/01-init <<-'EOF'
	#!/bin/sh
	echo cont-init >> /tmp/order
	EOF
	oneshot after base
	container_run "$ROOT" -- cat /tmp/order
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf 'cont-init\nafter')" ]
}

@test "[S3] the way down is the reverse order: down scripts and finish scripts, then cont-finish.d" {
	# a needs base, so cont-finish.d (legacy-cont-init's down) waits for it
	oneshot a base
	longrun b a
	oneshot c b
	script /etc/cont-finish.d/01-fin <<-'EOF'
	#!/bin/sh
	echo cont-finish >> /tmp/order
	EOF
	container_run "$ROOT" -- true
	[ "$status" -eq 0 ]
	[ "$(cat "$ROOT/tmp/order")" = "$(printf 'a\nb\nc\ndown-c\nfinish-b\ndown-a\ncont-finish')" ]
	[[ "$stderr" == *"s6-rc: info: service c: stopping"* ]]
	[[ "$stderr" == *"s6-rc: info: service c successfully stopped"* ]]
}

@test "[B7] independent services start together: each waits for the others to have started" {
	local s
	for s in p1 p2 p3; do
		svc "$s" oneshot
		script "/srv/$s" <<-EOF
		#!/bin/sh
		touch /tmp/started-$s
		n=0
		while [ \$(ls /tmp | grep -c '^started-') -lt 3 ]; do
			n=\$((n + 1)); [ \$n -lt 500 ] || exit 1
			sleep 0.02
		done
		EOF
		echo "/srv/$s" > "$ROOT$RCD/$s/up"
	done
	container_run "$ROOT" -- echo cmd
	[ "$status" -eq 0 ]
	[ "$output" = cmd ]
	[[ "$stderr" != *"unable to start"* ]]
}

@test "[R5] a longrun with notification-fd gates its dependents until it is ready" {
	svc slow longrun
	echo 3 > "$ROOT$RCD/slow/notification-fd"
	printf '#!/bin/sh\nsleep 0.3\ntouch /tmp/ready\necho >&3\nexec sleep 1000\n' > "$ROOT$RCD/slow/run"
	svc after oneshot slow
	echo 'test -e /tmp/ready' > "$ROOT$RCD/after/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo ok
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
}

@test "[R4][E1] oneshots get PATH, RC_NAME and their env file only, and run in an execline command line" {
	svc envy oneshot
	mkdir -p "$ROOT$RCD/envy/env"
	printf 'GREETING=hello world\n' > "$ROOT$RCD/envy/env/env"
	cat > "$ROOT$RCD/envy/up" <<-'EOF'
	#!/command/execlineb -P
	# a comment line, then one command line
	redirfd -w 1 /tmp/env
	/bin/env
	EOF
	container_run "$ROOT" -e SECRET=x -- true
	[ "$status" -eq 0 ]
	run sort "$ROOT/tmp/env"
	[[ "$output" == *"GREETING=hello world"* ]]
	[[ "$output" == *"RC_NAME=envy"* ]]
	[[ "$output" == *"PATH=/command"* ]]
	[[ "$output" != *SECRET* ]]
}

@test "[B7] a failing oneshot stops what depends on it and nothing else; STAGE2_FAILS=2 stops the container with 1" {
	svc bad oneshot
	echo '/bin/false' > "$ROOT$RCD/bad/up"
	oneshot needsbad bad
	oneshot other
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[[ "$stderr" == *"s6-rc: warning: unable to start service bad: command exited 1"* ]]
	[[ "$stderr" == *"unable to start service needsbad: it needs bad, which failed"* ]]
	grep -qx other "$ROOT/tmp/order"
	! grep -qx needsbad "$ROOT/tmp/order"
}

@test "[B7] a oneshot past its timeout-up is killed; with MAXTIME the whole boot is bounded and exits 2" {
	svc hang oneshot
	echo 'sleep 1000' > "$ROOT$RCD/hang/up"
	echo 200 > "$ROOT$RCD/hang/timeout-up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"unable to start service hang: timed out (timeout-up)"* ]]
	rm "$ROOT$RCD/hang/timeout-up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=300 -- echo cmd-ran
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"S6_CMD_WAIT_FOR_SERVICES_MAXTIME"* ]]
}

@test "[B7] an invalid definition stops the boot with a message naming the file" {
	svc broken oneshot
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"$RCD/broken/up: missing"* ]]
	[[ "$stderr" == *"bosun check"* ]]
}

@test "[R7][V4] s6-rc -u/-d change brings a bundle outside user up and down at run time; s6-rc -a list shows it" {
	mkdir -p "$ROOT$RCD/extra/contents.d" "$ROOT$RCD/web"
	echo bundle > "$ROOT$RCD/extra/type"
	: > "$ROOT$RCD/extra/contents.d/web"
	echo longrun > "$ROOT$RCD/web/type"
	printf '#!/bin/sh\nexec sleep 1000\n' > "$ROOT$RCD/web/run"
	container_start "$ROOT" --
	exec_until sh -c '/command/s6-rc -a list | grep -qx legacy-services'
	container_exec -- /command/s6-svstat -u /run/service/web
	[ "$output" = false ]
	container_exec -- /command/s6-rc -u change extra
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svstat -u /run/service/web
	[ "$output" = true ]
	container_exec -- /command/s6-rc -a list
	[[ "$output" == *web* ]]
	container_exec -- /command/s6-rc -d change extra
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svstat -u /run/service/web
	[ "$output" = false ]
	container_exec -- /command/s6-rc -u change nosuch
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"nosuch is not a service"* ]]
	container_stop
	[ "$status" -eq 0 ]
}

@test "[F2] the user bundle from user-bundles.d works, and /etc is never written" {
	mkdir -p "$ROOT$RCD/solo" "$ROOT/etc/s6-overlay/user-bundles.d/user/contents.d"
	echo oneshot > "$ROOT$RCD/solo/type"
	echo 'sh -c "echo solo >> /tmp/order"' > "$ROOT$RCD/solo/up"
	: > "$ROOT/etc/s6-overlay/user-bundles.d/user/contents.d/solo"
	local before
	before=$(find "$ROOT/etc/s6-overlay" -newer "$ROOT$RCD/solo/up" | wc -l)
	container_run "$ROOT" -- cat /tmp/order
	[ "$status" -eq 0 ]
	[ "$output" = solo ]
	[ "$(find "$ROOT/etc/s6-overlay" -newer "$ROOT$RCD/solo/up" | wc -l)" = "$before" ]
}

@test "[F4] S6_RUNTIME_PROFILE switches s6-rc.d, cont-init.d, services.d and cont-finish.d to /etc/cont-profile.d/NAME" {
	local p=/etc/cont-profile.d/prod
	oneshot ignored
	mkdir -p "$ROOT$p/s6-overlay/s6-rc.d/user/contents.d" "$ROOT$p/s6-overlay/s6-rc.d/prodsvc" "$ROOT$p/services.d/legacy"
	echo oneshot > "$ROOT$p/s6-overlay/s6-rc.d/prodsvc/type"
	echo 'sh -c "echo prodsvc >> /tmp/order"' > "$ROOT$p/s6-overlay/s6-rc.d/prodsvc/up"
	: > "$ROOT$p/s6-overlay/s6-rc.d/user/contents.d/prodsvc"
	script "$p/cont-init.d/01" <<-'EOF'
	#!/bin/sh
	echo prod-cont-init >> /tmp/order
	EOF
	script "$p/cont-finish.d/01" <<-'EOF'
	#!/bin/sh
	echo prod-cont-finish >> /tmp/order
	EOF
	script "$p/services.d/legacy/run" <<-'EOF'
	#!/bin/sh
	echo prod-legacy >> /tmp/order
	exec sleep 1000
	EOF
	# the CMD waits (bounded) for the services.d service's first line
	container_run "$ROOT" -e S6_RUNTIME_PROFILE=prod -- sh -c \
		'n=0; until grep -q prod-legacy /tmp/order; do n=$((n+1)); [ $n -lt 500 ] || exit 1; sleep 0.02; done' 
	[ "$status" -eq 0 ]
	run cat "$ROOT/tmp/order"
	[[ "$output" == *prodsvc* ]]
	[[ "$output" == *prod-cont-init* ]]
	[[ "$output" == *prod-legacy* ]]
	[[ "$output" == *prod-cont-finish* ]]
	[[ "$output" != *ignored* ]]
}

@test "[P2] a noexec /run (docker run --tmpfs /run) still runs longruns and services.d: programs linked, scripts run by their interpreter" {
	# web's run is not executable in the image: its copy is made so, and
	# the supervisor has its #! interpreter read it; old's run is linked
	longrun web
	script /etc/services.d/old/run <<-'EOF'
	#!/bin/sh
	echo old >> /tmp/order
	exec sleep 1000
	EOF
	container_run "$ROOT" --no-run-tmpfs --tmpfs /run -- sh -c \
		'grep -q " /run .*noexec" /proc/mounts || exit 3
		n=0; until grep -q old /tmp/order; do n=$((n+1)); [ $n -lt 500 ] || exit 1; sleep 0.02; done
		grep -qx web /tmp/order && readlink /run/s6/legacy-services/old/run'
	[ "$status" -eq 0 ]
	[ "$output" = /etc/services.d/old/run ]
	[[ "$stderr" != *"not executable"* ]]
}

@test "[B7] a longrun named like a services.d service: the clash is named, the other services still start" {
	longrun dup
	oneshot fine
	script /etc/services.d/dup/run <<-'EOF'
	#!/bin/sh
	exec sleep 1000
	EOF
	container_run "$ROOT" -- cat /tmp/order
	[ "$status" -eq 0 ]
	[[ "$output" == *fine* ]]
	[[ "$stderr" == *"/run/service/dup already exists"* ]]
}

# stage2_waiter PATH: a script that writes the pid of stage 2 (its
# parent, or with "grand" its grandparent) into /tmp/stage2.pid, then
# waits for the test (bounded) for /tmp/go
stage2_waiter() {
	script "$1" <<-EOF
	#!/bin/sh
	p=\$PPID
	[ "$2" = grand ] && p=\$(cut -d' ' -f4 /proc/\$PPID/stat)
	echo \$p > /tmp/stage2.pid
	n=0
	while [ ! -e /tmp/go ] && [ \$n -lt 600 ]; do sleep 0.05; n=\$((n+1)); done
	EOF
}

kill_stage2() {
	exec_until test -s /tmp/stage2.pid
	container_exec -- sh -c 'kill -KILL $(cat /tmp/stage2.pid)'
	[ "$status" -eq 0 ]
	container_wait "$CONTAINER" 20
}

@test "[B7] a stage 2 killed while bringing top up is named by PID 1 with what it left unstarted; the container stops in order with 1" {
	oneshot first
	svc gate oneshot first
	stage2_waiter /srv/gate-up
	echo /srv/gate-up > "$ROOT$RCD/gate/up"
	oneshot after gate
	container_start "$ROOT" -- echo cmd-ran
	kill_stage2
	[ "$status" -eq 1 ]
	stderr=$(container_stderr)
	[[ "$stderr" == *"bosun: init: fatal: stage 2 was killed by signal 9 (SIGKILL) while bringing top up, before the CMD"* ]]
	[[ "$stderr" == *"bosun: init: info: top was not brought up, left unstarted: "*after* ]]
	[[ "$stderr" == *"left unstarted: "*legacy-services* ]]
	[[ "$(container_stdout)" != *cmd-ran* ]]
	# the way down ran for what was up
	grep -qx down-first "$ROOT/tmp/order"
	! grep -qx after "$ROOT/tmp/order"
}

@test "[B7] a stage 2 killed in cont-init.d or in S6_STAGE2_HOOK says at which step" {
	stage2_waiter /etc/cont-init.d/01-wait grand
	container_start "$ROOT" -- echo cmd-ran
	kill_stage2
	[ "$status" -eq 1 ]
	[[ "$(container_stderr)" == *"stage 2 was killed by signal 9 (SIGKILL) while bringing top up, at cont-init.d (legacy-cont-init)"* ]]
	rm -f "$ROOT/tmp/stage2.pid" "$ROOT/etc/cont-init.d/01-wait"
	stage2_waiter /srv/hook
	container_start "$ROOT" -e S6_STAGE2_HOOK=/srv/hook -- echo cmd-ran
	kill_stage2
	[ "$status" -eq 1 ]
	[[ "$(container_stderr)" == *"stage 2 was killed by signal 9 (SIGKILL) while running S6_STAGE2_HOOK"* ]]
	[[ "$(container_stderr)" == *"top was not brought up: no service of it was started"* ]]
}

@test "[X2][B7] a CMD killed with SIGKILL still ends the container with 137, and nothing says stage 2 died" {
	script /srv/cmd <<-'EOF'
	#!/bin/sh
	echo $$ > /tmp/stage2.pid
	exec sleep 1000
	EOF
	container_start "$ROOT" -- /srv/cmd
	kill_stage2
	[ "$status" -eq 137 ]
	[[ "$(container_stderr)" != *"stage 2"* ]]
}
