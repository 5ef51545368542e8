#!/usr/bin/env bats
# Habits of public images built on s6-overlay v3, one test each (issue 11).
# Every test names the image where the habit was read (their service trees,
# cont-init scripts, hooks, finish scripts, Dockerfile variables) and
# asserts what s6-overlay does with it: the container's exit status, its
# output lines, the state of its services, the files they leave. The trees
# here are written for these tests in the images' shape; no file of theirs
# is copied. Home Assistant's bashio and linuxserver's docker-mods are
# emulated only as far as each habit needs, in busybox sh.

load common

# The image's root: the four tarballs, as the images unpack them for their
# #!/usr/bin/with-contenv and #!/usr/bin/execlineb shebangs [L1][L3].
setup() {
	ROOT=$(make_root busybox "$REPO/dist/bosun-noarch.tar.xz" "$REPO/dist/bosun-x86_64.tar.xz" \
		"$REPO/dist/bosun-symlinks-noarch.tar.xz" "$REPO/dist/bosun-symlinks-arch.tar.xz") || return 1
	needs_supervisor
}

# def NAME TYPE [DEP...]: a definition depending on DEPs, in no bundle
def() {
	local name=$1 type=$2 d
	shift 2
	mkdir -p "$ROOT$RCD/$name/dependencies.d"
	echo "$type" > "$ROOT$RCD/$name/type"
	for d in "$@"; do : > "$ROOT$RCD/$name/dependencies.d/$d"; done
}

# member BUNDLE NAME...: contents.d entries, as images write user and user2
member() {
	local b=$1 n
	shift
	mkdir -p "$ROOT$RCD/$b/contents.d"
	for n in "$@"; do : > "$ROOT$RCD/$b/contents.d/$n"; done
}

# init_oneshot NAME [DEP...]: a oneshot of user whose up file holds the
# absolute path of the run script beside it (linuxserver, Home Assistant);
# the script comes from stdin
init_oneshot() {
	def "$1" oneshot "${@:2}"
	member user "$1"
	echo "$RCD/$1/run" > "$ROOT$RCD/$1/up"
	script "$RCD/$1/run"
}

# marker NAME [DEP...]: a oneshot of user whose up file is only a comment,
# linuxserver's way of ordering the init stages (init-config, init-services)
marker() {
	local name=$1
	shift
	def "$name" oneshot "$@"
	member user "$name"
	echo "# This file doesn't do anything, it's just the end of the $name stage" > "$ROOT$RCD/$name/up"
}

# longrun NAME [DEP...]: a longrun of user, its run from stdin
longrun() {
	def "$1" longrun "${@:2}"
	member user "$1"
	script "$RCD/$1/run"
}

# bashio: the part of Home Assistant's library these tests need. Their
# scripts say #!/command/with-contenv bashio: bashio sets errexit and
# nounset, then sources the script with its arguments.
bashio() {
	script /usr/bin/bashio <<-'EOF'
	#!/bin/sh
	set -eu
	bashio_script=$1
	shift
	. "$bashio_script"
	EOF
}

# ha_finish SVC: the finish of the Home Assistant community add-ons, in sh:
# the container's code is read first, under errexit; 128+signal or the
# service's code is written unless the container already has one; halt on
# TERM or on a crash
ha_finish() {
	script "$RCD/$1/finish" <<-'EOF'
	#!/command/with-contenv bashio
	readonly exit_code_container=$(cat /run/s6-linux-init-container-results/exitcode)
	readonly exit_code_service="${1}"
	readonly exit_code_signal="${2}"
	echo "finish ${exit_code_service} ${exit_code_signal} container=${exit_code_container}" >> /tmp/finish.log
	if [ "${exit_code_service}" -eq 256 ]; then
		if [ "${exit_code_container}" -eq 0 ]; then
			echo $((128 + exit_code_signal)) > /run/s6-linux-init-container-results/exitcode
		fi
		[ "${exit_code_signal}" -eq 15 ] && exec /run/s6/basedir/bin/halt
	elif [ "${exit_code_service}" -ne 0 ]; then
		if [ "${exit_code_container}" -eq 0 ]; then
			echo "${exit_code_service}" > /run/s6-linux-init-container-results/exitcode
		fi
		exec /run/s6/basedir/bin/halt
	fi
	EOF
}

# a cont-finish.d script that says the orderly stop got that far (no
# Docker SIGKILL was needed)
cont_finish_marker() {
	script /etc/cont-finish.d/99-bye <<-'EOF'
	#!/bin/sh
	echo '[cont-finish] bye'
	EOF
}

# --- Home Assistant community add-ons ------------------------------------

@test "[X2] habit (hassio-addons/addon-ssh): a bashio finish reads the exitcode file under errexit, writes the daemon's code, then halts" {
	bashio
	init_oneshot init-ssh base <<-'EOF'
	#!/command/with-contenv bashio
	mkfifo /tmp/sshd.fifo
	EOF
	longrun sshd init-ssh <<-'EOF'
	#!/command/with-contenv bashio
	echo '[INFO] Starting the SSH daemon...'
	exec sh -c 'read code < /tmp/sshd.fifo; exit "$code"'
	EOF
	ha_finish sshd
	container_start "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES=1 --
	container_wait_output 'Starting the SSH daemon'
	container_exec -- sh -c 'echo 3 > /tmp/sshd.fifo'
	container_wait "$CONTAINER" 20
	# s6-overlay: the file held 0, so the finish wrote 3 and halted
	[ "$status" -eq 3 ]
	[ "$(head -n 1 "$ROOT/tmp/finish.log")" = "finish 3 0 container=0" ]
}

@test "[X2][V2] habit (hassio-addons/addon-vscode): a daemon killed by SIGKILL gets 137 from its finish and is restarted; docker stop keeps that code" {
	bashio
	longrun code-server <<-'EOF'
	#!/command/with-contenv bashio
	echo "[INFO] Starting code-server..."
	echo $$ >> /tmp/code-server.pids
	exec sleep 100000
	EOF
	ha_finish code-server
	cont_finish_marker
	container_start "$ROOT" --
	exec_until test -s /tmp/code-server.pids
	container_exec -- kill -KILL "$(cat "$ROOT/tmp/code-server.pids")"
	# the finish wrote 128+9 without halting; the supervisor restarted it
	exec_until sh -c '[ "$(wc -l < /tmp/code-server.pids)" -ge 2 ]'
	container_exec -- cat /run/s6-linux-init-container-results/exitcode
	[ "$output" = 137 ]
	# docker stop: TERM; the finish finds 137 there, keeps it and halts
	container_stop "$CONTAINER" 20
	[ "$status" -eq 137 ]
	run cat "$ROOT/tmp/finish.log"
	[ "${lines[0]}" = "finish 256 9 container=0" ]
	[ "${lines[1]}" = "finish 256 15 container=137" ]
	[ "${#lines[@]}" -eq 2 ]
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

# The add-on base adds two oneshots to s6-overlay's own base bundle, by
# copying definitions into the overlay's source directory: a banner before
# fix-attrs and a log level, saved for the later stages, before cont-init.
ha_base_sources() {
	local src=/package/admin/s6-overlay-3.2.1.0/etc/s6-rc
	script "$src/scripts/base-addon-banner" <<-'EOF'
	#!/command/with-contenv sh
	echo '[banner] Add-on: test add-on'
	EOF
	script "$src/scripts/base-addon-log-level" <<-'EOF'
	#!/command/with-contenv sh
	echo -n "${LOG_LEVEL_OPTION:-info}" > /var/run/s6/container_environment/LOG_LEVEL
	echo "[banner] Log level is set to ${LOG_LEVEL_OPTION:-info}"
	EOF
	mkdir -p "$ROOT$src/sources/base-addon-banner" "$ROOT$src/sources/base-addon-log-level/dependencies.d" \
		"$ROOT$src/sources/base/contents.d" "$ROOT$src/sources/fix-attrs/dependencies.d" \
		"$ROOT$src/sources/legacy-cont-init/dependencies.d"
	printf oneshot > "$ROOT$src/sources/base-addon-banner/type"
	printf /package/admin/s6-overlay/etc/s6-rc/scripts/base-addon-banner > "$ROOT$src/sources/base-addon-banner/up"
	printf oneshot > "$ROOT$src/sources/base-addon-log-level/type"
	printf /package/admin/s6-overlay/etc/s6-rc/scripts/base-addon-log-level > "$ROOT$src/sources/base-addon-log-level/up"
	: > "$ROOT$src/sources/base-addon-log-level/dependencies.d/base-addon-banner"
	: > "$ROOT$src/sources/base/contents.d/base-addon-banner"
	: > "$ROOT$src/sources/base/contents.d/base-addon-log-level"
	: > "$ROOT$src/sources/fix-attrs/dependencies.d/base-addon-banner"
	: > "$ROOT$src/sources/legacy-cont-init/dependencies.d/base-addon-log-level"
}

@test "[F1][B8] habit (hassio-addons/addon-base): oneshots added to s6-overlay's own base bundle run before cont-init.d, which sees the log level they saved" {
	ha_base_sources
	script /etc/cont-init.d/10-addon <<-'EOF'
	#!/command/with-contenv sh
	echo "[cont-init] LOG_LEVEL=${LOG_LEVEL:-unset}"
	EOF
	container_run "$ROOT" -e LOG_LEVEL_OPTION=debug -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- true
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = '[banner] Add-on: test add-on' ]
	[ "${lines[1]}" = '[banner] Log level is set to debug' ]
	[ "${lines[2]}" = '[cont-init] LOG_LEVEL=debug' ]
}

@test "[B4][V5] habit (hassio-addons/addon-base): a oneshot saves LOG_LEVEL with echo -n into /var/run/s6/container_environment; the add-on's services see it" {
	bashio
	init_oneshot init-log-level base <<-'EOF'
	#!/command/with-contenv bashio
	echo -n "${LOG_OPTION}" > /var/run/s6/container_environment/LOG_LEVEL
	EOF
	longrun addon init-log-level <<-'EOF'
	#!/command/with-contenv bashio
	printf '%s' "${LOG_LEVEL}" > /tmp/addon.level
	exec sleep 100000
	EOF
	container_run "$ROOT" -e LOG_OPTION=trace -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES=1 \
		-e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 -- with-contenv sh -c 'echo "cmd LOG_LEVEL=$LOG_LEVEL"; while [ ! -s /tmp/addon.level ]; do sleep 0.01; done'
	[ "$status" -eq 0 ]
	[ "$output" = 'cmd LOG_LEVEL=trace' ]
	[ "$(cat "$ROOT/tmp/addon.level")" = trace ]
}

# Home Assistant's /usr/bin/service, in sh: "service NAME start|stop|restart"
ha_service_wrapper() {
	script /usr/bin/service <<-'EOF'
	#!/bin/sh
	service=$1
	command=$2
	if [ ! -d "/run/service/${service}" ]; then
		echo "s6 service not found for ${service}, exiting..."
		exit
	fi
	start() { s6-svc -wU -u -T2500 "/run/service/${service}"; }
	stop() { s6-svc -wD -d -T2500 "/run/service/${service}"; }
	restart() { stop; start; }
	status() { s6-svstat "/run/service/${service}"; }
	${command}
	EOF
}

@test "[V4] habit (hassio-addons/addon-base): 'service NAME restart' takes a ready longrun down with s6-svc -wD -d and back up with -wU -u -T2500" {
	ha_service_wrapper
	longrun mqtt <<-'EOF'
	#!/bin/sh
	echo $$ >> /tmp/mqtt.pids
	echo >&3
	exec sleep 100000
	EOF
	echo 3 > "$ROOT$RCD/mqtt/notification-fd"
	container_start "$ROOT" --
	exec_until test -s /tmp/mqtt.pids
	container_exec -- service mqtt restart
	[ "$status" -eq 0 ]
	container_exec -- s6-svstat -o up,ready,pid /run/service/mqtt
	[ "$output" = "true true $(tail -n 1 "$ROOT/tmp/mqtt.pids")" ]
	[ "$(wc -l < "$ROOT/tmp/mqtt.pids")" -eq 2 ]
	container_exec -- service nosuch start
	[ "$status" -eq 0 ]
	[ "$output" = 's6 service not found for nosuch, exiting...' ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[B7][B12] habit (hassio-addons/addon-ssh): a configuration check that exits 1 stops the container with 1 before the daemon starts, with s6-overlay's lines" {
	bashio
	init_oneshot init-ssh base <<-'EOF'
	#!/command/with-contenv bashio
	echo '[FATAL] Configuration of this add-on is incomplete.'
	exit 1
	EOF
	longrun sshd init-ssh <<-'EOF'
	#!/bin/sh
	touch /tmp/sshd.started
	exec sleep 100000
	EOF
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 -- sh -c 'echo cmd-ran'
	[ "$status" -eq 1 ]
	[ "$output" = '[FATAL] Configuration of this add-on is incomplete.' ]
	[ ! -e "$ROOT/tmp/sshd.started" ]
	# s6-rc's line, then rc.init's two, worded as s6-overlay's [B12]
	grep -qx 's6-rc: warning: unable to start service init-ssh: command exited 1' <<< "$stderr"
	grep -qxF '/run/s6/basedir/scripts/rc.init: warning: s6-rc failed to properly bring all the services up! Check your logs (in /run/uncaught-logs/current if you have in-container logging) for more information.' <<< "$stderr"
	grep -qxF '/run/s6/basedir/scripts/rc.init: fatal: stopping the container.' <<< "$stderr"
}

@test "[L3] habit (hassio-addons/addon-ssh): the image's own /usr/local/bin/shutdown is what its with-contenv scripts run, and the container goes on" {
	bashio
	# the add-on's shutdown asks the Supervisor to stop the host, not the container
	script /usr/local/bin/shutdown <<-'EOF'
	#!/command/with-contenv bashio
	echo "[bashio] asking the Supervisor to shut the host down"
	EOF
	longrun ttyd <<-'EOF'
	#!/command/with-contenv bashio
	shutdown
	echo "[ttyd] still here"
	exec sleep 100000
	EOF
	container_start "$ROOT" --
	container_wait_output '^\[ttyd\] still here$'
	grep -qx '\[bashio\] asking the Supervisor to shut the host down' "$CONTAINER/stdout"
	container_exec -- s6-svstat -u /run/service/ttyd
	[ "$output" = true ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

# --- pi-hole (s6-overlay 3.1 era, src/s6/debian-root) ----------------------

@test "[L2] habit (pi-hole/docker-pi-hole): /init moved to /s6-init boots the services and runs the CMD" {
	mv "$ROOT/init" "$ROOT/s6-init"
	init_oneshot _startup base <<-'EOF'
	#!/bin/sh
	echo '  [i] Docker start setup complete'
	EOF
	container_run "$ROOT" --entrypoint /s6-init -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- sh -c 'echo cmd; exit 5'
	[ "$status" -eq 5 ]
	[ "${lines[0]}" = '  [i] Docker start setup complete' ]
	[ "${lines[1]}" = cmd ]
}

@test "[R1][R2] habit (pi-hole/docker-pi-hole): type and old-style dependencies files without a trailing newline order the boot" {
	local d
	for d in _uid-gid-changer _startup pihole-FTL _postFTL; do mkdir -p "$ROOT$RCD/$d"; member user "$d"; done
	printf oneshot > "$ROOT$RCD/_uid-gid-changer/type"
	printf base > "$ROOT$RCD/_uid-gid-changer/dependencies"
	printf 'sh -c "echo uid-gid >> /tmp/order"' > "$ROOT$RCD/_uid-gid-changer/up"
	printf oneshot > "$ROOT$RCD/_startup/type"
	printf _uid-gid-changer > "$ROOT$RCD/_startup/dependencies"
	printf 'sh -c "echo startup >> /tmp/order"' > "$ROOT$RCD/_startup/up"
	printf longrun > "$ROOT$RCD/pihole-FTL/type"
	printf _startup > "$ROOT$RCD/pihole-FTL/dependencies"
	script "$RCD/pihole-FTL/run" <<-'EOF'
	#!/bin/sh
	exec sleep 100000
	EOF
	printf oneshot > "$ROOT$RCD/_postFTL/type"
	printf pihole-FTL > "$ROOT$RCD/_postFTL/dependencies"
	printf 'sh -c "echo postFTL FTL-up=$(s6-svstat -u /run/service/pihole-FTL) >> /tmp/order"' > "$ROOT$RCD/_postFTL/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- cat /tmp/order
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' uid-gid startup 'postFTL FTL-up=true')" ]
}

@test "[R4] habit (pi-hole/docker-pi-hole): an up file 'background { ... }' is up at once, and its job outlives the oneshot" {
	def _gravityonboot oneshot base
	member user _gravityonboot
	printf '#!/command/execlineb\nbackground { sh -e /usr/local/bin/gravityonboot.sh }' > "$ROOT$RCD/_gravityonboot/up"
	chmod 755 "$ROOT$RCD/_gravityonboot/up"
	script /usr/local/bin/gravityonboot.sh <<-'EOF'
	#!/bin/sh
	echo '  [i] Gravity update waiting'
	read go < /tmp/gravity.fifo
	echo "  [i] Gravity updated ($go)"
	EOF
	mkfifo "$ROOT/tmp/gravity.fifo"
	container_start "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 --
	container_wait_output 's6-rc: info: service legacy-services successfully started' 10 stderr
	grep -q 's6-rc: info: service _gravityonboot successfully started' "$CONTAINER/stderr"
	# the boot is over while the job still waits; it goes on when told
	! grep -q 'Gravity updated' "$CONTAINER/stdout"
	container_exec -- sh -c 'echo now > /tmp/gravity.fifo'
	container_wait_output 'Gravity updated \(now\)'
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[R4] habit (pi-hole/docker-pi-hole): an up file 'foreground { sh -e script }' succeeds when the script fails, as execline does" {
	def _startup oneshot base
	member user _startup
	printf '#!/command/execlineb\nforeground { sh -e /usr/local/bin/_startup.sh }' > "$ROOT$RCD/_startup/up"
	chmod 755 "$ROOT$RCD/_startup/up"
	script /usr/local/bin/_startup.sh <<-'EOF'
	#!/bin/sh
	echo '  [i] Starting docker specific checks'
	false
	echo '  [i] never here'
	EOF
	longrun pihole-FTL _startup <<-'EOF'
	#!/bin/sh
	touch /tmp/ftl.started
	exec sleep 100000
	EOF
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- sh -c 'while [ ! -e /tmp/ftl.started ]; do sleep 0.01; done; echo cmd-ran'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '  [i] Starting docker specific checks' cmd-ran)" ]
	grep -q 's6-rc: info: service _startup successfully started' <<< "$stderr"
}

# pi-hole's /usr/local/bin/service, in sh: the s6 commands behind "service"
pihole_service_wrapper() {
	script /usr/local/bin/service <<-'EOF'
	#!/bin/sh
	service=$1
	if [ ! -d "/run/service/$service" ]; then echo "s6 service not found for $service, exiting..."; exit; fi
	case $2 in
	start) /command/s6-svc -wu -u -T2500 /run/service/"$service" ;;
	stop) /command/s6-svc -wD -d -T2500 /run/service/"$service" ;;
	status) /command/s6-svstat /run/service/"$service" ;;
	esac
	EOF
}

@test "[R7][V4] habit (pi-hole/docker-pi-hole): a longrun in no bundle is started from another's run with s6-svc -wu -u and stopped from its finish with -wD -d; docker stop completes" {
	pihole_service_wrapper
	cont_finish_marker
	longrun lighttpd <<-'EOF'
	#!/command/with-contenv sh
	s6-echo "Starting lighttpd"
	service lighttpd-access-log start
	echo "access-log started: $?" > /tmp/lighttpd.start
	exec sleep 100000
	EOF
	script "$RCD/lighttpd/finish" <<-'EOF'
	#!/command/with-contenv sh
	s6-echo "Stopping lighttpd"
	service lighttpd-access-log stop
	s6-echo "lighttpd-access-log stop: $?"
	EOF
	# not in user: supervised, down, until something starts it [R7];
	# pi-hole's definition also carries an empty down file
	def lighttpd-access-log longrun
	: > "$ROOT$RCD/lighttpd-access-log/down"
	script "$RCD/lighttpd-access-log/run" <<-'EOF'
	#!/command/with-contenv sh
	s6-echo "Starting lighttpd-access-log"
	exec sleep 100000
	EOF
	script "$RCD/lighttpd-access-log/finish" <<-'EOF'
	#!/command/with-contenv sh
	s6-echo "Stopped lighttpd-access-log"
	EOF
	container_start "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 --
	exec_until test -s /tmp/lighttpd.start
	[ "$(cat "$ROOT/tmp/lighttpd.start")" = 'access-log started: 0' ]
	container_exec -- s6-svstat -u /run/service/lighttpd-access-log
	[ "$output" = true ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	grep -qx 'Stopping lighttpd' "$CONTAINER/stdout"
	grep -qx 'Stopped lighttpd-access-log' "$CONTAINER/stdout"
	grep -qx 'lighttpd-access-log stop: 0' "$CONTAINER/stdout"
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

@test "[B5] habit (pi-hole/docker-pi-hole): S6_KEEP_ENV=1 with with-contenv shebangs: services and the CMD get the whole environment" {
	longrun pihole-FTL <<-'EOF'
	#!/command/with-contenv sh
	echo "FTL_CMD=$FTL_CMD DNSMASQ_USER=$DNSMASQ_USER" > /tmp/ftl.env
	exec sleep 100000
	EOF
	longrun cron <<-'EOF'
	#!/bin/sh
	echo "FTL_CMD=$FTL_CMD" > /tmp/cron.env
	exec sleep 100000
	EOF
	container_run "$ROOT" -e S6_KEEP_ENV=1 -e FTL_CMD=no-daemon -e DNSMASQ_USER=pihole -- \
		sh -c 'while [ ! -s /tmp/ftl.env ] || [ ! -s /tmp/cron.env ]; do sleep 0.01; done; echo "cmd FTL_CMD=$FTL_CMD"'
	[ "$status" -eq 0 ]
	[ "$output" = 'cmd FTL_CMD=no-daemon' ]
	[ "$(cat "$ROOT/tmp/ftl.env")" = 'FTL_CMD=no-daemon DNSMASQ_USER=pihole' ]
	[ "$(cat "$ROOT/tmp/cron.env")" = 'FTL_CMD=no-daemon' ]
}

@test "[V4] habit (pi-hole/docker-pi-hole): a shell run script sends its daemon's stderr to stdout with execline's fdmove -c 2 1" {
	longrun cron <<-'EOF'
	#!/command/with-contenv sh
	fdmove -c 2 1 sh -c 'echo "cron: a line on stderr" >&2; exec sleep 100000'
	EOF
	container_start "$ROOT" --
	container_wait_output '^cron: a line on stderr$'
	! grep -q 'cron: a line on stderr' "$CONTAINER/stderr"
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

# --- linuxserver.io (docker-baseimage-alpine, docker-mods, docker-swag, ...) ---

@test "[R4][B8] habit (linuxserver/docker-baseimage-alpine): comment-only up files chain the init stages; the user2 oneshot 'echo \"[ls.io-init] done.\"' prints once, last" {
	init_oneshot init-adduser base <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo init-adduser >> /tmp/order
	EOF
	marker init-os-end init-adduser
	marker init-config init-os-end
	init_oneshot init-app-config init-config <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo init-app-config >> /tmp/order
	EOF
	marker init-config-end init-config init-app-config
	marker init-services init-config-end
	longrun svc-app init-services <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo svc-app >> /tmp/order
	exec sleep 100000
	EOF
	def ci-service-check oneshot legacy-services
	member user2 ci-service-check
	printf 'echo "[ls.io-init] done."' > "$ROOT$RCD/ci-service-check/up"
	container_start "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 --
	container_wait_output '^\[ls\.io-init\] done\.$'
	exec_until grep -q svc-app /tmp/order
	[ "$(cat "$ROOT/tmp/order")" = "$(printf '%s\n' init-adduser init-app-config svc-app)" ]
	# ci-service-check ran once the legacy services were up, after every user service
	local done_at svc_at
	done_at=$(grep -n 'service ci-service-check: starting' "$CONTAINER/stderr" | cut -d: -f1)
	svc_at=$(grep -n 'service legacy-services successfully started' "$CONTAINER/stderr" | cut -d: -f1)
	[ "$svc_at" -lt "$done_at" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	[ "$(grep -c 'ls.io-init' "$CONTAINER/stdout")" -eq 1 ]
}

@test "[B12] habit (linuxserver/docker-baseimage-alpine): at S6_VERBOSITY=1 no info line is printed, the image's own lines are" {
	init_oneshot init-adduser base <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo 'User UID:    911'
	EOF
	script /etc/cont-init.d/10-legacy <<-'EOF'
	#!/bin/sh
	echo '[legacy] cont-init'
	EOF
	mkdir -p "$ROOT/etc/services.d/legacy"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/legacy/run"
	chmod 755 "$ROOT/etc/services.d/legacy/run"
	def ci-service-check oneshot legacy-services
	member user2 ci-service-check
	printf 'echo "[ls.io-init] done."' > "$ROOT$RCD/ci-service-check/up"
	container_run "$ROOT" -e S6_VERBOSITY=1 -- true
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '[legacy] cont-init' 'User UID:    911' '[ls.io-init] done.')" ]
	# warnings may be there (s6-overlay warns about user in s6-rc.d at 1), info lines not
	! grep -q 'info:' <<< "$stderr"
}

@test "[B7][V5] habit (linuxserver/docker-mods): the stage 2 hook, a with-contenv script, sees the container's variables and marks a read-only root for the oneshots" {
	script /docker-mods <<-'EOF'
	#!/command/with-contenv sh
	echo "[mod-init] Running Docker Modification Logic for ${DOCKER_MODS:-none}"
	if grep -qEe ' / \w+ ro' /proc/mounts; then
		printf '1' > /run/s6/container_environment/LSIO_READ_ONLY_FS
	fi
	if [ "$(stat -c %u /run)" != 0 ]; then
		printf '1' > /run/s6/container_environment/LSIO_NON_ROOT_USER
	fi
	EOF
	init_oneshot init-adduser base <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "[init-adduser] read-only=${LSIO_READ_ONLY_FS:-no} non-root=${LSIO_NON_ROOT_USER:-no}"
	EOF
	container_run "$ROOT" -r -e S6_STAGE2_HOOK=/docker-mods -e DOCKER_MODS=linuxserver/mods:universal-cron \
		-e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- true
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '[mod-init] Running Docker Modification Logic for linuxserver/mods:universal-cron' \
		'[init-adduser] read-only=1 non-root=no')" ]
}

@test "[B7][R2] habit (linuxserver/docker-mods): the hook turns /custom-services.d files into custom-svc-* longruns after init-services and drops those the image had" {
	script /docker-mods <<-'EOF'
	#!/command/with-contenv sh
	rm -rf /etc/s6-overlay/s6-rc.d/custom-svc-*
	rm /etc/s6-overlay/s6-rc.d/user/contents.d/custom-svc-*
	for SERVICE in /custom-services.d/*; do
		NAME=$(basename "$SERVICE")
		echo "[custom-init] ${NAME}: service detected, copying..."
		mkdir -p /etc/s6-overlay/s6-rc.d/custom-svc-"$NAME"/dependencies.d/
		cp "$SERVICE" /etc/s6-overlay/s6-rc.d/custom-svc-"$NAME"/run
		chmod +x /etc/s6-overlay/s6-rc.d/custom-svc-"$NAME"/run
		echo longrun > /etc/s6-overlay/s6-rc.d/custom-svc-"$NAME"/type
		touch /etc/s6-overlay/s6-rc.d/custom-svc-"$NAME"/dependencies.d/init-services
		touch /etc/s6-overlay/s6-rc.d/user/contents.d/custom-svc-"$NAME"
	done
	EOF
	marker init-services base
	script /custom-services.d/hello <<-'EOF'
	#!/bin/sh
	echo "[custom] hello"
	exec sleep 100000
	EOF
	# left by an earlier build of the image: the hook removes it
	longrun custom-svc-old <<-'EOF'
	#!/bin/sh
	touch /tmp/old.ran
	exec sleep 100000
	EOF
	container_start "$ROOT" -e S6_STAGE2_HOOK=/docker-mods -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 --
	container_wait_output '^\[custom\] hello'
	container_exec -- s6-svstat -u /run/service/custom-svc-hello
	[ "$output" = true ]
	container_exec -- test -e /run/service/custom-svc-old
	[ "$status" -eq 1 ]
	[ ! -e "$ROOT/tmp/old.ran" ]
	grep -qx '\[custom-init\] hello: service detected, copying...' "$CONTAINER/stdout"
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[V2][V5] habit (linuxserver/docker-mods): the with-contenv umask wrapper applies UMASK when run from /servicedirs/svc-* or /run/s6/legacy-services/*" {
	# docker-mods replaces the symlinks tarball's /usr/bin/with-contenv by
	# a wrapper that reads the caller's cwd (pwdx there, /proc here)
	rm "$ROOT/usr/bin/with-contenv"
	script /usr/bin/with-contenv <<-'EOF'
	#!/bin/sh
	cwd=$(readlink /proc/$$/cwd)
	if [ -f /run/s6/container_environment/UMASK ]; then
		case "$cwd" in
		*/run/s6/legacy-services/*|*/run/s6/services/*|*/servicedirs/svc-*)
			umask "$(cat /run/s6/container_environment/UMASK)" ;;
		esac
	fi
	exec /command/with-contenv "$@"
	EOF
	init_oneshot init-config base <<-'EOF'
	#!/usr/bin/with-contenv sh
	touch /tmp/init-config.file
	EOF
	longrun svc-web <<-'EOF'
	#!/usr/bin/with-contenv sh
	touch /tmp/svc-web.file
	exec sleep 100000
	EOF
	mkdir -p "$ROOT/etc/services.d/legacy"
	printf '#!/usr/bin/with-contenv sh\ntouch /tmp/legacy.file\nexec sleep 100000\n' > "$ROOT/etc/services.d/legacy/run"
	chmod 755 "$ROOT/etc/services.d/legacy/run"
	container_run "$ROOT" -e UMASK=027 -- sh -c 'while [ ! -e /tmp/svc-web.file ] || [ ! -e /tmp/legacy.file ]; do sleep 0.01; done'
	[ "$status" -eq 0 ]
	[ "$(stat -c %a "$ROOT/tmp/svc-web.file")" = 640 ]
	[ "$(stat -c %a "$ROOT/tmp/legacy.file")" = 640 ]
	# a oneshot is not run from a service directory: the default umask
	[ "$(stat -c %a "$ROOT/tmp/init-config.file")" = 644 ]
}

@test "[B4][V5] habit (linuxserver/docker-baseimage-alpine): init-envfile turns FILE__ variables into their secrets, a multi-line one kept whole" {
	init_oneshot init-envfile <<-'EOF'
	#!/usr/bin/with-contenv sh
	for FILENAME in /run/s6/container_environment/FILE__*; do
		SECRETFILE=$(cat "$FILENAME")
		FILESTRIP=$(echo "$FILENAME" | sed 's/FILE__//')
		cat "$SECRETFILE" > "$FILESTRIP"
		echo "[env-init] ${FILESTRIP##*/} set from ${FILENAME##*/}"
	done
	EOF
	longrun svc-app init-envfile <<-'EOF'
	#!/usr/bin/with-contenv sh
	printf '%s' "$DB_PASSWORD" > /tmp/db.seen
	printf '%s' "$TLS_KEY" > /tmp/key.seen
	exec sleep 100000
	EOF
	mkdir -p "$ROOT/secrets"
	printf 's3cret\n' > "$ROOT/secrets/db"
	printf -- '-----BEGIN KEY-----\nabc\n-----END KEY-----\n' > "$ROOT/secrets/key"
	container_run "$ROOT" -e FILE__DB_PASSWORD=/secrets/db -e FILE__TLS_KEY=/secrets/key -- \
		sh -c 'while [ ! -e /tmp/key.seen ]; do sleep 0.01; done'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '[env-init] DB_PASSWORD set from FILE__DB_PASSWORD' '[env-init] TLS_KEY set from FILE__TLS_KEY')" ]
	[ "$(cat "$ROOT/tmp/db.seen")" = s3cret ]
	[ "$(cat "$ROOT/tmp/key.seen")" = "$(printf -- '-----BEGIN KEY-----\nabc\n-----END KEY-----')" ]
}

@test "[R4][B7] habit (linuxserver/docker-baseimage-alpine): a oneshot's run prints a data file kept in its own definition, which the hook rewrote at boot" {
	init_oneshot init-adduser base <<-'EOF'
	#!/usr/bin/with-contenv sh
	cat /etc/s6-overlay/s6-rc.d/init-adduser/branding
	EOF
	echo 'Based on images from linuxserver.io' > "$ROOT$RCD/init-adduser/branding"
	script /docker-mods <<-'EOF'
	#!/command/with-contenv sh
	if [ "$LSIO_FIRST_PARTY" = true ]; then
		echo 'Brought to you by linuxserver.io' | tee /run/branding /etc/s6-overlay/s6-rc.d/init-adduser/branding > /dev/null
	fi
	EOF
	container_run "$ROOT" -e S6_STAGE2_HOOK=/docker-mods -e LSIO_FIRST_PARTY=true -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- true
	[ "$status" -eq 0 ]
	[ "$output" = 'Brought to you by linuxserver.io' ]
}

@test "[R2] habit (linuxserver/docker-swag): a downstream layer adds a dependencies.d entry to the base image's init-config-end" {
	# the base image's layer
	marker init-config base
	marker init-config-end init-config
	marker init-services init-config-end
	longrun svc-nginx init-services <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo svc-nginx >> /tmp/order
	exec sleep 100000
	EOF
	# the application's layer: its own oneshot, and one empty file in the
	# base's definition
	init_oneshot init-swag-config init-config <<-'EOF'
	#!/usr/bin/with-contenv sh
	sleep 0.2
	echo init-swag-config >> /tmp/order
	EOF
	: > "$ROOT$RCD/init-config-end/dependencies.d/init-swag-config"
	container_run "$ROOT" -- sh -c 'while ! grep -q svc-nginx /tmp/order 2>/dev/null; do sleep 0.01; done; cat /tmp/order'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' init-swag-config svc-nginx)" ]
}

@test "[I4][S5] habit (linuxserver/docker-swag): a oneshot that sleeps forever without URL holds the boot; docker stop still ends the container with 0" {
	init_oneshot init-require-url base <<-'EOF'
	#!/usr/bin/with-contenv sh
	if [ -z "${URL}" ]; then
		echo "Please pass your URL as an environment variable in your docker run command."
		sleep infinity
	fi
	EOF
	longrun svc-nginx init-require-url <<-'EOF'
	#!/bin/sh
	touch /tmp/nginx.started
	exec sleep 100000
	EOF
	cont_finish_marker
	container_start "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=0 --
	container_wait_output 'Please pass your URL'
	# s6-overlay's shutdown waits for the rc lock forever here (Docker's
	# KILL, 137); bosun bounds that wait [I4]
	container_stop "$CONTAINER" 30
	echo "stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	[ ! -e "$ROOT/tmp/nginx.started" ]
	# an orderly stop: cont-init's counterpart ran
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

@test "[V4] habit (linuxserver/docker-code-server): s6-notifyoncheck -c 'command line' makes the longrun ready only once its check passes" {
	longrun svc-code-server <<-'EOF'
	#!/usr/bin/with-contenv sh
	exec s6-notifyoncheck -d -n 300 -w 100 -c "test -e /tmp/listening" \
		sh -c 'read x < /tmp/bind.fifo; touch /tmp/listening; exec sleep 100000'
	EOF
	echo 3 > "$ROOT$RCD/svc-code-server/notification-fd"
	longrun svc-after svc-code-server <<-'EOF'
	#!/bin/sh
	touch /tmp/after.started
	exec sleep 100000
	EOF
	mkfifo "$ROOT/tmp/bind.fifo"
	container_start "$ROOT" --
	exec_until sh -c '[ "$(s6-svstat -u /run/service/svc-code-server)" = true ]'
	container_exec -- s6-svstat -o up,ready /run/service/svc-code-server
	[ "$output" = 'true false' ]
	[ ! -e "$ROOT/tmp/after.started" ]
	container_exec -- sh -c 'echo bind > /tmp/bind.fifo'
	container_exec -- s6-svwait -U -t 10000 /run/service/svc-code-server
	[ "$status" -eq 0 ]
	exec_until test -e /tmp/after.started
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[V2] habit (linuxserver/docker-swag): a disabled service idles in 'sleep infinity'; docker stop ends it with TERM" {
	cont_finish_marker
	longrun svc-fail2ban <<-'EOF'
	#!/usr/bin/with-contenv sh
	if [ "${DISABLE_F2B}" != "true" ]; then
		exec sh -c 'echo fail2ban-started; exec sleep 100000'
	else
		echo '[fail2ban] disabled'
		exec sleep infinity
	fi
	EOF
	container_start "$ROOT" -e DISABLE_F2B=true --
	container_wait_output '^\[fail2ban\] disabled$'
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	grep -q 's6-rc: info: service svc-fail2ban successfully stopped' "$CONTAINER/stderr"
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

# --- crazy-max/docker-rtorrent-rutorrent ----------------------------------

@test "[B11][V4] habit (crazy-max/docker-rtorrent-rutorrent): a cont-init script writes execline services.d runs: with-contenv, export HOME, s6-setuidgid PUID:PGID" {
	script /etc/cont-init.d/04-create-services.sh <<-'OUTER'
	#!/usr/bin/with-contenv sh
	mkdir -p /etc/services.d/rtorrent
	cat > /etc/services.d/rtorrent/run <<EOL
	#!/usr/bin/execlineb -P
	with-contenv
	export HOME /data/rtorrent
	s6-setuidgid ${PUID}:${PGID}
	sh -c "echo \$(id -u):\$(id -g) HOME=\$HOME TZ=\$TZ > /tmp/rtorrent.id; exec sleep 100000"
	EOL
	chmod +x /etc/services.d/rtorrent/run
	OUTER
	container_run "$ROOT" -e PUID=1000 -e PGID=1000 -e TZ=UTC -- sh -c 'while [ ! -s /tmp/rtorrent.id ]; do sleep 0.01; done; cat /tmp/rtorrent.id'
	[ "$status" -eq 0 ]
	[ "$output" = '1000:1000 HOME=/data/rtorrent TZ=UTC' ]
	grep -q '^s6-setuidgid 1000:1000$' "$ROOT/etc/services.d/rtorrent/run"
}

@test "[B4][V5] habit (crazy-max/docker-rtorrent-rutorrent): a cont-init script saves WAN_IP with printf (no newline) through /var/run; the next script and the services read it" {
	script /etc/cont-init.d/03-config.sh <<-'EOF'
	#!/usr/bin/with-contenv sh
	WAN_IP=${WAN_IP:-203.0.113.7}
	printf "%s" "$WAN_IP" > /var/run/s6/container_environment/WAN_IP
	EOF
	script /etc/cont-init.d/04-create-services.sh <<-'OUTER'
	#!/usr/bin/with-contenv sh
	mkdir -p /etc/services.d/rtorrent
	printf '#!/usr/bin/with-contenv sh\necho "rtorrent network.local_address.set=$WAN_IP" > /tmp/rtorrent.cmd\nexec sleep 100000\n' > /etc/services.d/rtorrent/run
	chmod +x /etc/services.d/rtorrent/run
	echo "04: WAN_IP=${WAN_IP}"
	OUTER
	container_run "$ROOT" -- sh -c 'while [ ! -s /tmp/rtorrent.cmd ]; do sleep 0.01; done; cat /tmp/rtorrent.cmd; printcontenv WAN_IP'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' '04: WAN_IP=203.0.113.7' 'rtorrent network.local_address.set=203.0.113.7' 203.0.113.7)" ]
}

@test "[B10] habit (crazy-max/docker-rtorrent-rutorrent): a cont-init script chowns /proc/self/fd/1 and 2 so that services running as PUID can reopen /dev/stdout" {
	script /etc/cont-init.d/00-fix-logs.sh <<-'EOF'
	#!/usr/bin/with-contenv sh
	chown ${PUID}:${PGID} /proc/self/fd/1 /proc/self/fd/2 || true
	EOF
	mkdir -p "$ROOT/etc/services.d/nginx"
	printf '#!/usr/bin/execlineb -P\nwith-contenv\ns6-setuidgid 1000:1000\nsh -c "echo nginx: reopened stdout as $(id -u) > /dev/stdout; exec sleep 100000"\n' \
		> "$ROOT/etc/services.d/nginx/run"
	chmod 755 "$ROOT/etc/services.d/nginx/run"
	container_start "$ROOT" -e PUID=1000 -e PGID=1000 --
	container_wait_output '^nginx: reopened stdout as 1000$'
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
}

@test "[B12][B11] habit (crazy-max/docker-rtorrent-rutorrent): services.d services are announced with services-up's copying lines, with and without readiness" {
	local s
	for s in nginx php-fpm; do
		mkdir -p "$ROOT/etc/services.d/$s"
		printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/$s/run"
		chmod 755 "$ROOT/etc/services.d/$s/run"
	done
	printf '#!/bin/sh\necho >&3\nexec sleep 100000\n' > "$ROOT/etc/services.d/php-fpm/run"
	echo 3 > "$ROOT/etc/services.d/php-fpm/notification-fd"
	container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -- true
	[ "$status" -eq 0 ]
	grep -qx 'services-up: info: copying legacy longrun nginx (no readiness notification)' <<< "$stderr"
	grep -qx 'services-up: info: copying legacy longrun php-fpm' <<< "$stderr"
}

@test "[S4] habit (crazy-max/docker-rtorrent-rutorrent): S6_KILL_GRACETIME=10000, longer than docker stop's grace: a daemon left by cont-init still ends and the container stops by itself" {
	script /etc/cont-init.d/05-daemon.sh <<-'EOF'
	#!/usr/bin/with-contenv sh
	sleep 100000 &
	echo $! > /tmp/daemon.pid
	EOF
	mkdir -p "$ROOT/etc/services.d/rtorrent"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/rtorrent/run"
	chmod 755 "$ROOT/etc/services.d/rtorrent/run"
	container_start "$ROOT" -e S6_KILL_GRACETIME=10000 -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 --
	container_wait_output 's6-rc: info: service legacy-services successfully started' 10 stderr
	container_exec -- sh -c 'kill -0 "$(cat /tmp/daemon.pid)"'
	[ "$status" -eq 0 ]
	# the final sweep's TERM ends the daemon; nothing is left to wait for
	# (s6-overlay sleeps the whole S6_KILL_GRACETIME: Docker's KILL, 137) [S4]
	container_stop "$CONTAINER" 5
	echo "stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
}

# --- TencentBlueKing/blueking-paas -----------------------------------------

@test "[V2] habit (TencentBlueKing/blueking-paas builder-stack dev image): a disabled longrun that exits 0 at once is restarted, and holds neither the boot nor docker stop" {
	longrun code-server base <<-'EOF'
	#!/usr/bin/with-contenv sh
	if [ "$ENABLE_CODE_EDITOR" = "true" ]; then
		exec sleep 100000
	else
		echo "code-server is not enabled, skip..."
		echo x >> /tmp/code-server.runs
	fi
	EOF
	longrun dev-server base <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "starting dev-builder"
	exec sleep 100000
	EOF
	cont_finish_marker
	container_start "$ROOT" -e ENABLE_CODE_EDITOR=false --
	container_wait_output 's6-rc: info: service legacy-services successfully started' 10 stderr
	container_wait_output '^starting dev-builder$'
	exec_until sh -c '[ "$(wc -l < /tmp/code-server.runs)" -ge 2 ]'
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

@test "[I4][S4] habit (TencentBlueKing/blueking-paas builder-stack dev image): a run script that does not exec its program; docker stop ends the child too" {
	longrun dev-server base <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "starting dev-builder"
	/cnb/devsandbox/bin/dev-entrypoint
	EOF
	script /cnb/devsandbox/bin/dev-entrypoint <<-'EOF'
	#!/bin/sh
	echo $$ > /tmp/dev-entrypoint.pid
	exec sleep 100000
	EOF
	cont_finish_marker
	container_start "$ROOT" --
	exec_until test -s /tmp/dev-entrypoint.pid
	# the supervised process is the shell, the program its child
	container_exec -- s6-svstat -o pid /run/service/dev-server
	[ "$output" != "$(cat "$ROOT/tmp/dev-entrypoint.pid")" ]
	container_stop "$CONTAINER" 20
	[ "$status" -eq 0 ]
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

@test "[S1][V4] habit (TencentBlueKing/blueking-paas webfe): an execlineb -S1 finish calls s6-svscanctl -t /run/service when its service fails: the container stops" {
	mkdir -p "$ROOT/etc/services.d/nginx"
	printf '#!/usr/bin/with-contenv sh\necho run >> /tmp/nginx.runs\nexec sh -c "read code < /tmp/nginx.fifo; exit \\$code"\n' > "$ROOT/etc/services.d/nginx/run"
	printf '#!/usr/bin/execlineb -S1\n# only tell s6 to bring down the container on a real failure\nif { eltest ${1} -ne 0 }\nif { eltest ${1} -ne 256 }\ns6-svscanctl -t /run/service\n' \
		> "$ROOT/etc/services.d/nginx/finish"
	chmod 755 "$ROOT/etc/services.d/nginx/run" "$ROOT/etc/services.d/nginx/finish"
	mkfifo "$ROOT/tmp/nginx.fifo"
	cont_finish_marker
	container_start "$ROOT" --
	exec_until test -s /tmp/nginx.runs
	# exit 0: the finish leaves the container alone, the service comes back
	container_exec -- sh -c 'echo 0 > /tmp/nginx.fifo'
	exec_until sh -c '[ "$(wc -l < /tmp/nginx.runs)" -ge 2 ]'
	# exit 1: the finish stops the container; its status is the exitcode file's
	container_exec -- sh -c 'echo 1 > /tmp/nginx.fifo'
	container_wait "$CONTAINER" 20
	[ "$status" -eq 0 ]
	[ "$(wc -l < "$ROOT/tmp/nginx.runs")" -eq 2 ]
	grep -qx '\[cont-finish\] bye' "$CONTAINER/stdout"
}

@test "[V5][B10] habit (TencentBlueKing/blueking-paas webfe): an execline set-contenv helper (backtick, pipeline, redirfd, s6-echo -n) saves a variable that with-contenv scripts read" {
	script /usr/bin/set-contenv <<-'EOF'
	#!/usr/bin/execlineb -S0
	if { eltest $# -eq 2 }
	backtick -n FILENAME { pipeline { s6-echo "${1}" } tr "a-z" "A-Z" }
	importas -u FILENAME FILENAME
	redirfd -w 1 /var/run/s6/container_environment/${FILENAME}
	s6-echo -n -- ${2}
	EOF
	script /etc/cont-init.d/30-resolver <<-'EOF'
	#!/usr/bin/with-contenv sh
	if [ -z "$GO_DNSMASQ_LOG_FILE" ]; then
		set-contenv go_dnsmasq_log_file /var/log/go-dnsmasq/go-dnsmasq.log
	fi
	EOF
	script /etc/cont-init.d/40-resolver <<-'EOF'
	#!/usr/bin/with-contenv sh
	mkdir -p `dirname $GO_DNSMASQ_LOG_FILE`
	EOF
	mkdir -p "$ROOT/etc/services.d/resolver"
	printf '#!/usr/bin/with-contenv sh\necho resolver-started >> $GO_DNSMASQ_LOG_FILE\nexec sleep 100000\n' > "$ROOT/etc/services.d/resolver/run"
	chmod 755 "$ROOT/etc/services.d/resolver/run"
	container_run "$ROOT" -- sh -c 'while [ ! -s /var/log/go-dnsmasq/go-dnsmasq.log ]; do sleep 0.01; done
		cat /var/log/go-dnsmasq/go-dnsmasq.log; wc -c < /run/s6/container_environment/GO_DNSMASQ_LOG_FILE'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = resolver-started ]
	# saved with s6-echo -n: the value, no newline after it
	local path=/var/log/go-dnsmasq/go-dnsmasq.log
	[ "${lines[1]}" -eq "${#path}" ]
}

# The same additions, checked at build time: bosun check reads the
# package's sources as the boot does, and names a bad one by its path.
@test "[B8][B7] habit (hassio-addons/addon-base): bosun check reads s6-overlay's package sources and names a broken one" {
	ha_base_sources
	container_run "$ROOT" --entrypoint /command/bosun -- check
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	mkdir -p "$ROOT/package/admin/s6-overlay-3.2.1.0/etc/s6-rc/sources/base-addon-banner/dependencies.d"
	: > "$ROOT/package/admin/s6-overlay-3.2.1.0/etc/s6-rc/sources/base-addon-banner/dependencies.d/no-such-service"
	container_run "$ROOT" --entrypoint /command/bosun -- check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"/package/admin/s6-overlay-3.2.1.0/etc/s6-rc/sources/base-addon-banner"*"no-such-service"* ]]
}

# On a read-only root /init cannot make the unversioned link the scripts
# name: the boot goes on, the additions still read through the versioned
# directory, and a warning gives the Dockerfile line that makes the link.
@test "[B8][P2] habit (hassio-addons/addon-base): on a read-only root the missing package link is a warning with the RUN ln -s line" {
	ha_base_sources
	container_run "$ROOT" -r -- true
	[[ "$stderr" == *"RUN ln -s"*"s6-overlay-3.2.1.0"* ]]
	[ ! -e "$ROOT/package/admin/s6-overlay" ]
}
