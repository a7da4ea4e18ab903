#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/, clang 16, ASan + UBSan) into
# build-fuzz/ and runs each in turn for SECONDS (default 60) over its corpus:
# the committed seeds in fuzz/corpus/, small samples of the real exports in
# ../shared/data/crm when that folder is present, and what earlier runs found.
# One fuzzer at a time, one process each, so a core stays free.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 600 csv_reader
# A crash stops the script with status 1; the input is in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if ((${#targets[@]} == 0)); then
  targets=(csv_reader time_and_numbers config mapping salesforce_export hubspot_export mail_message
           calendar transcript)
fi
build="${REARVIEW_FUZZ_BUILD:-build-fuzz}"
# Readable stack traces in crash reports.
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-16/bin/llvm-symbolizer}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}"
shared_crm="../shared/data/crm"
# BSD-2 test files of the icalendar project: read from there, never committed.
shared_calendars="../shared/data/calendar/icalendar-corpus"

scripts/install-deps.sh
CC=clang-16 CXX=clang++-16 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DREARVIEW_FUZZ=ON -DREARVIEW_BUILD_TESTS=OFF -DREARVIEW_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

# Seeds from the real exports: the first lines of each small CSV, so the
# fuzzer starts from what CRMs really write without carrying whole files.
first_lines() { head -n 30 "$1"; }

seed_csv_files() {  # TARGET_CORPUS
  local file
  for file in "$shared_crm"/*/*.csv; do
    first_lines "$file" >"$1/shared-$(basename "$(dirname "$file")")-$(basename "$file")"
  done
}

seed_salesforce_exports() {  # TARGET_CORPUS: one seed per export folder, in fuzz_salesforce_export's form
  local folder file index name
  local -a names=(user account contact opportunity opportunityhistory opportunityfieldhistory
                  opportunitycontactrole task event emailmessage)
  for folder in "$shared_crm"/salesforce-*/; do
    {
      for file in "$folder"*.csv; do
        name="$(basename "$file" .csv)"
        name="${name,,}"
        for index in "${!names[@]}"; do
          if [[ ${names[$index]} == "$name" ]]; then
            printf "\\x$(printf %02x "$index")"
            first_lines "$file"
            printf '\x1e'
          fi
        done
      done
    } >"$1/shared-$(basename "$folder")"
  done
}

seed_calendars() {  # TARGET_CORPUS
  local file
  [[ -d $shared_calendars ]] || return 0
  find "$shared_calendars" -name '*.ics' -size -64k | while read -r file; do
    cp "$file" "$1/shared-$(basename "$(dirname "$file")")-$(basename "$file")"
  done
}

seed_from_shared_data() {  # TARGET CORPUS
  case "$1" in
    calendar) seed_calendars "$2" ;;
  esac
  [[ -d $shared_crm ]] || return 0
  case "$1" in
    csv_reader) seed_csv_files "$2" ;;
    salesforce_export) seed_salesforce_exports "$2" ;;
  esac
}

for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus" "$build/artifacts"
  cp -n fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  seed_from_shared_data "$target" "$corpus"
  echo "== fuzz_$target for ${seconds}s (corpus: $(ls "$corpus" | wc -l) inputs)"
  "$build/fuzz/fuzz_$target" "$corpus" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/artifacts/$target-" \
    >"$build/fuzz_$target.log" 2>&1 || {
    tail -n 60 "$build/fuzz_$target.log"
    echo "fuzz_$target found a crash: $(ls -t "$build/artifacts/$target-"* | head -n 1)" >&2
    exit 1
  }
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done)' "$build/fuzz_$target.log" || true
done
