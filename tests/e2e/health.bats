#!/usr/bin/env bats
# bosun health and the rc view of bosun status [B7][R5][B11][P3]: health is
# 1 while stage 2 brings top up, 0 once every longrun that should be up is
# up (and ready with a notification-fd), 1 naming the service otherwise;
# status lists the live database in dependency order, text and --json.

load common

setup() { busybox_root; }


# longrun NAME RUN-BODY [DEP...]
longrun() {
	local name=$1 body=$2
	shift 2
	svc "$name" longrun "$@"
	printf '#!/bin/sh\n%s\n' "$body" > "$ROOT$RCD/$name/run"
}

health() { container_exec "$@" -- /command/bosun health; }

# exec_until with bosun health's stderr matching a pattern: the message
# is the point, and the state it names may take a moment to be reached
health_until() {
	exec_until sh -c "/command/bosun health 2>&1 >/dev/null | grep -E '$1'"
}

@test "[B7] health is 1 while a oneshot of user still runs, 0 once top is up" {
	svc gate oneshot
	# waits (bounded) for the test to create /tmp/go
	script /srv/gate <<-'EOF'
	#!/bin/sh
	touch /tmp/gate-started
	n=0
	while [ ! -e /tmp/go ]; do
		n=$((n + 1)); [ $n -lt 1500 ] || exit 1
		sleep 0.02
	done
	EOF
	echo /srv/gate > "$ROOT$RCD/gate/up"
	longrun web 'exec sleep 100000'
	container_start "$ROOT" --
	exec_until test -e /tmp/gate-started
	health
	[ "$status" -eq 1 ]
	[ "$stderr" = "bosun: health: boot still in progress" ]
	container_exec -- touch /tmp/go
	exec_until /command/bosun health
	health
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ -z "$output" ]
}

@test "[B7] health is 1 when top did not come up: a failed oneshot" {
	svc bad oneshot
	echo 'false' > "$ROOT$RCD/bad/up"
	container_start "$ROOT" --
	exec_until sh -c 'grep -qx fix-attrs /run/s6-rc/state'
	health_until 'boot failed: top did not come up'
	health
	[ "$status" -eq 1 ]
}

@test "[R5][V4] health is 1 naming a longrun of user stopped with s6-svc -d" {
	longrun web 'exec sleep 100000'
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /command/s6-svc -wD -d -T 5000 /run/service/web
	[ "$status" -eq 0 ]
	health
	[ "$status" -eq 1 ]
	[[ "$stderr" == "bosun: health: web is down (signal SIGTERM, 0 restarts, wanted down"* ]]
	container_exec -- /command/s6-svc -wu -u -T 5000 /run/service/web
	exec_until /command/bosun health
}

@test "[V2] health is 1 naming a longrun that crashes and keeps restarting" {
	longrun crashy 'echo run >> /tmp/runs; exit 3'
	container_start "$ROOT" --
	# restarts counted: the supervisor brought it back at least once
	health_until '^bosun: health: crashy is down \(exitcode 3, [1-9][0-9]* restarts\)$'
	health
	[ "$status" -eq 1 ]
}

@test "[R5] health is 1 naming a longrun with notification-fd that is not ready" {
	# ready the first time (so that the boot completes), never after a restart
	longrun slow 'if [ -e /tmp/once ]; then exec sleep 100000; fi
touch /tmp/once
echo >&3
exec sleep 100000'
	echo 3 > "$ROOT$RCD/slow/notification-fd"
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /command/s6-svc -r /run/service/slow
	[ "$status" -eq 0 ]
	health_until '^bosun: health: not ready: slow \(up [0-9]+ s, waiting for readiness on fd 3\)$'
	health
	[ "$status" -eq 1 ]
}

@test "[B11] health checks services.d services too, unless they start down" {
	mkdir -p "$ROOT/etc/services.d/legacy" "$ROOT/etc/services.d/idle"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/legacy/run"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/idle/run"
	chmod 755 "$ROOT/etc/services.d/legacy/run" "$ROOT/etc/services.d/idle/run"
	: > "$ROOT/etc/services.d/idle/down"
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /command/s6-svc -wD -d -T 5000 /run/service/legacy
	health
	[ "$status" -eq 1 ]
	[[ "$stderr" == "bosun: health: legacy is down "* ]]
}

@test "[P3] health as non-root: the tree's owner can, another user is told why not" {
	longrun web 'exec sleep 100000'
	# the tree run as root: supervise/ is 0700, as in s6
	container_start "$ROOT" --
	exec_until /command/bosun health
	health -u 1000
	[ "$status" -eq 1 ]
	[[ "$stderr" == "bosun: health: web: unable to read /run/s6-rc/servicedirs/web/supervise/status: "*"run bosun health as that user)" ]]
	container_stop
	# the whole container as user 1000, with a /run it owns [P1]
	mkdir -p "$ROOT/run" && chown 1000:1000 "$ROOT/run"
	container_start "$ROOT" --no-run-tmpfs -u 1000:1000 --
	exec_until /command/bosun health
	health -u 1000
	[ "$status" -eq 0 ]
	container_exec -u 1000 -- /command/bosun status
	[ "$status" -eq 0 ]
}

@test "[B7][R2][R3] bosun status shows oneshots, longruns and bundles in dependency order; --json parses" {
	svc first oneshot
	echo 'true' > "$ROOT$RCD/first/up"
	longrun second 'exec sleep 100000' first
	svc grp bundle
	mkdir -p "$ROOT$RCD/grp/contents.d"
	: > "$ROOT$RCD/grp/contents.d/second"
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /command/bosun status
	[ "$status" -eq 0 ]
	# the supervision line, then the rc view
	[[ "${lines[0]}" == "second "*" up "* ]]
	[[ "$output" == *$'\n'"rc: services of /run/s6-rc in dependency order"* ]]
	[[ "$output" == *$'\n'"first                    oneshot  up       needs -"$'\n'* ]]
	[[ "$output" == *$'\n'"second                   longrun  up       needs first; supervisor: up "*" pid "[0-9]* ]]
	[[ "$output" == *$'\n'"grp                      bundle   up       contents second"* ]]
	[[ "$output" == *$'\n'"top                      bundle   up       contents base user legacy-services user2"* ]]
	# the graph's order, not the names': legacy-services needs user, which holds second
	run sh -c 'grep -E "^(first +oneshot|second +longrun|legacy-services +oneshot) " | cut -d" " -f1 | tr "\n" " "' <<< "$output"
	[ "$output" = "first second legacy-services " ]
	container_exec -- /command/bosun status --json
	[ "$status" -eq 0 ]
	json=$output
	run jq -e '[.[] | select(.type) | .name] | index("first") < index("second")' <<< "$json"
	[ "$status" -eq 0 ]
	run jq -e '.[] | select(.type == "longrun" and .name == "second") | .dependencies == ["first"] and .state == "up" and .supervisor.state == "up" and (.supervisor.pid > 0)' <<< "$json"
	[ "$status" -eq 0 ]
	run jq -e '.[] | select(.type == "bundle" and .name == "grp") | .contents == ["second"]' <<< "$json"
	[ "$status" -eq 0 ]
	run jq -e '.[] | select(.type == null and .name == "second") | .state == "up"' <<< "$json"
	[ "$status" -eq 0 ]
}

@test "[B7] bosun status without a database says so in one line and still shows the tree" {
	container_run "$ROOT" --entrypoint /bin/sh -- -c 'mkdir -p /run/service/x && /command/bosun status && /command/bosun status --json'
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "x "*" unknown "* ]]
	[[ "${lines[1]}" == "rc: no service database installed"* ]]
	[ "${lines[2]}" = "[" ]
	run jq -e 'length == 1' <<< "$(printf '%s\n' "${lines[@]:2}")"
	[ "$status" -eq 0 ]
}

@test "[R9][B11] health names legacy-services when it went down with a user service, and its suggestion brings it back" {
	longrun app 'exec sleep 100000'
	mkdir -p "$ROOT/etc/services.d/web"
	printf '#!/bin/sh\nexec sleep 100000\n' > "$ROOT/etc/services.d/web/run"
	chmod 755 "$ROOT/etc/services.d/web/run"
	container_start "$ROOT" --
	exec_until /command/bosun health
	container_exec -- /command/s6-rc -d change app
	container_exec -- /command/s6-rc -u change app
	health
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"legacy-services"* ]]
	fix=$(printf '%s\n' "$stderr" | grep -o 's6-rc -u change [a-z-]*')
	[ -n "$fix" ]
	container_exec -- /command/$fix
	[ "$status" -eq 0 ]
	health
	[ "$status" -eq 0 ]
	container_exec -- /command/s6-svstat -u /run/service/web
	[ "$output" = true ]
}
