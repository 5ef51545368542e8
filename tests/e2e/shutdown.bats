#!/usr/bin/env bats
# Stage 3 and faults: stops at every moment of the boot [S1][S2][S5],
# processes that will not stop [I4][S3][S4], failing hooks and scripts
# [B7][B10], the exit status finish scripts leave [X2], a stale /run [B3],
# and the S6_* variables of contract s.10 that no other suite covers.

load common

setup() { busybox_root; needs_supervisor; }

RCD=/etc/s6-overlay/s6-rc.d

# svc NAME TYPE [DEP...]: a definition in user depending on DEPs
svc() {
	local name=$1 type=$2 d
	shift 2
	mkdir -p "$ROOT$RCD/$name/dependencies.d" "$ROOT$RCD/user/contents.d"
	echo "$type" > "$ROOT$RCD/$name/type"
	for d in "$@"; do : > "$ROOT$RCD/$name/dependencies.d/$d"; done
	: > "$ROOT$RCD/user/contents.d/$name"
}

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
