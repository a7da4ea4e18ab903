#!/usr/bin/env bash
# The main job on the embedded default: builds rearview, generates a sample
# company (its CRM export, its e-mail as a mailbox, its meetings as calendars
# and its calls as a recorder's transcripts), imports them into SQLite
# (matching each message, meeting and call to its deal), prints the summary
# and writes
# the postmortem report of every closed deal.
#   scripts/run.sh [OPPORTUNITIES] [SEED]     (defaults: 2000, 42)
set -euo pipefail
cd "$(dirname "$0")/.."
opportunities="${1:-2000}"
seed="${2:-42}"
scripts/build.sh >/dev/null
out="out"
mkdir -p "$out"
rm -f "$out/rearview.db" "$out/rearview.db-wal" "$out/rearview.db-shm"
build/apps/rearview/rearview generate --out "$out/sample-company" \
  --opportunities "$opportunities" --seed "$seed" --mailbox --calendar --calls
build/apps/rearview/rearview import salesforce "$out/sample-company" --db "$out/rearview.db" \
  --no-refresh
echo
build/apps/rearview/rearview import mail "$out/sample-company/mail" --db "$out/rearview.db" \
  --no-refresh
echo
build/apps/rearview/rearview import calendar "$out/sample-company/calendar" --db "$out/rearview.db" \
  --no-refresh
echo
build/apps/rearview/rearview import calls "$out/sample-company/calls" --db "$out/rearview.db"
echo
build/apps/rearview/rearview stats --db "$out/rearview.db"
echo
rm -rf "$out/postmortems"
build/apps/rearview/rearview report --all --closed --out "$out/postmortems" --db "$out/rearview.db"
echo
echo "database: $out/rearview.db    export: $out/sample-company/ (e-mail: mail/all-mail.mbox, meetings: calendar/team.ics, calls: calls/)"
echo "mail, meetings and calls waiting for a person to choose their deal: rearview unmatched --status review --db $out/rearview.db"
echo "postmortems of every closed deal: $out/postmortems/index.html"
