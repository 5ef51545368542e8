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
	[ -z "$output" ]
	[ -z "$stderr" ]
	check -v
	[ "$status" -eq 0 ]
	[ "$output" = "bosun: check: 11 services (4 bundles, 1 longrun, 6 oneshots), 0 pipelines; 0 errors, 0 warnings" ]
	[ ! -e "$D/user/type" ]
	container_run "$ROOT" -- bosun check -v
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
	check -v
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

# What fails at run time, caught at build time (issue 11): each class is
# reported naming its file and the fix; a good tree of every kind is silent.

# exe PATH TEXT: an executable file of the image
exe() { mkdir -p "$(dirname "$ROOT$1")"; printf '%s' "$2" > "$ROOT$1"; chmod 0755 "$ROOT$1"; }

@test "[B7][E1][R8][H3][F3] a good tree of every kind prints nothing and exits 0" {
	linuxserver_tree
	exe /etc/s6-overlay/scripts/init-config $'#!/bin/sh\necho configured\n'
	exe /scripts/web $'#!/command/with-contenv sh\nexec httpd -f\n'
	rm "$D/svc-app/run"; ln -s ../../../../scripts/web "$D/svc-app/run"
	mkdir -p "$D/svc-app/data" "$D/svc-app/env"
	ln -s /scripts/web "$D/svc-app/data/web"
	put svc-app/env/env $'# comment\nA=1\r\nB=x=y\n'
	put svc-app/lock-fd $'4\n'
	put svc-app/finish $'#!/usr/bin/env sh\nexit 0\n'
	ln -s /bin/busybox "$ROOT/usr/bin/env"
	put svc-app/listen $'# none\n'
	exe /etc/services.d/web/run $'#!/bin/sh\nexec sleep 1000\n'
	exe /etc/services.d/web/log/run $'#!/command/execlineb -P\nlogutil-service /var/log/web\n'
	mkdir -p "$ROOT/etc/services.d/web/env" && printf 'v\n' > "$ROOT/etc/services.d/web/env/VAR"
	put ../../services.d/web/notification-fd $'3\n'
	exe /etc/cont-init.d/10-adduser $'#!/command/with-contenv sh\necho ok\n'
	exe /etc/cont-finish.d/10-bye '#!/bin/sh'$'\n'
	check
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -z "$stderr" ]
}

@test "[B7] CRLF line endings in run, finish, up, down and an up's script are errors naming each file" {
	longrun svc; put svc/run $'#!/bin/sh\r\nexec sleep 1000\r\n'; put svc/finish $'#!/bin/sh\r\nexit 0\r\n'
	oneshot one; put one/up $'/etc/s6-overlay/scripts/one\r\n'; put one/down $'foreground { echo bye }\r\n'
	exe /etc/s6-overlay/scripts/one $'#!/bin/sh\r\necho hi\r\n'
	check
	[ "$status" -eq 1 ]
	for f in $RC/svc/run $RC/svc/finish; do
		[[ "$stderr" == *"bosun: rc: error: $f: has Windows line endings (CRLF), so its #! interpreter is looked for with a \\r at the end of its name: convert it with dos2unix or sed -i 's/\\r\$//'"* ]]
	done
	[[ "$stderr" == *"bosun: rc: error: $RC/one/up: has Windows line endings (CRLF), which execline reads as part of the words"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/one/down: has Windows line endings (CRLF)"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/s6-overlay/scripts/one: has Windows line endings (CRLF)"* ]]
	[[ "$output" == *"; 5 errors, 0 warnings" ]]
}

@test "[B7][L3] a #! interpreter the image lacks, directly or through env or with-contenv, is an error" {
	longrun svc; put svc/run $'#!/bin/bash\nexec sleep 1000\n'; put svc/finish $'#!/command/with-contenv bashio\nexit 0\n'
	longrun ok; put ok/run $'#!/usr/bin/env sh\nexec sleep 1000\n'
	ln -s /bin/busybox "$ROOT/usr/bin/env"
	oneshot one; put one/up $'/etc/s6-overlay/scripts/one\n'
	exe /etc/s6-overlay/scripts/one $'#!/usr/bin/python3\nprint("hi")\n'
	longrun bin; printf '\177ELF' > "$D/bin/run"
	longrun nosb; put nosb/run $'exec sleep 1000\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/run: its #! line names \"/bin/bash\", which does not exist in the image: install it, or fix the #! line"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/finish: its #! line runs \"bashio\" through /command/with-contenv, and no bashio is in the image's PATH"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/s6-overlay/scripts/one: its #! line names \"/usr/bin/python3\""* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/nosb/run: has no #! line and is not a binary, so it cannot be executed: add a #!/bin/sh line"* ]]
	[[ "$stderr" != *"$RC/ok/"* ]]
	[[ "$stderr" != *"$RC/bin/"* ]]
	[[ "$output" == *"; 4 errors, 0 warnings" ]]
}

@test "[F3][B10][B11] services.d without run, and legacy scripts that cannot be executed, are errors" {
	mkdir -p "$ROOT/etc/services.d/norun" "$ROOT/etc/services.d/.hidden"
	exe /etc/services.d/noexec/run $'#!/bin/sh\nexec sleep 1000\n'; chmod 0644 "$ROOT/etc/services.d/noexec/run"
	exe /etc/services.d/badlog/run $'#!/bin/sh\nexec sleep 1000\n'
	exe /etc/services.d/badlog/log/run $'#!/bin/bash\nexec cat\n'
	exe /etc/cont-init.d/10-noexec $'#!/bin/sh\necho\n'; chmod 0644 "$ROOT/etc/cont-init.d/10-noexec"
	exe /etc/cont-init.d/20-nointerp $'#!/command/with-contenv bash\necho\n'
	exe /etc/cont-finish.d/10-crlf $'#!/bin/sh\r\necho\r\n'
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/norun/run: missing: a services.d service needs a run file, write the program to supervise into it (or remove the directory)"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/noexec/run: is not executable, chmod +x it"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/badlog/log/run: its #! line names \"/bin/bash\""* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/cont-init.d/10-noexec: is not executable, chmod +x it"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/cont-init.d/20-nointerp: its #! line runs \"bash\" through /command/with-contenv"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/cont-finish.d/10-crlf: has Windows line endings (CRLF)"* ]]
	[[ "$stderr" != *hidden* ]]
	[[ "$output" == *"; 6 errors, 0 warnings" ]]
	# a DIR argument checks that s6-rc.d tree only
	check "$RC"
	[ "$status" -eq 0 ]
}

@test "[E2][E1] env files that do not parse or cannot be read, in s6-rc.d and services.d, are errors naming file and line" {
	longrun svc; mkdir -p "$D/svc/env"; put svc/env/env $'A=1\nJUSTANAME\n'
	oneshot one; mkdir -p "$D/one/env"; put one/env/env $'=x\n'
	longrun dir; mkdir -p "$D/dir/env/SUB"; put dir/env/OK $'1\n'
	exe /etc/services.d/web/run $'#!/bin/sh\nexec sleep 1000\n'
	mkdir -p "$ROOT/etc/services.d/web/env"; printf 'X=1\r\n1X=2\r\n' > "$ROOT/etc/services.d/web/env/env"
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/env/env: line 2: no '=' after the variable name, fix that line (KEY=value, # for comments): the service would not start"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/one/env/env: line 1: the line does not start with a variable name"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/dir/env/SUB: cannot be read as a variable of the env/ directory (Is a directory)"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/web/env/env: line 2: the line does not start with a variable name"* ]]
	[[ "$output" == *"; 4 errors, 0 warnings" ]]
}

@test "[R5][H3] a notification-fd of 0, 1 or 2, or one that clashes with lock-fd or the held sockets, is an error" {
	longrun zero; put zero/notification-fd $'0\n'
	longrun two; put two/notification-fd $'2\n'
	longrun lock; put lock/notification-fd $'5\n'; put lock/lock-fd $'5\n'
	longrun sock; put sock/notification-fd $'4\n'; put sock/listen $'tcp:*:80\n# comment\nhttps tcp:*:443\n'
	longrun fine; put fine/notification-fd $'5\n'; put fine/listen $'tcp:*:80\nhttps tcp:*:443\n'
	exe /etc/services.d/web/run $'#!/bin/sh\nexec sleep 1000\n'
	printf '1\n' > "$ROOT/etc/services.d/web/notification-fd"
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/zero/notification-fd: is 0, which is the service's stdin: write 3 or more"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/two/notification-fd: is 2, which is the service's stderr"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/lock/notification-fd: is 5, the same fd as lock-fd: give them different numbers"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/sock/notification-fd: is 4, which is one of the sockets of listen"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/web/notification-fd: is 1, which is the service's stdout"* ]]
	[[ "$stderr" != *"$RC/fine/"* ]]
	[[ "$output" == *"; 5 errors, 0 warnings" ]]
}

@test "[R8] a symbolic link that points nowhere, relative or absolute, in a definition, services.d or cont-init.d, is an error" {
	longrun svc; rm "$D/svc/run"; ln -s ../../scripts/nothing "$D/svc/run"
	mkdir -p "$D/svc/data"; ln -s /etc/app/missing.conf "$D/svc/data/conf"
	longrun loop; ln -s self "$D/loop/data"; ln -s data "$D/loop/self"
	exe /etc/services.d/web/run $'#!/bin/sh\nexec sleep 1000\n'
	ln -s /gone "$ROOT/etc/services.d/web/finish"
	mkdir -p "$ROOT/etc/cont-init.d"; ln -s ../scripts/init "$ROOT/etc/cont-init.d/10-init"
	check
	[ "$status" -eq 1 ]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/run: is a link to \"../../scripts/nothing\", which points nowhere in the image (/etc/s6-overlay/scripts/nothing): fix the link, or add the file it names"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/svc/data/conf: is a link to \"/etc/app/missing.conf\", which points nowhere in the image (/etc/app/missing.conf)"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/loop/data: is a link to \"self\", which points nowhere in the image (a loop of links)"* ]]
	[[ "$stderr" == *"bosun: rc: error: $RC/loop/data: is a loop of symbolic links, make it point to a file of the image"* ]]
	[[ "$stderr" != *"fix its permissions"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/web/finish: is a link to \"/gone\""* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/cont-init.d/10-init: is a link to \"../scripts/init\", which points nowhere in the image (/etc/scripts/init)"* ]]
}

@test "[R8][L3] --root checks another image: interpreters and links, absolute ones too, resolve inside it, as root and as a user" {
	local I=$ROOT/img
	mkdir -p "$I/etc/s6-overlay/s6-rc.d/app" "$I/bin" "$I/scripts" "$I/etc/s6-overlay/s6-rc.d/user/contents.d"
	printf 'longrun\n' > "$I/etc/s6-overlay/s6-rc.d/app/type"
	: > "$I/etc/s6-overlay/s6-rc.d/user/contents.d/app"
	printf '#!/bin/bash\nexec web\n' > "$I/scripts/web"; : > "$I/bin/bash-real"; ln -s bash-real "$I/bin/bash"
	ln -s /scripts/web "$I/etc/s6-overlay/s6-rc.d/app/run"
	printf '#!/bin/zsh\nexit 0\n' > "$I/etc/s6-overlay/s6-rc.d/app/finish"
	mkdir -p "$I/etc/services.d/x"
	check --root /img
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ "$stderr" == *"bosun: rc: error: /etc/s6-overlay/s6-rc.d/app/finish: its #! line names \"/bin/zsh\", which does not exist in the image"* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/x/run: missing"* ]]
	chmod -R a+rX "$I"
	container_run "$ROOT" --entrypoint /command/bosun -u 1000 -- check --root /img/
	[ "$status" -eq 1 ]
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ "$stderr" == *"bosun: rc: error: /etc/s6-overlay/s6-rc.d/app/finish: its #! line names \"/bin/zsh\""* ]]
	[[ "$stderr" == *"bosun: rc: error: /etc/services.d/x/run: missing"* ]]
	rm -r "$I/etc/services.d/x" "$I/etc/s6-overlay/s6-rc.d/app/finish"
	check --root /img
	[ "$status" -eq 0 ]
	[ -z "$output$stderr" ]
	check --root /nonexistent
	[ "$status" -eq 100 ]
}
