# bench/logger.sh: section E of bench/run (sourced by it; uses its helpers
# and variables: WORK, OUT, BOSUN, say, ratio, median, note, die).
#
# The logger's throughput against Debian's s6-log (glibc, libskarnet), both
# run on the host with stdin from the same file (in the page cache after
# the first run), into a log directory on the same disk, -b for both (bosun
# always behaves as -b; logutil-service passes it), interleaved bosun, s6,
# bosun, s6... BENCH_LOG_RUNS (3) runs each, BENCH_LOG_MB (200) MiB of
# lines of 1 to 55 words (bench/lines.c, fixed seed). Three scripts:
#   F1  n20 s1000000 T DIR                    ISO stamps, rotation at 1 MB
#   F2  F1 with -.* "+error|warning" first   a selection of plain words
#   F3  F1 with -.* and a real regular expression (alternation, classes,
#       repetition) selecting about 0.4% of the lines
#   F4  F1 with -.* and an expression in which no word is required, so
#       that bosun's prefilter cannot help: its DFA alone (before it,
#       musl's regexec against glibc's, the worst case)
# Per run: wall-clock time, user+sys CPU and peak RSS (wait4, bench/rusage.c).
# Reported: MB/s from the median time, CPU ms per MB (median), peak RSS (max).
note "F: logger throughput, $LOG_MB MiB, $LOG_RUNS runs each"

gcc -O2 -Wall -Wextra -Werror -o "$WORK/lines" bench/lines.c
gcc -O2 -Wall -Wextra -Werror -o "$WORK/rusage" bench/rusage.c
"$WORK/lines" "$LOG_MB" > "$WORK/lines.txt" || die "cannot write $LOG_MB MiB of lines into $WORK"
nlines=$(wc -l < "$WORK/lines.txt")
s6log_version=$(dpkg-query -W -f='${Version}' s6 2>/dev/null || echo '?')

declare -A E_SCRIPT E_T E_CPU E_RSS E_MBS E_CPM
E_NAMES=(F1 F2 F3 F4)
E_SCRIPT[F1]='n20 s1000000 T'
E_SCRIPT[F2]='n20 s1000000 -.* +error|warning T'
E_SCRIPT[F3]='n20 s1000000 -.* +(GET|POST) /api/v[0-9]+/(items|users) [45][0-9][0-9] T'
E_SCRIPT[F4]='n20 s1000000 -.* +[45]0[0-9] [a-z]+$ T'
# the script as words: F3's regex holds blanks, so it is one word here
e_words() {
	case $1 in
		F1) WORDS=(n20 s1000000 T) ;;
		F2) WORDS=(n20 s1000000 '-.*' '+error|warning' T) ;;
		F3) WORDS=(n20 s1000000 '-.*' '+(GET|POST) /api/v[0-9]+/(items|users) [45][0-9][0-9]' T) ;;
		F4) WORDS=(n20 s1000000 '-.*' '+[45]0[0-9] [a-z]+$' T) ;;
	esac
}
for e in "${E_NAMES[@]}"; do
	e_words "$e"
	for ((r = 1; r <= LOG_RUNS; r++)); do
		for who in bosun s6; do
			dir=$WORK/logdir-$who
			rm -rf "$dir"
			case $who in
				bosun) cmd=("$BOSUN" s6-log -b -- "${WORDS[@]}" "$dir") ;;
				s6) cmd=("$S6LOG" -b -- "${WORDS[@]}" "$dir") ;;
			esac
			read -r t u s m < <("$WORK/rusage" "$WORK/lines.txt" "${cmd[@]}") || die "$who s6-log failed on $e"
			[ -n "$m" ] || die "$who s6-log failed on $e"
			E_T[$e-$who]="${E_T[$e-$who]:-} $t"
			E_CPU[$e-$who]="${E_CPU[$e-$who]:-} $((u + s))"
			[ "$m" -gt "${E_RSS[$e-$who]:-0}" ] && E_RSS[$e-$who]=$m
		done
	done
	# the same job done: the last 1000 lines kept are the same, stamps aside
	for who in bosun s6; do
		(cd "$WORK/logdir-$who" && cat $(ls | grep '^@' | sort) current) | tail -n 1000 |
			sed -E 's/^[0-9-]{10} [0-9:.]{18}  //' > "$WORK/tail-$who"
	done
	cmp -s "$WORK/tail-bosun" "$WORK/tail-s6" || die "$e: bosun and s6-log did not keep the same last lines"
	rm -rf "$WORK"/logdir-*
done
rm -f "$WORK/lines.txt"

say 'F. Logger throughput: %s MiB, %s lines of 1-55 words, from a file, into a log directory (s6-log -b), %d runs each, interleaved\n' \
	"$LOG_MB" "$nlines" "$LOG_RUNS"
say '   bosun: %s s6-log (static, musl); s6: Debian s6 %s %s (glibc, libskarnet)\n' "$BOSUN" "$s6log_version" "$S6LOG"
say '   %-4s %-6s %10s %12s %14s   %s\n' "" "" "MB/s" "CPU ms/MB" "peak RSS KiB" "script"
for e in "${E_NAMES[@]}"; do
	for who in bosun s6; do
		tm=$(median <<< "${E_T[$e-$who]}")
		cm=$(median <<< "${E_CPU[$e-$who]}")
		E_MBS[$e-$who]=$(awk -v mb="$LOG_MB" -v t="$tm" 'BEGIN { printf "%.1f", mb / (t / 1e6) }')
		E_CPM[$e-$who]=$(awk -v mb="$LOG_MB" -v c="$cm" 'BEGIN { printf "%.2f", c / 1000 / mb }')
		say '   %-4s %-6s %10s %12s %14s   %s\n' "$e" "$who" "${E_MBS[$e-$who]}" "${E_CPM[$e-$who]}" "${E_RSS[$e-$who]}" \
			"$([ $who = bosun ] && echo "${E_SCRIPT[$e]} DIR" || echo '')"
	done
	say '   %-4s bosun/s6  throughput %s   CPU per MB %s   peak RSS %s\n' "$e" \
		"$(ratio "${E_MBS[$e-bosun]}" "${E_MBS[$e-s6]}")" "$(ratio "${E_CPM[$e-bosun]}" "${E_CPM[$e-s6]}")" \
		"$(ratio "${E_RSS[$e-bosun]}" "${E_RSS[$e-s6]}")"
done
say '\n'
