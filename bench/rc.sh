# bench/rc.sh, sourced by bench/run (section E): the rc engine on layered
# service graphs. For BENCH_RC_SIZES (default "0 20 200") services, half
# oneshots (up: /bin/true) and half longruns (exec sleep), in layers of
# BENCH_RC_WIDTH (20), each service of a layer needing two of the layer
# before, all in `user`:
#   boot: host clock before tests/harness/run (a bash script: a few ms
#         of it are counted) starts PID 1 to the CMD's first
#         instruction (bench/stamp prints the clock), i.e. /init start
#         until every service is up and the CMD runs;
#   stop: `docker stop` (TERM) to the container's exit, as the harness's
#         stop reports it; every service exits promptly on TERM.
# BENCH_RC_RUNS (5) runs per size, interleaved; medians. The per-service
# figure is (boot(N) - boot(0)) / N: what each service adds, its own
# fork and exec included. Stage 2's CPU time (the engine: database,
# install, transitions) and its oneshots' are printed by bench/stamp from
# getrusage, which survives exec: bosun's own share against the services'.

RC_RUNS=${BENCH_RC_RUNS:-5}
RC_SIZES=${BENCH_RC_SIZES:-0 20 200}
RC_WIDTH=${BENCH_RC_WIDTH:-20}
musl-gcc -static -O2 -Wall -Wextra -Werror -o "$WORK/stamp" bench/stamp.c

# rc_tree ROOT N: the layered graph into ROOT's s6-rc.d
rc_tree() {
	local root=$1 n=$2 rcd=$1/etc/s6-overlay/s6-rc.d i layer prev a b
	mkdir -p "$rcd/user/contents.d"
	for ((i = 0; i < n; i++)); do
		mkdir -p "$rcd/s$i/dependencies.d"
		if ((i % 2)); then
			echo longrun > "$rcd/s$i/type"
			printf '#!/bin/sh\nexec sleep 100000\n' > "$rcd/s$i/run"
		else
			echo oneshot > "$rcd/s$i/type"
			echo /bin/true > "$rcd/s$i/up"
		fi
		layer=$((i / RC_WIDTH))
		if ((layer > 0)); then
			prev=$(((layer - 1) * RC_WIDTH))
			a=$((prev + i % RC_WIDTH)) b=$((prev + (i + 1) % RC_WIDTH))
			: > "$rcd/s$i/dependencies.d/s$a"
			: > "$rcd/s$i/dependencies.d/s$b"
		fi
		: > "$rcd/user/contents.d/s$i"
	done
}

# rc_once ROOT: one boot and one stop; prints "boot_us stop_ms
# stage2_cpu_us oneshots_cpu_us"
rc_once() {
	local state=$WORK/rcstate.$RANDOM t0 stamp k stopms cpu
	STATES+=("$state")
	t0=${EPOCHREALTIME/./}
	tests/harness/run "$1" -d "$state" -e S6_VERBOSITY=1 -- /usr/bin/stamp sleep 100000 || die "rc: the container did not start"
	for ((k = 0; k < 20000; k++)); do
		stamp=$(sed -n 's/^stamp \([0-9]*\)$/\1/p' "$state/stdout" 2>/dev/null)
		[ -n "$stamp" ] && break
		sleep 0.001
	done
	[ -n "$stamp" ] || { cat "$state/stderr" >&2; die "rc: the CMD did not start within 20 s"; }
	for ((k = 0; k < 1000; k++)); do
		cpu=$(sed -n 's/^cpu \([0-9]*\) \([0-9]*\)$/\1 \2/p' "$state/stdout")
		[ -n "$cpu" ] && break
		sleep 0.001
	done
	grep -q 'unable to' "$state/stderr" && { cat "$state/stderr" >&2; die "rc: some services failed"; }
	stopms=$(tests/harness/stop "$state" 20 2>&1 >/dev/null | sed -n 's/.*after \([0-9]*\) ms.*/\1/p')
	[ -n "$stopms" ] || die "rc: stop did not report its time"
	echo "$((stamp - t0)) $stopms $cpu"
}

note "E: rc engine, graphs of $RC_SIZES services, $RC_RUNS runs each, interleaved"
declare -A RCBOOT RCSTOP RCSELF RCKIDS
for n in $RC_SIZES; do
	cp -a "$ROOT" "$WORK/rcroot.$n"
	install -m 755 "$WORK/stamp" "$WORK/rcroot.$n/usr/bin/stamp"
	rc_tree "$WORK/rcroot.$n" "$n"
	"$BOSUN" check "$WORK/rcroot.$n/etc/s6-overlay/s6-rc.d" > /dev/null || die "rc: the generated tree of $n services is invalid"
done
for ((r = 1; r <= RC_RUNS; r++)); do
	for n in $RC_SIZES; do
		read -r b s c1 c2 < <(rc_once "$WORK/rcroot.$n")
		RCBOOT[$n]="${RCBOOT[$n]:-} $b" RCSTOP[$n]="${RCSTOP[$n]:-} $s"
		RCSELF[$n]="${RCSELF[$n]:-} $c1" RCKIDS[$n]="${RCKIDS[$n]:-} $c2"
	done
done
say 'E. rc engine: /init start until every service is up and the CMD runs, and docker stop (TERM) to exit\n'
say '   (services in layers of %d, half oneshots running /bin/true, half longruns; %d runs, medians)\n' "$RC_WIDTH" "$RC_RUNS"
say '   %-10s %10s %14s %9s %14s %16s %16s\n' services "boot ms" "boot range" "stop ms" "stop range" "stage 2 CPU ms" "oneshots CPU ms"
for n in $RC_SIZES; do
	bm=$(median <<< "${RCBOOT[$n]}")
	sm=$(median <<< "${RCSTOP[$n]}")
	say '   %-10s %10s %14s %9s %14s %16s %16s\n' "$n" "$(ms "$bm")" "$(minmax <<< "${RCBOOT[$n]}")" "$sm" \
		"$(tr ' ' '\n' <<< "${RCSTOP[$n]}" | grep . | sort -n | sed -n '1p;$p' | paste -sd-)" \
		"$(ms "$(median <<< "${RCSELF[$n]}")")" "$(ms "$(median <<< "${RCKIDS[$n]}")")"
done
first=${RC_SIZES%% *}
for n in $RC_SIZES; do
	[ "$n" = "$first" ] || [ "$n" -eq 0 ] && continue
	say '   per service, %s services: boot %s ms\n' "$n" \
		"$(awk -v a="$(median <<< "${RCBOOT[$n]}")" -v b="$(median <<< "${RCBOOT[$first]}")" -v n="$n" 'BEGIN { printf "%.3f", (a - b) / n / 1000 }')"
done
say '\n'
