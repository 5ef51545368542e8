#!/usr/bin/env bats
# The tarballs installed as a Dockerfile does (tar -C / -Jxpf) into a real
# distribution's root: a Debian bookworm minbase (debootstrap, glibc, bash,
# its own /etc/passwd), alongside the busybox roots of every other suite
# and the empty root of [L4] [L1].

load common

setup_file() {
	# built once (debootstrap, about 30 s) and cached in build/harness
	"$HARNESS_DIR/mkroot" debian "$BATS_FILE_TMPDIR/probe" none >&2
}

setup() {
	ROOT=$(make_root debian "$REPO/dist/bosun-noarch.tar.xz" "$REPO/dist/bosun-x86_64.tar.xz" \
		"$REPO/dist/bosun-symlinks-noarch.tar.xz" "$REPO/dist/bosun-symlinks-arch.tar.xz")
}


@test "[L1] into a Debian minbase: the CMD runs with its status, and bash finds /command and the symlinks" {
	container_run "$ROOT" -- bash -c 'command -v s6-rc; command -v with-contenv; exit 5'
	[ "$status" -eq 5 ]
	[ "${lines[0]}" = /command/s6-rc ]
	[ "${lines[1]}" = /command/with-contenv ]
}

@test "[L1][B10][R5][V5] into a Debian minbase: with-contenv bash scripts, a user's longrun through s6-setuidgid, an orderly stop" {
	mkdir -p "$ROOT/etc/cont-init.d" "$ROOT$RCD/app/dependencies.d" "$ROOT$RCD/user/contents.d"
	cat > "$ROOT/etc/cont-init.d/10-greet" <<-'EOF'
	#!/usr/bin/with-contenv bash
	echo "cont-init: GREETING=${GREETING}" > /tmp/greet
	EOF
	chmod 755 "$ROOT/etc/cont-init.d/10-greet"
	echo longrun > "$ROOT$RCD/app/type"
	: > "$ROOT$RCD/app/dependencies.d/base"
	cat > "$ROOT$RCD/app/run" <<-'EOF'
	#!/usr/bin/with-contenv bash
	exec s6-setuidgid tester bash -c 'echo "app: $(id -un) $GREETING" > /tmp/app.out; exec sleep 1000'
	EOF
	: > "$ROOT$RCD/user/contents.d/app"
	container_start "$ROOT" -e GREETING=hello --
	exec_until test -s /tmp/app.out
	[ "$(cat "$ROOT/tmp/greet")" = "cont-init: GREETING=hello" ]
	[ "$(cat "$ROOT/tmp/app.out")" = "app: tester hello" ]
	container_stop
	[ "$status" -eq 0 ]
	[[ "$(container_stderr)" == *"s6-rc: info: service app successfully stopped"* ]]
}
