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
