#!/usr/bin/env bats
# The exitcode file [X2] (contract s.6): it exists, holding "0\n", before
# stage 2 starts, as s6-overlay creates it, because images' finish scripts
# read it under errexit before deciding to write their own code and halt;
# and PID 1 never loses a code the file could not take, without taking the
# file written at boot for a later writer.

load common

setup() { busybox_root; }

@test "[X2] the exitcode file holds 0 and a newline when the hook, cont-init.d and the CMD start" {
	script /hook <<-'EOF'
	#!/bin/sh
	od -An -c /run/s6-linux-init-container-results/exitcode > /tmp/hook
	EOF
	script /etc/cont-init.d/10-read <<-'EOF'
	#!/bin/sh
	od -An -c /run/s6-linux-init-container-results/exitcode > /tmp/cont-init
	EOF
	container_run "$ROOT" -e S6_STAGE2_HOOK=/hook -- od -An -c "$EXITCODE"
	[ "$status" -eq 0 ]
	[ "$(echo $output)" = '0 \n' ]
	[ "$(echo $(cat "$ROOT/tmp/hook"))" = '0 \n' ]
	[ "$(echo $(cat "$ROOT/tmp/cont-init"))" = '0 \n' ]
}

# A finish script in the habit of Home Assistant add-ons (hassio-addons
# addon-base and the add-ons on it) and linuxserver.io images: under set -e
# it reads the current code, writes the service's own when none was set,
# then halts the container.
habit_finish() {
	cat > "$1" <<-'EOF'
	#!/bin/sh
	set -e
	current=$(cat /run/s6-linux-init-container-results/exitcode)
	if [ "$current" = 0 ] && [ "$1" -ne 0 ] && [ "$1" -ne 256 ]; then
		echo "$1" > /run/s6-linux-init-container-results/exitcode
	fi
	exec /run/s6/basedir/bin/halt
	EOF
	chmod 0755 "$1"
}

@test "[X2][S1] hassio-addons: an s6-rc longrun's finish reading the exitcode file under set -e gets the service's code to the container" {
	svc app longrun
	printf '#!/bin/sh\nexit 3\n' > "$ROOT$RCD/app/run"
	habit_finish "$ROOT$RCD/app/finish"
	CONTAINER_TIMEOUT=15 container_run "$ROOT" --
	[ "$status" -eq 3 ]
}

@test "[X2][S1] linuxserver: a services.d finish reading the exitcode file under set -e gets the service's code to the container" {
	mkdir -p "$ROOT/etc/services.d/app"
	printf '#!/bin/sh\nexit 5\n' > "$ROOT/etc/services.d/app/run"
	chmod 0755 "$ROOT/etc/services.d/app/run"
	habit_finish "$ROOT/etc/services.d/app/finish"
	CONTAINER_TIMEOUT=15 container_run "$ROOT" --
	[ "$status" -eq 5 ]
}

@test "[X2] the file written at boot is not taken for a later writer: a code the file refuses wins over its 0" {
	# uid 1000 owns /run; the CMD makes the file read-only (chmod keeps its
	# mtime), so PID 1, running as 1000 without capabilities, cannot write 7
	mkdir -p "$ROOT/run" && chown 1000:1000 "$ROOT/run"
	container_run "$ROOT" --no-run-tmpfs -u 1000:1000 -- sh -c "chmod 0444 $EXITCODE; exit 7"
	[ "$status" -eq 7 ]
	[[ "$stderr" == *"unable to write $EXITCODE"* ]]
}

@test "[X2][s.6] a full /run: the file made at boot takes the CMD's code in place, nothing is lost" {
	container_run "$ROOT" --no-run-tmpfs --tmpfs /run:exec,size=512k -- sh -c \
		'dd if=/dev/zero of=/run/fill bs=1k 2>/dev/null; df /run | grep -q " 100% " || exit 3; exit 7'
	[ "$status" -eq 7 ]
	[[ "$stderr" != *"unable to write $EXITCODE"* ]]
}

@test "[X2][s.6] a full /run and the file removed: the CMD's code survives though the file cannot take it" {
	container_run "$ROOT" --no-run-tmpfs --tmpfs /run:exec,size=512k -- sh -c \
		"rm $EXITCODE; dd if=/dev/zero of=/run/fill bs=1k 2>/dev/null; df /run | grep -q ' 100% ' || exit 3; exit 7"
	[ "$status" -eq 7 ]
	[[ "$stderr" == *"unable to write $EXITCODE: No space left on device"* ]]
}
