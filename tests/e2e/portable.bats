#!/usr/bin/env bats
# The s6-portable-utils commands images call [V4]: s6-echo, s6-sleep,
# s6-mkdir, s6-chmod, s6-chown, s6-rmrf.

load common

setup() { busybox_root; }

# container_run in a || list: bats' errexit must not stop the test on a CMD
# that exits non-zero on purpose (older harness versions let it)
crun() { container_run "$@" || true; }

@test "[V4] s6-echo prints its arguments; -n drops the newline; -s sets the separator" {
	crun "$ROOT" -- sh -c 's6-echo a "b c" "-e"; s6-echo -n x y; s6-echo -s : p q r'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "a b c -e" ]
	[ "${lines[1]}" = "x yp:q:r" ]
}

@test "[V4] s6-sleep sleeps seconds, or milliseconds with -m; usage 100" {
	crun "$ROOT" -- sh -c 'a=$(date +%s); s6-sleep 1; s6-sleep -m 300; echo $(( $(date +%s) - a ))'
	[ "$status" -eq 0 ]
	[ "$output" -ge 1 ] && [ "$output" -le 3 ]
	crun "$ROOT" -- s6-sleep abc
	[ "$status" -eq 100 ]
}

@test "[V4] s6-mkdir -p -m, s6-chmod, s6-chown, s6-rmrf" {
	crun "$ROOT" -- sh -c 'umask 077; s6-mkdir -p -m 0750 /srv/a/b/c && stat -c "%a" /srv/a/b/c /srv/a
		s6-mkdir /srv/d && s6-chmod 2711 /srv/d && stat -c "%a" /srv/d
		s6-chown -u 1000 -g 65534 /srv/d && stat -c "%u:%g" /srv/d
		s6-chown -g 1000 /srv/d && stat -c "%u:%g" /srv/d
		s6-envuidgid nobody s6-chown -U /srv/a && stat -c "%u:%g" /srv/a
		touch /srv/a/b/f; s6-rmrf /srv/a /srv/none && [ ! -e /srv/a ] && echo removed
		s6-mkdir /srv/d; echo "again $?"'
	[ "${lines[0]}" = 750 ]
	[ "${lines[1]}" = 700 ]   # parents get 0777 less the umask
	[ "${lines[2]}" = 2711 ]
	[ "${lines[3]}" = 1000:65534 ]
	[ "${lines[4]}" = 1000:1000 ]
	[ "${lines[5]}" = 65534:65534 ]
	[ "${lines[6]}" = removed ]
	[ "${lines[7]}" = "again 111" ]
	[[ "$stderr" == *"s6-mkdir: fatal: unable to mkdir /srv/d"* ]]
}

@test "[V4] s6-chmod and s6-chown take numbers only: usage 100" {
	crun "$ROOT" -- s6-chmod u+x /tmp
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-chown -u tester /tmp
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-chown -U /tmp
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"UID not set"* ]]
}
