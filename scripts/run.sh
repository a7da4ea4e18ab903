#!/usr/bin/env bash
# The main job on the embedded default: builds rearview, generates a sample
# company (its CRM export, its e-mail as a mailbox, its meetings as calendars
# and its calls as a recorder's transcripts), imports them into SQLite
# (matching each message, meeting and call to its deal), prints the summary,
# writes the postmortem report of every closed deal, then serves the web app
# on localhost with demo accounts of every role (Ctrl-C stops it).
#   scripts/run.sh [OPPORTUNITIES] [SEED]     (defaults: 2000, 42)
#   PORT=8080 (default), SERVE=0 to stop before serving
set -euo pipefail
cd "$(dirname "$0")/.."
opportunities="${1:-2000}"
seed="${2:-42}"
port="${PORT:-8080}"
scripts/build.sh >/dev/null
out="out"
# The standard sales process with milestones to tick (copy it for your own).
export REARVIEW_CONFIG="examples/demo.toml"
rearview() { build/apps/rearview/rearview --config "$REARVIEW_CONFIG" "$@"; }
mkdir -p "$out"
rm -f "$out/rearview.db" "$out/rearview.db-wal" "$out/rearview.db-shm"
rearview generate --out "$out/sample-company" \
  --opportunities "$opportunities" --seed "$seed" --mailbox --calendar --calls
rearview import salesforce "$out/sample-company" --db "$out/rearview.db" \
  --no-refresh
echo
rearview import mail "$out/sample-company/mail" --db "$out/rearview.db" \
  --no-refresh
echo
rearview import calendar "$out/sample-company/calendar" --db "$out/rearview.db" \
  --no-refresh
echo
rearview import calls "$out/sample-company/calls" --db "$out/rearview.db"
echo
rearview stats --db "$out/rearview.db"
echo
rm -rf "$out/postmortems"
rearview report --all --closed --out "$out/postmortems" --db "$out/rearview.db"
echo
echo "database: $out/rearview.db    export: $out/sample-company/ (e-mail: mail/all-mail.mbox, meetings: calendar/team.ics, calls: calls/)"
echo "mail, meetings and calls waiting for a person to choose their deal: rearview unmatched --status review --db $out/rearview.db"
echo "postmortems of every closed deal: $out/postmortems/index.html"

# Demo accounts: an admin, every CRM user (managers and reps), an
# interviewer with two lost deals to interview, and a read-only viewer of
# the whole company. One password for all: it is a demo.
password="rearview demo"
printf '%s\n' "$password" >"$out/demo-password.txt"
db=(--db "$out/rearview.db")
rearview user import-crm --password-file "$out/demo-password.txt" "${db[@]}" >"$out/demo-accounts.txt" 2>/dev/null
first_address="$(grep -m1 -o '<[^>]*>' "$out/demo-accounts.txt" | tr -d '<>')"
domain="${first_address#*@}"
add_account() {  # ROLE NAME ADDRESS [--crm-user ID]
  rearview user add --role "$1" --name "$2" --email "$3" "${@:4}" \
    --password-file "$out/demo-password.txt" "${db[@]}" >/dev/null
}
add_account admin "Ada Admin" "admin@$domain"
add_account interviewer "Ivan Interviewer" "interviewer@$domain"
top_manager="$(python3 -c 'import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM users WHERE manager_id IS NULL ORDER BY id LIMIT 1").fetchone()[0])' "$out/rearview.db")"
add_account viewer "Vera Viewer" "viewer@$domain" --crm-user "$top_manager"
for deal in $(python3 -c 'import sqlite3, sys
for (id,) in sqlite3.connect(sys.argv[1]).execute(
    "SELECT id FROM opportunities WHERE outcome = '"'lost'"' ORDER BY closed_at DESC LIMIT 2"):
    print(id)' "$out/rearview.db"); do
  rearview interview assign "$deal" --to "interviewer@$domain" "${db[@]}" >/dev/null
done
if [[ "${SERVE:-1}" == 0 ]]; then exit 0; fi
# The rep with the most open deals, and their manager.
read -r rep manager < <(python3 -c 'import sqlite3, sys
print(*sqlite3.connect(sys.argv[1]).execute(
    "SELECT lower(u.email), lower(m.email) FROM opportunities o JOIN users u ON u.id = o.owner_id "
    "JOIN users m ON m.id = u.manager_id WHERE o.outcome = '"'open'"' "
    "GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1").fetchone())' "$out/rearview.db")
echo
echo "The web app: http://127.0.0.1:$port/   password for every demo account: $password"
echo "  admin        admin@$domain"
echo "  manager      $manager   (every CRM user has an account: $out/demo-accounts.txt)"
echo "  rep          $rep"
echo "  interviewer  interviewer@$domain"
echo "  viewer       viewer@$domain"
echo
exec build/apps/rearview/rearview --config "$REARVIEW_CONFIG" serve "${db[@]}" --listen "127.0.0.1:$port"
