# bench/supervision.sh: section D of bench/run (sourced by it; uses its
# helpers and variables: WORK ROOT-building tools, say, ratio, ms, median,
# minmax, copy_libs, STATES, NSVC, RESTARTS).
#
# NSVC idle services (`#!/bin/sh` + `exec sleep 100000`) under
#   bosun: /init as PID 1, the services in /etc/services.d (copied to
#          /run/s6/legacy-services, linked into /run/service, one
#          s6-supervise each: the same static binary as PID 1), no CMD;
#   s6:    tini-static as PID 1, CMD `sh -c 'cp -a /srv/s6 /run/service &&
#          exec s6-svscan /run/service'`, Debian's s6-svscan and s6-supervise
#          with their glibc and libskarnet copied into the root.
# Same busybox root for both, both containers running at once.
note "D: supervision tree, $NSVC services under bosun and under s6-svscan"

ROOTD=$WORK/root-d
tests/harness/mkroot busybox "$ROOTD" >&2
install -m 755 "$TINI" "$ROOTD/usr/bin/tini"
for b in "$S6SVSCAN" "$S6SUPERVISE"; do
	install -m 755 "$b" "$ROOTD/usr/bin/$(basename "$b")"
	is_static "$b" || copy_libs "$b" "$ROOTD"
done
SVCS=()
for ((k = 1; k <= NSVC; k++)); do
	n=$(printf 'svc%03d' "$k")
	SVCS+=("$n")
	for d in "$ROOTD/etc/services.d/$n" "$ROOTD/srv/s6/$n"; do
		mkdir -p "$d"
		printf '#!/bin/sh\nexec sleep 100000\n' > "$d/run"
		chmod 755 "$d/run"
	done
done
s6_version=$(dpkg-query -W -f='${Version}' s6 2>/dev/null || echo '?')

TREES=(bosun s6)
declare -A TPID TSTATE
for t in "${TREES[@]}"; do
	state=$WORK/state-d-$t
	STATES+=("$state")
	TSTATE[$t]=$state
	case $t in
		bosun) timeout -k 2 30 tests/harness/run "$ROOTD" -d "$state" -- ;;
		s6) timeout -k 2 30 tests/harness/run "$ROOTD" -d "$state" --entrypoint /usr/bin/tini -- \
			-- /bin/sh -c "cp -a /srv/s6 /run/service && exec /usr/bin/$(basename "$S6SVSCAN") /run/service" ;;
	esac || die "$t tree did not start detached"
	TPID[$t]=$(cat "$state/pid")
done

# tree_of PID1: "pid comm" of PID1's descendants, one a line (one ps call)
tree_of() {
	ps -e -o pid=,ppid=,comm= | awk -v r="$1" '
		{ par[$1] = $2; cm[$1] = $3 }
		END { for (p in par) { q = p; while (q in par && q != r && q > 1) q = par[q]; if (q == r && p != r) print p, cm[p] } }'
}
# sleeps_of PID1: host pids of the container's sleep processes
sleeps_of() { tree_of "$1" | awk '$2 == "sleep" { print $1 }'; }
# wait (at most 30 s) until NSVC sleeps run in each container
for t in "${TREES[@]}"; do
	n=0
	for ((k = 0; k < 300; k++)); do
		n=$(sleeps_of "${TPID[$t]}" | wc -l)
		[ "$n" -ge "$NSVC" ] && break
		sleep 0.1
	done
	[ "$n" -ge "$NSVC" ] || { cat "${TSTATE[$t]}/stderr" >&2; die "$t: $n of $NSVC services up after 30 s"; }
done
sleep 1.2 # settle; and every service is now up for over 1 s (s6's restart pacing)

# --- D1: memory ---------------------------------------------------------------
declare -A DRSS DPSS DN DRSS1 DPSS1 DCOMMS
for t in "${TREES[@]}"; do
	p1=${TPID[$t]}
	rss=0 pss=0 n=0
	declare -A bycomm=()
	while read -r p c; do
		[ "$c" = sleep ] && continue
		read -r r s < <(awk '$1 == "Rss:" { r = $2 } $1 == "Pss:" { p = $2 } END { print r, p }' "/proc/$p/smaps_rollup")
		[ -n "$r" ] && [ -n "$s" ] || die "$t: cannot read /proc/$p/smaps_rollup"
		bycomm[$c]=$((${bycomm[$c]:-0} + 1))
		rss=$((rss + r)) pss=$((pss + s)) n=$((n + 1))
		if [ "$p" = "$p1" ]; then DRSS1[$t]=$r DPSS1[$t]=$s; fi
	done < <(echo "$p1 $(cat /proc/"$p1"/comm)"; tree_of "$p1")
	DRSS[$t]=$rss DPSS[$t]=$pss DN[$t]=$n
	DCOMMS[$t]=$(for c in "${!bycomm[@]}"; do echo "${bycomm[$c]} $c"; done | sort -k2 | tr '\n' ',' | sed 's/,$//; s/,/, /g')
	unset bycomm
done
# s6 without tini: the scanner and supervisors alone
DRSS[s6x]=$((DRSS[s6] - DRSS1[s6])) DPSS[s6x]=$((DPSS[s6] - DPSS1[s6])) DN[s6x]=$((DN[s6] - 1))

say 'D. Supervision tree: %d idle services (`exec sleep`), both trees running at once\n' "$NSVC"
say '   bosun: /init (PID 1, scanner) + one s6-supervise per service, static, services.d\n'
say '   s6:    Debian s6 %s (s6-svscan, s6-supervise; dynamic, glibc + libskarnet) under tini-static\n' "$s6_version"
say '   D1. Memory of every process but the sleeps (host /proc/PID/smaps_rollup, summed)\n'
say '   %-28s %10s %10s %10s %12s   %s\n' "" "Rss KiB" "Pss KiB" "processes" "Pss/service" "what"
say '   %-28s %10s %10s %10s %12s   %s\n' "bosun tree" "${DRSS[bosun]}" "${DPSS[bosun]}" "${DN[bosun]}" \
	"$(awk -v a="${DPSS[bosun]}" -v n="$NSVC" 'BEGIN { printf "%.1f", a / n }')" "${DCOMMS[bosun]}"
say '   %-28s %10s %10s %10s %12s   %s\n' "s6 tree (+ tini PID 1)" "${DRSS[s6]}" "${DPSS[s6]}" "${DN[s6]}" \
	"$(awk -v a="${DPSS[s6]}" -v n="$NSVC" 'BEGIN { printf "%.1f", a / n }')" "${DCOMMS[s6]}"
say '   %-28s %10s %10s %10s %12s\n' "s6 tree without tini" "${DRSS[s6x]}" "${DPSS[s6x]}" "${DN[s6x]}" \
	"$(awk -v a="${DPSS[s6x]}" -v n="$NSVC" 'BEGIN { printf "%.1f", a / n }')"
say '   bosun/s6 (with tini)        Rss %s   Pss %s\n' "$(ratio "${DRSS[bosun]}" "${DRSS[s6]}")" "$(ratio "${DPSS[bosun]}" "${DPSS[s6]}")"
say '   bosun/s6 (without tini)     Rss %s   Pss %s\n' "$(ratio "${DRSS[bosun]}" "${DRSS[s6x]}")" "$(ratio "${DPSS[bosun]}" "${DPSS[s6x]}")"

# --- D2: restart latency --------------------------------------------------------
# status_of TREE SERVICE: the service's supervise/status as the host sees it
# (an absolute symlink in /run/service is resolved inside the container root)
status_of() {
	local r=/proc/${TPID[$1]}/root d l
	d=$r/run/service/$2
	if [ -L "$d" ]; then
		l=$(readlink "$d")
		case $l in
			/*) d=$r$l ;;
			*) d=$r/run/service/$l ;;
		esac
	fi
	echo "$d/supervise/status"
}
# nsmap TREE: "nspid hostpid" of the container's sleeps, one a line
nsmap() {
	local f=() p
	for p in $(sleeps_of "${TPID[$1]}"); do f+=("/proc/$p/status"); done
	awk '$1 == "NSpid:" { split(FILENAME, a, "/"); print $NF, a[3] }' "${f[@]}" 2>/dev/null || true
}
# nspid_in STATUSFILE: the pid recorded in an s6 status file (offset 24, 64-bit BE)
nspid_in() { od -An -j24 -N8 -tu1 "$1" | awk '{ p = 0; for (i = 1; i <= NF; i++) p = p * 256 + $i; print p }'; }
declare -A RST NSMAP
for t in "${TREES[@]}"; do NSMAP[$t]=$(nsmap "$t"); done
for ((k = 0; k < RESTARTS; k++)); do
	n=${SVCS[k]}
	for t in "${TREES[@]}"; do
		st=$(status_of "$t" "$n")
		[ -f "$st" ] || die "$t: $st missing"
		nsp=$(nspid_in "$st")
		hp=$(awk -v n="$nsp" '$1 == n { print $2 }' <<< "${NSMAP[$t]}")
		[ -n "$hp" ] || die "$t: $n: no sleep with pid $nsp in the container"
		us=$(timeout -k 2 10 "$WORK/restart" "$st" "$hp" 5000 | sed -n 's/^restart_us //p') || true
		[ -n "$us" ] || die "$t: $n was not restarted within 5 s"
		RST[$t]="${RST[$t]:-} $us"
	done
done
say '   D2. Restart latency: SIGKILL to a service process (host) until supervise/status has the new pid\n'
say '       (%d kills per tree, one per service, each up for over 1 s; interleaved)\n' "$RESTARTS"
say '   %-28s %10s %16s\n' "" "median ms" "range ms"
for t in "${TREES[@]}"; do note "D2 $t restart us:${RST[$t]}"; done
declare -A RMEDD
for t in "${TREES[@]}"; do
	RMEDD[$t]=$(median <<< "${RST[$t]}")
	say '   %-28s %10s %16s\n' "$t" "$(ms "${RMEDD[$t]}")" "$(minmax <<< "${RST[$t]}")"
done
say '   bosun/s6                    median %s\n' "$(ratio "${RMEDD[bosun]}" "${RMEDD[s6]}")"
say '\n'

for t in "${TREES[@]}"; do
	timeout -k 2 30 tests/harness/stop "${TSTATE[$t]}" 10 >/dev/null 2>&1 || true
done
