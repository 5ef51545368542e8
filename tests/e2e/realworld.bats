#!/usr/bin/env bats
# Whole images as they are written in the wild, booted and stopped: a
# linuxserver.io-style tree (init-* oneshots on base, svc-* longruns run as
# the image's user, a readiness gate, an end marker in user2, docker-mods
# through S6_STAGE2_HOOK, a cont-init script that writes a services.d
# service), a Home Assistant add-on (finish scripts that write the exit
# code and halt, bundles changed at run time), and the "main service"
# pattern where one longrun's exit code becomes the container's.

load common


# The image's root: the four tarballs, as a Dockerfile that wants
# #!/usr/bin/with-contenv shebangs unpacks them [L1][L3].
setup() {
	ROOT=$(make_root busybox "$REPO/dist/bosun-noarch.tar.xz" "$REPO/dist/bosun-x86_64.tar.xz" \
		"$REPO/dist/bosun-symlinks-noarch.tar.xz" "$REPO/dist/bosun-symlinks-arch.tar.xz") || return 1
	needs_supervisor
}

# def NAME TYPE [DEP...]: a definition depending on DEPs (no bundle membership)
def() {
	local name=$1 type=$2 d
	shift 2
	mkdir -p "$ROOT$RCD/$name/dependencies.d"
	echo "$type" > "$ROOT$RCD/$name/type"
	for d in "$@"; do : > "$ROOT$RCD/$name/dependencies.d/$d"; done
}

# member BUNDLE NAME...: contents.d entries, the way images write user and
# user2 (no type file)
member() {
	local b=$1 n
	shift
	mkdir -p "$ROOT$RCD/$b/contents.d"
	for n in "$@"; do : > "$ROOT$RCD/$b/contents.d/$n"; done
}

# lsio_oneshot NAME [DEP...]: a oneshot in user whose up file holds one
# absolute path to a with-contenv script that appends NAME to /tmp/order
lsio_oneshot() {
	local name=$1
	def "$name" oneshot "${@:2}"
	member user "$name"
	echo "$RCD/$name/run" > "$ROOT$RCD/$name/up"
	script "$RCD/$name/run" <<-EOF
	#!/usr/bin/with-contenv sh
	echo $name >> /tmp/order
	EOF
}

# The linuxserver.io shape, from their base images: abc is the image's user
# (uid 911), renumbered to PUID by init-adduser at boot.
lsio_tree() {
	echo 'abc:x:911:911::/config:/bin/false' >> "$ROOT/etc/passwd"
	echo 'abc:x:911:' >> "$ROOT/etc/group"
	lsio_oneshot init-adduser base
	cat >> "$ROOT$RCD/init-adduser/run" <<-'EOF'
	sed -i "s/^abc:x:911:911:/abc:x:${PUID:-911}:${PGID:-911}:/" /etc/passwd
	sed -i "s/^abc:x:911:/abc:x:${PGID:-911}:/" /etc/group
	mkdir -p /config
	chown abc:abc /config
	EOF
	lsio_oneshot init-config init-adduser
	lsio_oneshot init-mods init-config
	lsio_oneshot init-services init-mods
	# svc-app: ready once its check passes (s6-notifyoncheck, data/check)
	def svc-app longrun init-services
	member user svc-app
	echo 3 > "$ROOT$RCD/svc-app/notification-fd"
	script "$RCD/svc-app/run" <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo svc-app >> /tmp/order
	exec s6-notifyoncheck -d -n 300 -w 20 \
		s6-setuidgid abc sh -c 'echo "$(id -u):$(id -g) TZ=$TZ MOD_VAR=$MOD_VAR" > /config/app.id; sleep 0.2; touch /config/listening; exec sleep 100000'
	EOF
	script "$RCD/svc-app/data/check" <<-'EOF'
	#!/bin/sh
	test -e /config/listening
	EOF
	# svc-web: needs svc-app ready; its run has no with-contenv [B5]
	def svc-web longrun svc-app
	member user svc-web
	echo 3 > "$ROOT$RCD/svc-web/notification-fd"
	script "$RCD/svc-web/run" <<-'EOF'
	#!/bin/sh
	if test -e /config/listening; then echo svc-web >> /tmp/order; else echo svc-web-too-early >> /tmp/order; fi
	echo "TZ=${TZ:-unset}" > /tmp/web.env
	echo >&3
	exec s6-setuidgid abc sleep 100000
	EOF
	# the end-of-init marker
	def init-done oneshot legacy-services
	member user2 init-done
	echo "$RCD/init-done/run" > "$ROOT$RCD/init-done/up"
	script "$RCD/init-done/run" <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo done >> /tmp/order
	echo '[ls.io-init] done.'
	EOF
	# a cont-init script that writes a services.d service (crazy-max) [B11]
	script /etc/cont-init.d/50-gen <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo cont-init >> /tmp/order
	mkdir -p /etc/services.d/gen
	printf '#!/bin/sh\necho "$PWD" > /tmp/gen.cwd\nexec sleep 100000\n' > /etc/services.d/gen/run
	chmod 755 /etc/services.d/gen/run
	EOF
	# docker-mods: the hook adds a oneshot between init-mods and
	# init-services, and a variable for the services [B7]
	script /docker-mods <<-EOF
	#!/bin/sh
	echo "hook PATH=\$PATH TZ=\${TZ:-unset}" > /tmp/hook.env
	mkdir -p $RCD/init-mod-foo/dependencies.d $RCD/user/contents.d
	echo oneshot > $RCD/init-mod-foo/type
	: > $RCD/init-mod-foo/dependencies.d/init-mods
	echo "sh -c \"echo init-mod-foo >> /tmp/order\"" > $RCD/init-mod-foo/up
	: > $RCD/user/contents.d/init-mod-foo
	: > $RCD/init-services/dependencies.d/init-mod-foo
	printf from-mod > /run/s6/container_environment/MOD_VAR
	EOF
}

@test "[B7][B8][B11][V4][V5] linuxserver.io-style image: boots in order, as its user, with its environment, stops cleanly" {
	lsio_tree
	container_start "$ROOT" -e PUID=1234 -e PGID=1235 -e TZ=Europe/Paris -e S6_STAGE2_HOOK=/docker-mods \
		-e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 --
	container_wait_output '\[ls\.io-init\] done\.' 20
	exec_until test -s /tmp/gen.cwd
	# order: cont-init (base), the init-* chain with the mod's oneshot in
	# it, svc-app ready before svc-web starts, then the user2 marker
	run cat "$ROOT/tmp/order"
	[ "$output" = "$(printf '%s\n' cont-init init-adduser init-config init-mods init-mod-foo init-services svc-app svc-web done)" ]
	# users: svc-app's program runs as abc, renumbered from PUID/PGID
	[ "$(cat "$ROOT/config/app.id")" = "1234:1235 TZ=Europe/Paris MOD_VAR=from-mod" ]
	container_exec -- sh -c 'for p in /proc/[0-9]*; do [ "$(cat $p/comm)" = sleep ] && stat -c %u $p; done | sort | uniq -c'
	[[ "$output" == *"2 1234"* ]]
	[[ "$output" == *"1 0"* ]]
	# environment: the run script without with-contenv gets PATH only, the
	# hook too [B5]
	[ "$(cat "$ROOT/tmp/web.env")" = "TZ=unset" ]
	[[ "$(cat "$ROOT/tmp/hook.env")" == "hook PATH=/command:"*" TZ=unset" ]]
	# the generated services.d service is supervised from its copy [B11]
	[ "$(cat "$ROOT/tmp/gen.cwd")" = /run/s6/legacy-services/gen ]
	container_exec -- /command/s6-svstat -u /run/service/svc-app
	[ "$output" = true ]
	# docker stop
	container_stop "$CONTAINER" 20
	echo "stop: $STOP_MS ms" >&3
	[ "$status" -eq 0 ]
	grep -q 's6-rc: info: service svc-app successfully stopped' "$CONTAINER/stderr"
	grep -q 's6-rc: info: service init-adduser successfully stopped' "$CONTAINER/stderr"
	! grep -q 'warning' "$CONTAINER/stderr"
	# reverse order [S3]: svc-web is down before svc-app is stopped
	local web app
	web=$(grep -n 'service svc-web successfully stopped' "$CONTAINER/stderr" | cut -d: -f1)
	app=$(grep -n 'service svc-app: stopping' "$CONTAINER/stderr" | cut -d: -f1)
	[ "$web" -lt "$app" ]
}

# ha_finish SVC: the finish script of the Home Assistant community add-ons:
# 128+signal (or the exit code) into the exitcode file unless something
# was there already, then halt on TERM or on a crash
ha_finish() {
	script "$RCD/$1/finish" <<-'EOF'
	#!/bin/sh
	echo "finish $1 $2" >> /tmp/ha.log
	container=$(cat /run/s6-linux-init-container-results/exitcode 2>/dev/null)
	if [ "$1" -eq 256 ]; then
		[ "${container:-0}" -eq 0 ] && echo $((128 + $2)) > /run/s6-linux-init-container-results/exitcode
		[ "$2" -eq 15 ] && exec /run/s6/basedir/bin/halt
	elif [ "$1" -ne 0 ]; then
		[ "${container:-0}" -eq 0 ] && echo "$1" > /run/s6-linux-init-container-results/exitcode
		exec /run/s6/basedir/bin/halt
	fi
	exit 0
	EOF
}

# The Home Assistant add-on shape: init-addon (a oneshot with a down
# script) prepares, the addon longrun (with-contenv, HA's finish) waits on
# a fifo for the exit code it should crash with; the bundle extra (outside
# user) is for s6-rc at run time.
ha_tree() {
	def init-addon oneshot base
	member user init-addon
	echo "$RCD/init-addon/run" > "$ROOT$RCD/init-addon/up"
	echo "$RCD/init-addon/finish" > "$ROOT$RCD/init-addon/down"
	script "$RCD/init-addon/run" <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "init-addon ADDON_OPT=$ADDON_OPT" >> /tmp/ha.log
	[ -p /tmp/crash.fifo ] || mkfifo /tmp/crash.fifo
	EOF
	script "$RCD/init-addon/finish" <<-'EOF'
	#!/bin/sh
	echo init-addon-down >> /tmp/ha.log
	EOF
	def addon longrun init-addon
	member user addon
	script "$RCD/addon/run" <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "addon ADDON_OPT=$ADDON_OPT" >> /tmp/ha.log
	exec sh -c 'read code < /tmp/crash.fifo; exit "$code"'
	EOF
	ha_finish addon
	def extra bundle
	member extra extra-prep extra-db
	def extra-prep oneshot
	echo 'sh -c "echo extra-prep-up >> /tmp/ha.log"' > "$ROOT$RCD/extra-prep/up"
	echo 'sh -c "echo extra-prep-down >> /tmp/ha.log"' > "$ROOT$RCD/extra-prep/down"
	def extra-db longrun extra-prep
	printf '#!/bin/sh\necho extra-db >> /tmp/ha.log\nexec sleep 100000\n' > "$ROOT$RCD/extra-db/run"
}

@test "[R7][V4][S3][X2] Home Assistant-style add-on: a bundle changed at run time, docker stop exits with the finish script's 128+TERM" {
	ha_tree
	container_start "$ROOT" -e ADDON_OPT=on --
	exec_until grep -q '^addon ' /tmp/ha.log
	container_exec -- /command/s6-rc -u change extra
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svstat -u /run/service/extra-db
	[ "$output" = true ]
	container_exec -- /command/s6-rc -d change extra
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svstat -u /run/service/extra-db
	[ "$output" = false ]
	# only addon's finish halts; extra-db has none
	container_stop "$CONTAINER" 20
	echo "stop: $STOP_MS ms" >&3
	[ "$status" -eq 143 ]
	run cat "$ROOT/tmp/ha.log"
	[ "$output" = "$(printf '%s\n' 'init-addon ADDON_OPT=on' 'addon ADDON_OPT=on' extra-prep-up extra-db extra-prep-down 'finish 256 15' init-addon-down)" ]
}

@test "[X2][S1] Home Assistant-style add-on: a crash halts the container with the service's exit code" {
	ha_tree
	container_start "$ROOT" --
	exec_until grep -q '^addon ' /tmp/ha.log
	container_exec -- sh -c 'echo 3 > /tmp/crash.fifo'
	container_wait "$CONTAINER" 20
	[ "$status" -eq 3 ]
	grep -q '^finish 3 ' "$ROOT/tmp/ha.log"
	grep -qx init-addon-down "$ROOT/tmp/ha.log"
}

# main: run once (s6-svc -O .), its finish writes its status and halts:
# the container's exit status is the main service's [X2] (contract s.6)
main_tree() {
	def main longrun
	member user main
	script "$RCD/main/run" <<-'EOF'
	#!/bin/sh
	s6-svc -O .
	echo main-start >> /tmp/main.log
	[ -p /tmp/main.fifo ] || mkfifo /tmp/main.fifo
	exec sh -c 'read code < /tmp/main.fifo; exit "$code"'
	EOF
	script "$RCD/main/finish" <<-'EOF'
	#!/bin/sh
	echo "finish $1 $2" >> /tmp/main.log
	if [ "$1" -eq 256 ]; then echo $((128 + $2)); else echo "$1"; fi > /run/s6-linux-init-container-results/exitcode
	exec /run/s6/basedir/bin/halt
	EOF
}

@test "[X2][V4] main-service pattern: a run-once longrun's exit code becomes the container's" {
	main_tree
	container_start "$ROOT" --
	exec_until test -p /tmp/main.fifo
	container_exec -- sh -c 'echo 7 > /tmp/main.fifo'
	container_wait "$CONTAINER" 20
	[ "$status" -eq 7 ]
	[ "$(grep -c main-start "$ROOT/tmp/main.log")" -eq 1 ]
	[ "$(grep -c finish "$ROOT/tmp/main.log")" -eq 1 ]
	# the same image, stopped by docker stop: the main service's 128+TERM
	rm "$ROOT/tmp/main.log"
	container_start "$ROOT" --
	exec_until grep -q main-start /tmp/main.log
	container_stop "$CONTAINER" 20
	[ "$status" -eq 143 ]
	[ "$(cat "$ROOT/tmp/main.log")" = "$(printf 'main-start\nfinish 256 15')" ]
}
