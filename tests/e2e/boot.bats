#!/usr/bin/env bats
# Stage 1: start synchronisation [B2], /run preparation [B3].

load common

setup() { busybox_root; }

@test "[B3] /var/run becomes a link to /run" {
	rm -rf "$ROOT/var/run"
	container_run "$ROOT" -- readlink /var/run
	[ "$status" -eq 0 ]
	[ "$output" = /run ]
}

@test "[B3] an empty /var/run directory is replaced by the link" {
	mkdir -p "$ROOT/var/run"
	container_run "$ROOT" -- readlink /var/run
	[ "$output" = /run ]
}

@test "[B3] a /var/run holding files is left alone, with a warning" {
	mkdir -p "$ROOT/var/run" && touch "$ROOT/var/run/keep"
	container_run "$ROOT" -- ls /var/run
	[ "$status" -eq 0 ]
	[ "$output" = keep ]
	[[ "$stderr" == *"/var/run is not a link to /run"* ]]
}

@test "[B3] state left by a previous run of the same container is removed" {
	mkdir -p "$ROOT/run/s6/stale" "$ROOT/run/service/old" "$ROOT/run/s6-rc:abc/x" \
		"$ROOT/run/uncaught-logs" "$ROOT/run/s6-linux-init-container-results" "$ROOT/run/app"
	echo 9 > "$ROOT/run/s6-linux-init-container-results/exitcode"
	container_run "$ROOT" --no-run-tmpfs -- sh -c 'ls /run | sort | tr "\n" " "; ls /run/s6 /run/service | tr "\n" " "'
	[ "$status" -eq 0 ]
	[[ "$output" != *stale* && "$output" != *old* && "$output" != *s6-rc:abc* && "$output" != *uncaught* ]]
	[[ "$output" == *app* ]]
}

@test "[B3] a read-only /run stops the container with 100 and says how to fix it" {
	container_run "$ROOT" -r --no-run-tmpfs -- echo never
	[ "$status" -eq 100 ]
	[ -z "$output" ]
	[[ "$stderr" == *"/run"*"read-only"*"tmpfs"* ]]
}

@test "[B3] a /run this user cannot write stops the container with 100, naming owner and mode" {
	container_run "$ROOT" -u 1000 -- echo never
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"/run (owner uid 0, mode 0755) is not writable by uid 1000"* ]]
}

@test "[B2] /init waits for a line on fd 3 before doing anything" {
	mkfifo "$BATS_TEST_TMPDIR/sync"
	exec 5<>"$BATS_TEST_TMPDIR/sync"
	container_start "$ROOT" --fd3 "$BATS_TEST_TMPDIR/sync" -- sh -c 'echo started; exit 4' 5>&-
	container_exec -- test -e /run/s6
	[ "$status" -ne 0 ]
	[ ! -s "$CONTAINER/stdout" ]
	echo go >&5
	container_wait "$CONTAINER" 20
	[ "$status" -eq 4 ]
	grep -q started "$CONTAINER/stdout"
	exec 5>&-
}

@test "[B2] S6_WAIT_FOR_CLOSING_FD names another descriptor; end-of-file releases it too" {
	mkfifo "$BATS_TEST_TMPDIR/sync"
	exec 5<>"$BATS_TEST_TMPDIR/sync"
	container_start "$ROOT" --fd3 "$BATS_TEST_TMPDIR/sync" -e S6_WAIT_FOR_CLOSING_FD=3 -- sh -c 'exit 6' 5>&-
	container_exec -- test -e /run/s6
	[ "$status" -ne 0 ]
	exec 5>&-
	container_wait "$CONTAINER" 20
	[ "$status" -eq 6 ]
}

@test "[P1] a non-root user takes a /run it owns" {
	chown 1000:1000 "$ROOT/run" 2>/dev/null || { mkdir -p "$ROOT/run"; chown 1000:1000 "$ROOT/run"; }
	container_run "$ROOT" --no-run-tmpfs -u 1000:1000 -- sh -c 'id -u; ls /run/s6/container_environment | grep -c PATH'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1000 ]
	[ "${lines[1]}" = 1 ]
}

@test "[P1] OpenShift: an arbitrary uid in group 0 takes a root-owned group-writable /run" {
	mkdir -p "$ROOT/run" && chmod 0775 "$ROOT/run"
	container_run "$ROOT" --no-run-tmpfs -u 123456:0 -- sh -c 'echo ok'
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
}

@test "[P1] a sticky world-writable /run is taken" {
	mkdir -p "$ROOT/run" && chmod 1777 "$ROOT/run"
	container_run "$ROOT" --no-run-tmpfs -u 1000:1000 -- sh -c 'echo ok'
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
}

@test "[P1] a root-owned world-writable /run needs S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES" {
	mkdir -p "$ROOT/run" && chmod 0777 "$ROOT/run"
	container_run "$ROOT" --no-run-tmpfs -u 1000:1000 -- sh -c 'echo ok'
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"/run (owner uid 0, mode 0777) is writable by other users"*"S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES=1"* ]]
	container_run "$ROOT" --no-run-tmpfs -u 1000:1000 -e S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES=1 -- sh -c 'echo ok'
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
}

@test "[P2] S6_READ_ONLY_ROOT mounts a tmpfs on a read-only /run" {
	mkdir -p "$ROOT/run"
	container_run "$ROOT" -r --no-run-tmpfs -- true
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"read-only filesystem"*"S6_READ_ONLY_ROOT=1"* ]]
	# Docker's default capabilities lack CAP_SYS_ADMIN: the message says so
	container_run "$ROOT" -r --no-run-tmpfs -e S6_READ_ONLY_ROOT=1 -- true
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"S6_READ_ONLY_ROOT"*"CAP_SYS_ADMIN"*"--tmpfs /run"* ]]
	# docker run --cap-add SYS_ADMIN (here: all capabilities)
	container_run "$ROOT" --privileged -r --no-run-tmpfs -e S6_READ_ONLY_ROOT=1 -- sh -c 'grep " /run " /proc/mounts | cut -d" " -f3; ls /run/s6/container_environment | grep -c PATH'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = tmpfs ]
	[ "${lines[1]}" = 1 ]
}

@test "[P2] a read-only root with a tmpfs /run works and nothing is written elsewhere" {
	container_run "$ROOT" -r -- sh -c 'touch /etc/x 2>/dev/null && echo wrote-etc; echo ok'
	[ "$status" -eq 0 ]
	[ "$output" = ok ]
}
