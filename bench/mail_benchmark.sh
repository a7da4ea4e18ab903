#!/usr/bin/env bash
# Mail ingest: rearview import mail over the Enron subset (132 mbox files,
# 15,784 messages), and in the same run mu index (Debian maildir-utils: GMime
# and Xapian) over the same messages as a maildir, which is all mu reads;
# rearview reads that maildir too. Prints MB/s, messages/s and peak memory.
#   bench/mail_benchmark.sh [MAIL_FOLDER] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
mail="${1:-../shared/data/mail/enron-subset}"
work="${2:-/tmp/rearview-mail-bench}"
rearview="${REARVIEW_BIN:-$PWD/build/apps/rearview/rearview}"
[[ -d $mail ]] || { echo "no mail folder at $mail" >&2; exit 1; }
command -v mu >/dev/null || { echo "mu is missing: scripts/install-deps.sh installs maildir-utils" >&2; exit 1; }
mkdir -p "$work"

# The same messages, one file each, once.
if [[ ! -d $work/maildir/cur ]]; then
  python3 - "$mail" "$work/maildir" <<'PY'
import mailbox, pathlib, sys
source, target = pathlib.Path(sys.argv[1]), mailbox.Maildir(sys.argv[2], create=True)
for path in sorted(source.rglob("*.mbox")):
    for message in mailbox.mbox(str(path), create=False):
        target.add(message)
PY
fi
messages=$(find "$work/maildir" -type f -path '*/new/*' -o -type f -path '*/cur/*' | wc -l)
bytes=$(du -sb "$work/maildir" | cut -f1)
mbox_bytes=$(du -sb "$mail" | cut -f1)

measure() {  # prints "seconds peak_kilobytes"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    return 1
  }
  cat "$work/time.txt"
}

rm -f "$work"/mbox.db* "$work"/maildir.db*
read -r mbox_seconds mbox_kb < <(measure "$rearview" import mail "$mail" --db "$work/mbox.db" --progress none --no-refresh)
read -r maildir_seconds maildir_kb < <(measure "$rearview" import mail "$work/maildir" --db "$work/maildir.db" --progress none --no-refresh)
rm -rf "$work/mu"
mu init --maildir="$work/maildir" --muhome="$work/mu" >/dev/null
read -r mu_seconds mu_kb < <(measure mu index --muhome="$work/mu")

rate() { python3 -c "print(f'{$1 / $2:,.1f}')"; }
echo
echo "$messages messages, $((bytes / 1000000)) MB as a maildir ($((mbox_bytes / 1000000)) MB as mbox); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| what | wall time (s) | MB/s | messages/s | peak memory (MB) |"
echo "| --- | ---: | ---: | ---: | ---: |"
echo "| rearview import mail, the mbox files | $mbox_seconds | $(rate "$mbox_bytes / 1000000" "$mbox_seconds") | $(rate "$messages" "$mbox_seconds") | $((mbox_kb / 1024)) |"
echo "| rearview import mail, the maildir | $maildir_seconds | $(rate "$bytes / 1000000" "$maildir_seconds") | $(rate "$messages" "$maildir_seconds") | $((maildir_kb / 1024)) |"
echo "| mu index, the maildir | $mu_seconds | $(rate "$bytes / 1000000" "$mu_seconds") | $(rate "$messages" "$mu_seconds") | $((mu_kb / 1024)) |"
