#!/usr/bin/env bats
# The lines images and their users grep [B12]: s6-overlay's own, printed
# exactly (prefix included) at S6_VERBOSITY 2 (and its warnings at 1), with
# bosun's detail on lines of its own after them; and bosun's own messages
# free of the defects found while trying them: "unable to unable to",
# "fatal" on failures the boot survives, "1 errors", a warning split over
# two lines, bad values not quoted.

load common

setup() { busybox_root; }

RCINIT=/run/s6/basedir/scripts/rc.init

# has_line LINE: stderr holds LINE as a whole line
has_line() { printf '%s\n' "$stderr" | grep -qFx -- "$1"; }
# line_after LINE: the line that follows LINE in stderr
line_after() { printf '%s\n' "$stderr" | grep -FxA1 -- "$1" | sed -n 2p; }

failing_oneshot() {
	svc "$1" oneshot
	echo "sh -c \"exit $2\"" > "$ROOT$RCD/$1/up"
}

@test "[B12][B11] services-up: info: copying legacy longrun NAME, with or without readiness notification, at S6_VERBOSITY 2 only" {
	mkdir -p "$ROOT/etc/services.d/plain" "$ROOT/etc/services.d/ready"
	printf '#!/bin/sh\nexec sleep 1000\n' > "$ROOT/etc/services.d/plain/run"
	printf '#!/bin/sh\necho >&3\nexec sleep 1000\n' > "$ROOT/etc/services.d/ready/run"
	echo 3 > "$ROOT/etc/services.d/ready/notification-fd"
	chmod 755 "$ROOT/etc/services.d/plain/run" "$ROOT/etc/services.d/ready/run"
	container_run "$ROOT" -- true
	[ "$status" -eq 0 ]
	has_line "services-up: info: copying legacy longrun plain (no readiness notification)"
	has_line "services-up: info: copying legacy longrun ready"
	container_run "$ROOT" -e S6_VERBOSITY=1 -- true
	[ "$status" -eq 0 ]
	[[ "$stderr" != *"services-up: info"* ]]
}

@test "[B12][B11] services-up: warning: some legacy longruns failed to start, at S6_BEHAVIOUR_IF_STAGE2_FAILS 1, bosun's line after it" {
	# a services.d service that cannot be linked: an s6-rc.d longrun has its name
	mkdir -p "$ROOT/etc/services.d/web"
	printf '#!/bin/sh\nexec sleep 1000\n' > "$ROOT/etc/services.d/web/run"
	chmod 755 "$ROOT/etc/services.d/web/run"
	svc web longrun
	printf '#!/bin/sh\nexec sleep 1000\n' > "$ROOT$RCD/web/run"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "services-up: warning: some legacy longruns failed to start"
	[ "$(line_after "services-up: warning: some legacy longruns failed to start")" = "bosun: services-up: warning: some services of services.d did not come up (named above), going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)" ]
	container_run "$ROOT" -- echo cmd-ran
	[[ "$stderr" != *"services-up: warning"* ]]
}

@test "[B12][B7] s6-rc's unable to start service NAME: command exited N, then bosun's detail on its own line; a dependent's warning is one line" {
	failing_oneshot bad 3
	svc needsbad oneshot bad
	echo true > "$ROOT$RCD/needsbad/up"
	container_run "$ROOT" -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "s6-rc: warning: unable to start service bad: command exited 3"
	[ "$(line_after "s6-rc: warning: unable to start service bad: command exited 3")" = "bosun: rc: warning: service bad: the command line of $RCD/bad/up exited 3, see its output above" ]
	has_line "s6-rc: warning: unable to start service needsbad: it needs bad, which failed"
	! printf '%s\n' "$stderr" | grep -q '^s6-rc: warning: ('
}

@test "[B12][B7] rc.init's warning that s6-rc failed to bring all the services up at S6_BEHAVIOUR_IF_STAGE2_FAILS 1, and its fatal line at 2" {
	failing_oneshot bad 1
	local warning="$RCINIT: warning: s6-rc failed to properly bring all the services up! Check your logs (in /run/uncaught-logs/current if you have in-container logging) for more information."
	container_run "$ROOT" -- echo cmd-ran
	[ "$output" = cmd-ran ]
	[[ "$stderr" != *"s6-rc failed to properly"* ]]
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "$warning"
	[[ "$(line_after "$warning")" == "bosun: stage2: warning: "*"going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)" ]]
	[[ "$stderr" != *"fatal"* ]]
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 1 ]
	[ -z "$output" ]
	[ "$(line_after "$warning")" = "$RCINIT: fatal: stopping the container." ]
	[[ "$(line_after "$RCINIT: fatal: stopping the container.")" == "bosun: stage2: fatal: "* ]]
}

@test "[B12][B7] a timed-out boot at S6_BEHAVIOUR_IF_STAGE2_FAILS 2 prints rc.init's lines too" {
	svc hang oneshot
	echo 'sleep 1000' > "$ROOT$RCD/hang/up"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -e S6_CMD_WAIT_FOR_SERVICES_MAXTIME=300 -- echo cmd-ran
	[ "$status" -eq 2 ]
	has_line "$RCINIT: fatal: stopping the container."
}

@test "[B12][B7] rc.init's hook lines: info at 0, warning, fatal at S6_BEHAVIOUR_IF_STAGE2_FAILS 2, with the whole S6_STAGE2_HOOK" {
	script /hook <<-'EOF'
	#!/bin/sh
	exit "$1"
	EOF
	container_run "$ROOT" -e 'S6_STAGE2_HOOK=/hook 0' -- true
	has_line "$RCINIT: info: hook /hook 0 exited 0"
	container_run "$ROOT" -e 'S6_STAGE2_HOOK=/hook 0' -e S6_VERBOSITY=1 -- true
	[[ "$stderr" != *"info: hook"* ]]
	container_run "$ROOT" -e 'S6_STAGE2_HOOK=/hook 5' -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "$RCINIT: warning: hook /hook 5 exited 5"
	[[ "$stderr" != *"fatal"* ]]
	container_run "$ROOT" -e 'S6_STAGE2_HOOK=/hook 5' -e S6_BEHAVIOUR_IF_STAGE2_FAILS=2 -- echo cmd-ran
	[ "$status" -eq 5 ]
	has_line "$RCINIT: fatal: hook /hook 5 exited 5"
}

@test "[B12][B10] cont-init: warning: some scripts exited nonzero at S6_BEHAVIOUR_IF_STAGE2_FAILS 1, bosun's line after it" {
	script /etc/cont-init.d/01-fail <<-'EOF'
	#!/bin/sh
	exit 2
	EOF
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "cont-init: info: running /etc/cont-init.d/01-fail"
	has_line "cont-init: info: /etc/cont-init.d/01-fail exited 2"
	has_line "cont-init: warning: some scripts exited nonzero"
	[ "$(line_after "cont-init: warning: some scripts exited nonzero")" = "bosun: cont-init: warning: some scripts of /etc/cont-init.d failed (named above), going on (S6_BEHAVIOUR_IF_STAGE2_FAILS=1)" ]
	container_run "$ROOT" -- echo cmd-ran
	[[ "$stderr" != *"some scripts"* ]]
}

@test "[B12][B9] fix-attrs: info: applying FILE and its warnings" {
	mkdir -p "$ROOT/etc/fix-attrs.d"
	echo '/tmp false nosuchuser 1777 1777' > "$ROOT/etc/fix-attrs.d/01-bad"
	container_run "$ROOT" -e S6_BEHAVIOUR_IF_STAGE2_FAILS=1 -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "fix-attrs: info: applying /etc/fix-attrs.d/01-bad"
	has_line "fix-attrs: warning: fix-attrs is deprecated, please fix volume permissions in your container manager instead"
	has_line "fix-attrs: warning: some fix files failed to apply"
	[[ "$stderr" == *'user "nosuchuser" is not in'* ]]
}

@test "[B12] a cont-init script that cannot run: one 'unable to', and no 'fatal' while the boot goes on" {
	printf '#!/bin/sh\necho hi\n' > "$ROOT/etc/cont-init.d/01-noexec" 2>/dev/null || { mkdir -p "$ROOT/etc/cont-init.d"; printf '#!/bin/sh\necho hi\n' > "$ROOT/etc/cont-init.d/01-noexec"; }
	chmod 644 "$ROOT/etc/cont-init.d/01-noexec"
	script /etc/cont-init.d/02-badshebang <<-'EOF'
	#!/no/such/shell
	EOF
	svc missing oneshot
	echo /no/such/program > "$ROOT$RCD/missing/up"
	container_run "$ROOT" -- echo cmd-ran
	[ "$output" = cmd-ran ]
	has_line "bosun: cont-init: warning: /etc/cont-init.d/01-noexec is not executable, chmod +x it"
	has_line "bosun: cont-init: warning: /etc/cont-init.d/02-badshebang names an interpreter on its #! line that does not exist, fix that line"
	[[ "$stderr" == *"s6-rc: warning: service missing: /no/such/program is missing, create it (an executable script or program) (named in its up file)"* ]]
	[[ "$stderr" != *"unable to unable to"* ]]
	[[ "$stderr" != *"fatal"* ]]
}

@test "[B12] bosun check: singular counts, and a bad value quoted" {
	mkdir -p "$ROOT$RCD/svc"
	echo longrunn > "$ROOT$RCD/svc/type"
	container_run "$ROOT" --entrypoint /command/bosun -- check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"$RCD/svc/type: unknown type \"longrunn\", write longrun, oneshot or bundle into it"* ]]
	[[ "$output" == *"; 1 error, 0 warnings" ]]
	[[ "$output" == *"(4 bundles, 0 longruns, 3 oneshots)"* ]]
}
