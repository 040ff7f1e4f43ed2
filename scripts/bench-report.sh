#!/usr/bin/env bash
# bench-report.sh times a whole `roibook report` (workbook and deck) on
# generated client folders of 200k and 1M Meta Ads daily rows with
# /usr/bin/time -v, and the pandas + XlsxWriter baseline
# (scripts/baseline_pandas.py) on the same folders when a Python with pandas
# and xlsxwriter is there. It prints wall time, user CPU time and peak
# memory (max RSS) of each, best of REPEAT runs, and the ratios.
#
#   bash scripts/bench-report.sh
#
# Environment:
#   REPEAT=3             runs of each command; the best of each figure is kept
#   SIZES="200000 1000000"
#   PYTHON=/usr/bin/python3  (Debian's, with python3-pandas python3-xlsxwriter;
#                         a pyenv python3 first on PATH usually lacks pandas)
#   PANDAS_MAX_ROWS=1000000  skip the baseline on larger folders
#   PANDAS_TIMEOUT=900   seconds before a baseline run is abandoned
#   PANDAS_DATA="rows campaign-day"  Data sheet grains of the baseline:
#                         rows = every export row (the issue's job),
#                         campaign-day = roibook's Data sheet grain
#   KEEP=1               keep the temporary folder
set -euo pipefail

cd "$(dirname "$0")/.."
REPEAT=${REPEAT:-3}
SIZES=${SIZES:-"200000 1000000"}
PYTHON=${PYTHON:-/usr/bin/python3}
PANDAS_MAX_ROWS=${PANDAS_MAX_ROWS:-1000000}
PANDAS_TIMEOUT=${PANDAS_TIMEOUT:-900}
PANDAS_DATA=${PANDAS_DATA:-"rows campaign-day"}

[ -x /usr/bin/time ] || { echo "bench-report: /usr/bin/time is missing (apt-get install time)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roibook-bench.XXXXXX")
if [ "${KEEP:-}" = 1 ]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'),"\
	"$(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM; $(go version)"

go build -o "$tmp/roibook" ./cmd/roibook
have_pandas=0
if "$PYTHON" -c 'import pandas, xlsxwriter' 2>/dev/null; then
	have_pandas=1
	echo "baseline: $("$PYTHON" -c 'import sys, pandas, xlsxwriter; print("Python", sys.version.split()[0], "pandas", pandas.__version__, "XlsxWriter", xlsxwriter.__version__)')"
else
	echo "baseline: skipped ($PYTHON cannot import pandas and xlsxwriter)"
fi

# measure NAME CMD...: runs CMD REPEAT times under /usr/bin/time -v and
# sets wall, user (seconds) and rss (MB) to the best of the runs; returns 1
# when a run fails.
measure() {
	local name=$1; shift
	wall= user= rss=
	local i log="$tmp/time.log"
	for ((i = 1; i <= REPEAT; i++)); do
		if ! /usr/bin/time -v -o "$log" "$@" >"$tmp/$name.out" 2>&1; then
			echo "  $name: run $i failed:" >&2
			tail -n 5 "$tmp/$name.out" "$log" >&2
			return 1
		fi
		local w u r
		w=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log")
		u=$(awk -F': ' '/User time/ {print $2}' "$log")
		r=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$log")
		printf '  %-28s run %d: %6.2f s wall, %6.2f s user, %5d MB max RSS\n' "$name" "$i" "$w" "$u" "$r"
		if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" 'BEGIN {exit !(a < b)}'; then wall=$w; fi
		if [ -z "$user" ] || awk -v a="$u" -v b="$user" 'BEGIN {exit !(a < b)}'; then user=$u; fi
		if [ -z "$rss" ] || [ "$r" -lt "$rss" ]; then rss=$r; fi
	done
}

results=()
for n in $SIZES; do
	dir="$tmp/client-$n"
	echo "== $n rows: generating $dir"
	go run ./internal/gen/genclient -rows "$n" -out "$dir"
	echo "   export: $(du -h "$dir/exports/meta_daily.csv" | cut -f1)"

	measure "roibook-$n" "$tmp/roibook" report "$dir" --out "$tmp/out-$n"
	rb_wall=$wall rb_user=$user rb_rss=$rss
	results+=("roibook report|$n|$rb_wall|$rb_user|$rb_rss||")

	if [ "$have_pandas" = 1 ] && [ "$n" -le "$PANDAS_MAX_ROWS" ]; then
		for grain in $PANDAS_DATA; do
			if measure "pandas-$grain-$n" timeout "$PANDAS_TIMEOUT" "$PYTHON" scripts/baseline_pandas.py "$dir" \
				--data "$grain" --out "$tmp/pandas-$grain-$n.xlsx"; then
				speed=$(awk -v p="$wall" -v r="$rb_wall" 'BEGIN {printf "%.1f×", p / r}')
				mem=$(awk -v p="$rss" -v r="$rb_rss" 'BEGIN {printf "%.1f×", p / r}')
				results+=("pandas, Data = $grain|$n|$wall|$user|$rss|$speed|$mem")
			else
				results+=("pandas, Data = $grain|$n|failed or over ${PANDAS_TIMEOUT}s||||")
			fi
		done
	fi
done

echo
echo "Best of $REPEAT runs each. Ratios: baseline ÷ roibook on the same folder."
echo
echo "| command | rows | wall (s) | user (s) | max RSS (MB) | roibook faster | roibook less memory |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for r in "${results[@]}"; do
	IFS='|' read -r cmd n w u m s x <<<"$r"
	echo "| $cmd | $n | $w | $u | $m | $s | $x |"
done
