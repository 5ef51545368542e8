#!/usr/bin/env bats
# s6-setuidgid, s6-envuidgid and s6-applyuidgid inside a container [V4]:
# names come from the image's /etc/passwd and /etc/group (read by the static
# binary itself), numbers need no /etc at all.

load common

setup() { busybox_root; }

# container_run in a || list: bats' errexit must not stop the test on a CMD
# that exits non-zero on purpose (older harness versions let it)
crun() { container_run "$@" || true; }

# the Uid:, Gid: and Groups: lines of the CMD's /proc/self/status
ids() { grep -E '^(Uid|Gid|Groups):' <<< "$output" | tr -s '\t ' ' ' | sed 's/ $//'; }

@test "[V4] s6-setuidgid USER takes uid, gid and supplementary groups from /etc/passwd and /etc/group" {
	echo 'extra:x:2000:nobody,tester' >> "$ROOT/etc/group"
	echo 'other:x:2001:nobody' >> "$ROOT/etc/group"
	crun "$ROOT" -- s6-setuidgid tester cat /proc/self/status
	[ "$status" -eq 0 ]
	[ "$(ids)" = "$(printf 'Uid: 1000 1000 1000 1000\nGid: 1000 1000 1000 1000\nGroups: 2000')" ]
}

@test "[V4] s6-setuidgid uid:gid needs no lookup and drops supplementary groups" {
	crun "$ROOT" -- s6-setuidgid 4242:4343 cat /proc/self/status
	[ "$status" -eq 0 ]
	[ "$(ids)" = "$(printf 'Uid: 4242 4242 4242 4242\nGid: 4343 4343 4343 4343\nGroups:')" ]
}

@test "[V4] s6-setuidgid user:group takes the group from /etc/group" {
	crun "$ROOT" -- s6-setuidgid tester:nogroup id
	[ "$status" -eq 0 ]
	[[ "$output" == "uid=1000(tester) gid=65534(nogroup)"* ]]
}

@test "[V4] s6-setuidgid uid:gid works in a FROM scratch image without /etc" {
	ROOT=$(make_root scratch)
	cp /bin/busybox "$ROOT/busybox"
	crun "$ROOT" -- /command/s6-setuidgid 1000:1000 /busybox cat /proc/self/status
	[ "$status" -eq 0 ]
	[ ! -e "$ROOT/etc/passwd" ]
	[ "$(ids)" = "$(printf 'Uid: 1000 1000 1000 1000\nGid: 1000 1000 1000 1000\nGroups:')" ]
}

@test "[V4] s6-setuidgid with an unknown user exits 1 naming the user and /etc/passwd" {
	crun "$ROOT" -- s6-setuidgid nosuchuser true
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"s6-setuidgid: fatal: unknown user: nosuchuser"*"/etc/passwd"* ]]
	crun "$ROOT" -- s6-setuidgid tester:nosuchgroup true
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"unknown group: nosuchgroup"*"/etc/group"* ]]
}

@test "[V4] s6-setuidgid: usage 100, a missing PROG 127, as s6" {
	crun "$ROOT" -- s6-setuidgid tester
	[ "$status" -eq 100 ]
	crun "$ROOT" -- s6-setuidgid tester /no/such/prog
	[ "$status" -eq 127 ]
	[[ "$stderr" == *"/no/such/prog"* ]]
}

@test "[V4] s6-envuidgid sets UID, GID and GIDLIST; -D gives defaults for an unknown user" {
	echo 'extra:x:2000:tester' >> "$ROOT/etc/group"
	crun "$ROOT" -- s6-envuidgid tester sh -c 'echo "$UID:$GID:$GIDLIST"'
	[ "$status" -eq 0 ]
	[ "$output" = "1000:1000:2000" ]
	crun "$ROOT" -- s6-envuidgid -D 5:6:7,8 nosuchuser sh -c 'echo "$UID:$GID:$GIDLIST"'
	[ "$output" = "5:6:7,8" ]
	crun "$ROOT" -- s6-envuidgid -B nobody:tester sh -c 'echo "$UID:$GID:${GIDLIST-unset}"'
	[ "$output" = "65534:1000:unset" ]
	crun "$ROOT" -- s6-envuidgid -n 12:34 sh -c 'echo "$UID:$GID"'
	[ "$output" = "12:34" ]
	crun "$ROOT" -- s6-envuidgid nosuchuser true
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"unknown user: nosuchuser"* ]]
}

@test "[V4] s6-envuidgid then s6-applyuidgid -Uz drops to the account and unexports the variables" {
	echo 'extra:x:2000:tester' >> "$ROOT/etc/group"
	crun "$ROOT" -- s6-envuidgid tester s6-applyuidgid -Uz sh -c 'grep -E "^(Uid|Gid|Groups):" /proc/self/status; echo "${UID-none}${GIDLIST-none}"'
	[ "$status" -eq 0 ]
	[ "$(ids)" = "$(printf 'Uid: 1000 1000 1000 1000\nGid: 1000 1000 1000 1000\nGroups: 2000')" ]
	[ "${lines[3]}" = nonenone ]
}

@test "[V4] s6-applyuidgid -u -g -G sets exactly what it is given" {
	crun "$ROOT" -- s6-applyuidgid -g 7 -G 8,9 -u 6 cat /proc/self/status
	[ "$status" -eq 0 ]
	[ "$(ids)" = "$(printf 'Uid: 6 6 6 6\nGid: 7 7 7 7\nGroups: 8 9')" ]
	crun "$ROOT" -- s6-applyuidgid -U true
	[ "$status" -eq 100 ]
	[[ "$stderr" == *"UID not set"* ]]
}
