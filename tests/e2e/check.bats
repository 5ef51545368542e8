#!/usr/bin/env bats
# bosun check [B7][R1]-[R7][F1][F2][B8]: validates the image's definitions
# tree without booting, as "RUN bosun check" does in a Dockerfile (so the
# entrypoint is bosun itself, not /init), prints every problem naming its
# file and a summary; exit 1 on any error, 0 with warnings only.

load common

setup() { busybox_root; RC=/etc/s6-overlay/s6-rc.d; D=$ROOT$RC; }

# put FILE TEXT: a file of the definitions tree
put() { mkdir -p "$(dirname "$D/$1")"; printf '%s' "$2" > "$D/$1"; }
oneshot() { put "$1/type" $'oneshot\n'; put "$1/up" "/etc/s6-overlay/scripts/$1"$'\n'; }
longrun() { put "$1/type" $'longrun\n'; script "$RC/$1/run" <<<$'#!/bin/sh\nexec sleep 1000'; }

check() { container_run "$ROOT" --entrypoint /command/bosun -- check "$@"; }

# linuxserver.io's layout: init-* oneshots after base, svc-* longruns, a
# user bundle with no type file, and user2's marker after legacy-services
linuxserver_tree() {
	oneshot init-config; put init-config/dependencies.d/base ""
	oneshot init-adduser; put init-adduser/dependencies.d/init-config ""
	longrun svc-app; put svc-app/dependencies.d/init-adduser ""; put svc-app/notification-fd $'3\n'
	oneshot init-services; put init-services/dependencies.d/legacy-services ""
	put init-config/up $'#!/command/execlineb -P\n# nothing to configure\n'
	for s in init-config init-adduser svc-app; do put "user/contents.d/$s" ""; done
	put user2/contents.d/init-services ""
}

@test "[F1][F2][B8] a linuxserver-style tree passes, through /init as the CMD too" {
	linuxserver_tree
	check
	[ "$status" -eq 0 ]
	[ "$output" = "bosun: check: 11 services (4 bundles, 1 longrun, 6 oneshots), 0 pipelines; 0 errors, 0 warnings" ]
	[ -z "$stderr" ]
	[ ! -e "$D/user/type" ]
	container_run "$ROOT" -- bosun check
	[ "$status" -eq 0 ]
	[[ "$output" == *"; 0 errors, 0 warnings"* ]]
}

@test "[R1] a CRLF type file is a warning naming the file, and passes" {
	linuxserver_tree
	put svc-app/type $'longrun\r\n'
	check
	[ "$status" -eq 0 ]
	[ "$stderr" = "bosun: rc: warning: $RC/svc-app/type: carriage return or trailing blanks after \"longrun\" tolerated, remove them (s6-overlay refuses this file)" ]
	[[ "$output" == *"0 errors, 1 warning" ]]
}

@test "[R1] an unknown type" {
	put svc/type $'daemon\n'
	check
	[ "$status" -eq 1 ]
	[ "$stderr" = "bosun: rc: error: $RC/svc/type: unknown type \"daemon\", write longrun, oneshot or bundle into it" ]
}

@test "[R5] a longrun without run, [R4] a oneshot without up" {
	put svc/type $'longrun\n'
	put one/type $'oneshot\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/run: missing: a longrun needs a run file, write the program to supervise into it"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/one/up: missing: a oneshot needs an up file, write the command line into it"* ]]
	[[ "$output" == *"; 2 errors, 0 warnings" ]]
}

@test "[R3] a bundle with no contents" {
	put b/type $'bundle\n'
	check
	[ "$status" -eq 1 ]
	[ "$stderr" = "bosun: rc: error: $RC/b: a bundle needs contents.d/ or a contents file, add one" ]
}

@test "[R2][R3] a dependency and a bundle content naming unknown services" {
	oneshot a; put a/dependencies.d/ghost ""
	put b/type $'bundle\n'; put b/contents $'a\nphantom\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/a/dependencies.d/ghost: dependency \"ghost\" is not a service; define it or remove the dependency"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/b/contents: bundle content \"phantom\" is not a service; define it or remove it from the bundle"* ]]
}

@test "[R2] a cycle is printed as its chain" {
	oneshot a; put a/dependencies.d/b ""
	oneshot b; put b/dependencies $'# old style\nc\n'
	oneshot c; put c/dependencies.d/a ""
	check
	[ "$status" -eq 1 ]
	[ "$stderr" = "bosun: rc: error: $RC/c: dependency cycle: a -> b -> c -> a; remove one of these dependencies" ]
}

@test "[B8] a reserved name" {
	oneshot base
	check
	[ "$status" -eq 1 ]
	[ "$stderr" = "bosun: rc: error: $RC/base: \"base\" is a reserved name (a built-in service of s6-overlay), rename the service" ]
}

@test "[R5][R6] pipelines: a funnel passes; a producer not named back and two consumers fail" {
	longrun p1; put p1/producer-for $'log\n'
	longrun p2; put p2/producer-for $'log\n'
	longrun log; put log/consumer-for $'p1\np2\n'; put log/pipeline-name $'app-pipeline\n'
	check
	[ "$status" -eq 0 ]
	[[ "$output" == *"1 pipeline; 0 errors"* ]]
	longrun other; put other/consumer-for $'p1\n'
	longrun p3; put p3/producer-for $'nobody\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/other/consumer-for: names \"p1\", which log also consumes; a producer feeds exactly one consumer, remove one of them"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/p3/producer-for: names \"nobody\", which is not a service; define it or fix the name"* ]]
}

@test "[R5] a malformed number and [R4] a bad execline command line" {
	longrun svc; put svc/timeout-kill $'3s\n'
	oneshot one; put one/down $'foreground { echo bye\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/timeout-kill: \"3s\" is not a number, write a decimal number into it"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/one/down: not one execline command line: a block opened with { is never closed, fix the quoting"* ]]
}

@test "[R2] a directory merged from a layer with only dependencies.d" {
	oneshot init-y
	put svc-x/dependencies.d/init-y ""
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc-x/type: missing (a directory merged from another layer needs its base definition)"* ]]
}

@test "[F2] user-bundles.d and S6_RUNTIME_BUNDLEDIR; an unreadable file as a non-root user" {
	oneshot a; oneshot b
	mkdir -p "$ROOT/etc/s6-overlay/user-bundles.d/user/contents.d" "$ROOT/bundles/user2/contents.d"
	touch "$ROOT/etc/s6-overlay/user-bundles.d/user/contents.d/a" "$ROOT/bundles/user2/contents.d/ghost"
	check
	[ "$status" -eq 0 ]
	container_run "$ROOT" --entrypoint /command/bosun -e S6_RUNTIME_BUNDLEDIR=/bundles -- check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"/bundles/user2/contents.d/ghost: bundle content \"ghost\" is not a service"* ]]
	chmod 0 "$D/a/up"
	container_run "$ROOT" --entrypoint /command/bosun -u 1000 -- check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/a/up: cannot be read (Permission denied), fix its permissions"* ]]
}

@test "bosun check: wrong usage is 100, a missing DIR is an error" {
	check -x
	[ "$status" -eq 100 ]
	check /nonexistent
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: /nonexistent: not a readable directory"* ]]
}
