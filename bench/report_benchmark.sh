#!/usr/bin/env bash
# rearview report --all over a database of N generated opportunities (made by
# bench/import_benchmark.sh), timed and measured for memory, and in the same
# run DuckDB computing the per-opportunity aggregates (time in each stage,
# activity counts and longest gaps, cycle lengths) from the same export.
#   bench/report_benchmark.sh [OPPORTUNITIES] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
opportunities="${1:-200000}"
work="${2:-/tmp/rearview-bench}"
rearview="${REARVIEW_BIN:-$PWD/build/apps/rearview/rearview}"
export_dir="$work/export-$opportunities"
database="$work/rearview.db"
if [[ ! -f "$database" ]]; then
  echo "run bench/import_benchmark.sh $opportunities $work first" >&2
  exit 1
fi
(cd bench/duckdb && [[ -d node_modules ]] || npm ci --no-audit --no-fund >/dev/null)

measure() {  # prints "seconds peak_kilobytes" and keeps the command's stdout in $work/out.txt
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    return 1
  }
  cat "$work/time.txt"
}

# The first refresh analyses every deal and stores the cohort, the model and
# each deal's analysis; the reports after it use the stored context.
read -r refresh_seconds refresh_kb < <(measure "$rearview" refresh --db "$database")
rm -rf "$work/reports"
read -r report_seconds report_kb < <(measure "$rearview" report --all --format html \
  --out "$work/reports" --db "$database" --as-of 2026-06-30T23:59:59Z)
report_line=$(cat "$work/out.txt")
read -r tells_seconds tells_kb < <(measure "$rearview" tells --db "$database")
read -r duckdb_seconds duckdb_kb < <(measure node bench/duckdb/aggregates.mjs "$export_dir")
duckdb_line=$(cat "$work/out.txt")

echo
echo "$opportunities opportunities; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo "rearview: $report_line"
echo "duckdb: $duckdb_line"
echo
echo "| what | wall time (s) | peak memory (MB) |"
echo "| --- | ---: | ---: |"
echo "| rearview refresh (first): analyse every deal, learn the cohort and the model, store them | $refresh_seconds | $((refresh_kb / 1024)) |"
echo "| rearview report --all: read, analyse, render $opportunities HTML reports + index | $report_seconds | $((report_kb / 1024)) |"
echo "| rearview tells: read every closed deal's stored analysis + back-test the tells | $tells_seconds | $((tells_kb / 1024)) |"
echo "| DuckDB (node): per-opportunity stage times, activity counts and gaps, cycles from the CSV export | $duckdb_seconds | $((duckdb_kb / 1024)) |"
