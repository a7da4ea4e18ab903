#!/usr/bin/env bash
# Imports a generated company of N opportunities (default 200,000) with
# rearview, and in the same run loads the same CSV files into bare tables
# with the sqlite3 shell's .import -- the floor of what loading into SQLite
# costs. Prints a Markdown table: wall time, rows per second, peak memory.
#   bench/import_benchmark.sh [OPPORTUNITIES] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
opportunities="${1:-200000}"
work="${2:-/tmp/rearview-bench}"
rearview="${REARVIEW_BIN:-$PWD/build/apps/rearview/rearview}"
[[ -x "$rearview" ]] || scripts/build.sh >/dev/null

export_dir="$work/export-$opportunities"
if [[ ! -f "$export_dir/truth.json" ]]; then
  echo "generating $opportunities opportunities into $export_dir ..." >&2
  "$rearview" generate --out "$export_dir" --opportunities "$opportunities" --seed 1 >&2
fi

files=(User Account Contact Opportunity OpportunityHistory OpportunityFieldHistory
       OpportunityContactRole Task Event EmailMessage)
rows=0
for file in "${files[@]}"; do
  # Data rows, counted by a CSV-aware reader (bodies hold newlines).
  count=$(python3 -c 'import csv,sys; csv.field_size_limit(1<<30); print(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1)' "$export_dir/$file.csv")
  rows=$((rows + count))
done
bytes=$(du -cb "$export_dir"/*.csv | tail -1 | cut -f1)

# rearview's imports are timed without the analysis refresh that follows an
# import by default (bench/README.md times that on its own).
# Runs a command under GNU time; prints "seconds peak_kilobytes".
measure() {
  local report="$work/time.txt"
  /usr/bin/time -f "%e %M" -o "$report" "$@" >/dev/null 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    return 1
  }
  cat "$report"
}

rm -f "$work"/rearview.db* "$work"/bare.db*
read -r rearview_seconds rearview_kb < <(measure "$rearview" import salesforce "$export_dir" \
  --db "$work/rearview.db" --progress none --no-refresh)

{
  for file in "${files[@]}"; do
    echo ".import --csv '$export_dir/$file.csv' $file"
  done
} >"$work/import.sql"
read -r shell_seconds shell_kb < <(measure sqlite3 "$work/bare.db" ".read $work/import.sql")

read -r again_seconds again_kb < <(measure "$rearview" import salesforce "$export_dir" \
  --db "$work/rearview.db" --progress none --no-refresh)

rate() { python3 -c "print(f'{$1 / $2:,.0f}')"; }
echo
echo "$opportunities opportunities: $rows rows in 10 CSV files, $((bytes / 1000000)) MB; $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| what | wall time (s) | rows/s | peak memory (MB) |"
echo "| --- | ---: | ---: | ---: |"
echo "| rearview import (validates, resolves references, derives stage history, indexes) | $rearview_seconds | $(rate "$rows" "$rearview_seconds") | $((rearview_kb / 1024)) |"
echo "| sqlite3 shell .import into bare tables (no checks, no indexes) | $shell_seconds | $(rate "$rows" "$shell_seconds") | $((shell_kb / 1024)) |"
echo "| rearview re-import of the same export (nothing changes) | $again_seconds | $(rate "$rows" "$again_seconds") | $((again_kb / 1024)) |"
