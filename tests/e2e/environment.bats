#!/usr/bin/env bats
# The container environment: snapshot [B4], minimal environment for
# children [B5] with /command first in PATH [L3], with-contenv and
# printcontenv [V5].

load common

setup() { busybox_root; }

@test "[B5][L3] the CMD gets PATH only, with /command first" {
	container_run "$ROOT" -e FOO=bar -- env
	[ "$status" -eq 0 ]
	[ "$output" = "PATH=/command:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" ]
}

@test "[L3] /usr/bin and /bin are added to a PATH that lacks them" {
	container_run "$ROOT" -e PATH=/opt/bin -- /bin/env
	[ "$output" = "PATH=/command:/opt/bin:/usr/bin:/bin" ]
}

@test "[B5] S6_KEEP_ENV=1: the CMD inherits the whole environment and no snapshot is made" {
	container_run "$ROOT" -e S6_KEEP_ENV=1 -e FOO=bar -- sh -c 'echo "FOO=$FOO"; echo "PATH=$PATH"; ls /run/s6/container_environment'
	[ "${lines[0]}" = "FOO=bar" ]
	[[ "${lines[1]}" == PATH=/command:* ]]
	[ "${#lines[@]}" -eq 2 ]
}

@test "[B4] every variable is saved as a file holding its value and one newline" {
	container_run "$ROOT" -e FOO=bar -e 'SPACED=a b  c' -e EMPTY= -e 'EQ=x=y' -- \
		sh -c 'cd /run/s6/container_environment && for f in FOO SPACED EMPTY EQ; do printf "%s|" "$(cat $f)"; wc -c < $f; done; ls'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "bar|4" ]
	[ "${lines[1]}" = "a b  c|7" ]
	[ "${lines[2]}" = "|1" ]
	[ "${lines[3]}" = "x=y|4" ]
	[[ "$output" == *HOSTNAME* ]]
	[[ "$output" == *PATH* ]]
}

@test "[B4][P3] the snapshot directory is mode 0755 and readable by other users" {
	container_start "$ROOT" -e SECRETLESS=yes -- sleep 1000
	exec_until pidof sleep
	container_exec -- stat -c %a /run/s6/container_environment
	[ "$output" = 755 ]
	container_exec -u 1000 -- /command/printcontenv SECRETLESS
	[ "$status" -eq 0 ]
	[ "$output" = yes ]
	container_stop "$CONTAINER" 20
}

@test "[V5] with-contenv gives the CMD the container environment" {
	container_run "$ROOT" -e FOO=bar -e 'MULTI=a b' -- with-contenv sh -c 'echo "$FOO/$MULTI"'
	[ "$status" -eq 0 ]
	[ "$output" = "bar/a b" ]
}

@test "[V5] with-contenv re-reads the directory: files written later are seen" {
	container_run "$ROOT" -- sh -c 'printf "%s" late > /run/s6/container_environment/LATE; with-contenv sh -c "echo \$LATE"'
	[ "$output" = late ]
}

@test "[V5] with-contenv keeps PATH and drops the caller's other variables" {
	container_run "$ROOT" -- sh -c 'export STRAY=1; with-contenv sh -c "echo stray=\$STRAY; echo \$PATH"'
	[ "${lines[0]}" = "stray=" ]
	[[ "${lines[1]}" == /command:* ]]
}

@test "[V5] with-contenv works as a shebang interpreter (symlinks tarball)" {
	tar -C "$ROOT" -Jxpf "$REPO/dist/bosun-symlinks-noarch.tar.xz"
	script /bin/show <<-'EOF'
	#!/usr/bin/with-contenv sh
	echo "FOO=$FOO"
	EOF
	container_run "$ROOT" -e FOO=bar -- /bin/show
	[ "$status" -eq 0 ]
	[ "$output" = "FOO=bar" ]
}

@test "[V5] printcontenv prints a value, exits 1 when unset and 100 without a name" {
	container_run "$ROOT" -e FOO=bar -- sh -c 'printcontenv FOO; echo "rc=$?"; printcontenv NOPE; echo "rc=$?"; printcontenv; echo "rc=$?"'
	[ "${lines[0]}" = bar ]
	[ "${lines[1]}" = "rc=0" ]
	[ "${lines[2]}" = "rc=1" ]
	[ "${lines[3]}" = "rc=100" ]
}

# A service's own variables go on top of the container environment, also
# where the script asks for it with with-contenv [E1][V5]: an env/env
# value wins over the container's, an empty envdir file unsets a
# container variable, and the container's other variables are there.
@test "[E1][V5] with-contenv keeps a longrun's and a oneshot's own env files on top of the container environment" {
	svc web longrun
	mkdir -p "$ROOT$RCD/web/env"
	printf 'SHARED=from-service\nOWN=mine\n' > "$ROOT$RCD/web/env/env"
	printf '#!/command/with-contenv sh\necho "$SHARED/$OWN/$ONLYCONT/${STRAY-unset}" > /tmp/web.tmp\nmv /tmp/web.tmp /tmp/web\nexec sleep 100000\n' > "$ROOT$RCD/web/run"
	chmod +x "$ROOT$RCD/web/run"
	svc init-x oneshot
	mkdir -p "$ROOT$RCD/init-x/env"
	printf 'from-dir\n' > "$ROOT$RCD/init-x/env/SHARED"
	: > "$ROOT$RCD/init-x/env/ONLYCONT"
	printf '#!/command/with-contenv sh\necho "$SHARED/${ONLYCONT-unset}" > /tmp/x\n' > "$ROOT/etc/init-x.sh"
	chmod +x "$ROOT/etc/init-x.sh"
	echo /etc/init-x.sh > "$ROOT$RCD/init-x/up"
	container_run "$ROOT" -e SHARED=from-container -e ONLYCONT=c -e STRAY=s -- sh -c 'until [ -e /tmp/web ]; do sleep 0.01; done; cat /tmp/web /tmp/x'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "from-service/mine/c/s" ]
	[ "${lines[1]}" = "from-dir/unset" ]
}

# A per-service env/env with a line that is not KEY=value [E2]: the service
# fails the way a failing run does, with one message naming the file and
# the line, and the boot goes on (or stops) by S6_BEHAVIOUR_IF_STAGE2_FAILS.
bad_env_longrun() {
	svc app longrun
	printf '#!/bin/sh\ntouch /tmp/app-ran\nexec sleep 100000\n' > "$ROOT$RCD/app/run"
	mkdir -p "$ROOT$RCD/app/env"
	printf 'GOOD=1\nJUSTANAME\n' > "$ROOT$RCD/app/env/env"
}

@test "[E2][B7] an s6-rc longrun with a malformed env/env: one message naming file and line, it stays down, the CMD runs" {
	bad_env_longrun
	CONTAINER_TIMEOUT=15 container_start "$ROOT" -- sh -c 'echo cmd-ran; exec sleep 100000'
	container_wait_output cmd-ran 10
	container_exec -- /command/s6-svstat /run/service/app
	# down and not wanted up: the supervisor will not retry every second
	[[ "$output" == down* ]]
	[[ "$output" != *"want up"* ]]
	container_exec -- test -e /tmp/app-ran
	[ "$status" -ne 0 ]
	[ "$(grep -c 'env/env line 2' "$CONTAINER/stderr")" -eq 1 ]
	grep -q "bosun: supervise: error: service app: env/env line 2: no '=' after the variable name" "$CONTAINER/stderr"
	grep -q "s6-rc: warning: unable to start service app" "$CONTAINER/stderr"
}

@test "[E2][B7] S6_BEHAVIOUR_IF_STAGE2_FAILS=2: a malformed env/env stops the container with 1, the CMD never runs" {
	bad_env_longrun
	svc after oneshot app
	echo 'touch /tmp/after-ran' > "$ROOT$RCD/after/up"
	CONTAINER_TIMEOUT=15 container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ ! -e "$ROOT/tmp/after-ran" ]
	[ ! -e "$ROOT/tmp/app-ran" ]
	[[ "$stderr" == *"service app: env/env line 2"* ]]
}

@test "[E2][B7] S6_BEHAVIOUR_IF_STAGE2_FAILS=1: a warning, and the CMD runs" {
	bad_env_longrun
	CONTAINER_TIMEOUT=15 container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$status" -eq 0 ]
	[ "$output" = cmd-ran ]
	[[ "$stderr" == *"service app: env/env line 2"* ]]
	[[ "$stderr" == *"S6_BEHAVIOUR_IF_STAGE2_FAILS=1"* ]]
}

@test "[E2] a longrun whose env/env was fixed starts with s6-svc -u: only that start failed" {
	bad_env_longrun
	CONTAINER_TIMEOUT=15 container_start "$ROOT" -- sh -c 'echo cmd-ran; exec sleep 100000'
	container_wait_output cmd-ran 10
	container_exec -- sh -c 'echo FIXED=1 > /run/s6-rc/servicedirs/app/env/env && /command/s6-svc -wu -u -T 5000 /run/service/app'
	[ "$status" -eq 0 ]
	exec_until test -e /tmp/app-ran
}

@test "[E2][B7] a oneshot with a malformed env/env fails its up, at level 2 the container stops with 1" {
	svc one oneshot
	echo 'touch /tmp/one-ran' > "$ROOT$RCD/one/up"
	mkdir -p "$ROOT$RCD/one/env"
	printf '=nothing\n' > "$ROOT$RCD/one/env/env"
	CONTAINER_TIMEOUT=15 container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ ! -e "$ROOT/tmp/one-ran" ]
	[[ "$stderr" == *"service one: env/env line 1: the line does not start with a variable name"* ]]
	[[ "$stderr" == *"unable to start service one"* ]]
}

@test "[E2][B11] a services.d service with a malformed env/env: one message, not retried; waited for, it is a stage 2 failure" {
	mkdir -p "$ROOT/etc/services.d/app/env"
	printf '#!/bin/sh\ntouch /tmp/app-ran\nexec sleep 100000\n' > "$ROOT/etc/services.d/app/run"
	chmod 0755 "$ROOT/etc/services.d/app/run"
	printf 'A=1\r\nB\r\n' > "$ROOT/etc/services.d/app/env/env"
	CONTAINER_TIMEOUT=15 container_start "$ROOT" -- sh -c 'echo cmd-ran; exec sleep 100000'
	container_wait_output cmd-ran 10
	container_wait_output "service app: env/env line 2" 10 stderr
	container_exec -- /command/s6-svstat /run/service/app
	[[ "$output" == down* ]]
	[[ "$output" != *"want up"* ]]
	[ "$(grep -c 'env/env line 2' "$CONTAINER/stderr")" -eq 1 ]
	container_stop "$CONTAINER" 5
	CONTAINER_TIMEOUT=15 container_run "$ROOT" -e S6_CMD_WAIT_FOR_SERVICES=1 -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
}

@test "[E2] an env/ directory that cannot be read fails the start the same way, naming the file" {
	svc app longrun
	printf '#!/bin/sh\ntouch /tmp/app-ran\nexec sleep 100000\n' > "$ROOT$RCD/app/run"
	mkdir -p "$ROOT$RCD/app/env/SUBDIR"
	CONTAINER_TIMEOUT=15 container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ ! -e "$ROOT/tmp/app-ran" ]
	[[ "$stderr" == *"env/SUBDIR"* ]]
}
