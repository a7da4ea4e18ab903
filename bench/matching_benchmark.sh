#!/usr/bin/env bash
# Matching quality and speed against the generator's truth: a company whose
# e-mail is only in a mailbox and its meetings only in calendars (--mailbox
# --calendar --no-crm-activities), so matching has to do all the work;
# mail/truth.csv and calendar/truth.csv say which deal each message and
# meeting was written for and what matching should do with it (link, review,
# unmatched; cancelled meetings must not be kept). The
# confusion per hard case is computed in the sqlite3 shell, apart from
# rearview's code.
#   bench/matching_benchmark.sh [OPPORTUNITIES] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
opportunities="${1:-20000}"
work="${2:-/tmp/rearview-matching-bench}"
rearview="${REARVIEW_BIN:-$PWD/build/apps/rearview/rearview}"
command -v sqlite3 >/dev/null || { echo "the sqlite3 shell is missing: scripts/install-deps.sh installs it" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"

measure() {  # prints "seconds peak_kilobytes"
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/stdout.txt" 2>"$work/stderr.txt" || {
    cat "$work/stderr.txt" >&2
    return 1
  }
  cat "$work/time.txt"
}

"$rearview" generate --out "$work/export" --opportunities "$opportunities" --seed 1 --mailbox \
  --calendar --no-crm-activities >/dev/null
"$rearview" import salesforce "$work/export" --db "$work/r.db" --progress none --no-refresh >/dev/null
read -r import_seconds import_kb < <(measure "$rearview" import mail "$work/export/mail" --db "$work/r.db" --progress none --no-refresh)
grep '^matching' "$work/stdout.txt"
grep -E '^messages:' "$work/stdout.txt"
read -r match_seconds match_kb < <(measure "$rearview" match --db "$work/r.db" --progress none --no-refresh)
read -r calendar_seconds calendar_kb < <(measure "$rearview" import calendar "$work/export/calendar" --db "$work/r.db" --progress none --no-refresh)
grep -E '^(events|matching):' "$work/stdout.txt"
messages=$(($(wc -l <"$work/export/mail/truth.csv") - 1))
meetings=$(($(wc -l <"$work/export/calendar/truth.csv") - 1))
ics_mb=$(( ($(stat -c %s "$work/export/calendar/team.ics") + $(stat -c %s "$work/export/calendar/copies.ics")) / 1000000))
mbox_mb=$(($(stat -c %s "$work/export/mail/all-mail.mbox") / 1000000))

echo
echo "$opportunities opportunities (seed 1), $messages messages ($mbox_mb MB of mbox); $(nproc) cores; $(date -u +%Y-%m-%d)"
echo
echo "| what | wall time (s) | messages/s | peak memory (MB) |"
echo "| --- | ---: | ---: | ---: |"
echo "| rearview import mail (parse, store, match) | $import_seconds | $(python3 -c "print(f'{$messages / $import_seconds:,.0f}')") | $((import_kb / 1024)) |"
echo "| rearview match again (every message decided anew, nothing changes) | $match_seconds | $(python3 -c "print(f'{$messages / $match_seconds:,.0f}')") | $((match_kb / 1024)) |"
echo
echo "| what | wall time (s) | meetings/s | peak memory (MB) |"
echo "| --- | ---: | ---: | ---: |"
echo "| rearview import calendar ($meetings meetings, $ics_mb MB of .ics: parse, expand, store, match all) | $calendar_seconds | $(python3 -c "print(f'{$meetings / $calendar_seconds:,.0f}')") | $((calendar_kb / 1024)) |"
echo
# The truth in a side database, attached: the benchmark writes nothing into rearview's.
rm -f "$work/truth.db"
sqlite3 "$work/truth.db" "CREATE TABLE truth (message_id TEXT PRIMARY KEY, opportunity_id TEXT, expected TEXT, mail_case TEXT)" \
  ".import --csv --skip 1 $work/export/mail/truth.csv truth" \
  "CREATE TABLE meetings (source_id TEXT PRIMARY KEY, opportunity_id TEXT, expected TEXT, meeting_case TEXT, start TEXT)" \
  ".import --csv --skip 1 $work/export/calendar/truth.csv meetings"
sqlite3 "$work/r.db" <<SQL
.mode markdown
ATTACH '$work/truth.db' AS t;
CREATE TEMP VIEW judged AS
  SELECT truth.mail_case AS mail_case, truth.expected AS expected,
    CASE WHEN l.opportunity_id = truth.opportunity_id THEN 'linked right'
         WHEN l.opportunity_id IS NOT NULL THEN 'linked wrong'
         WHEN i.id IS NULL THEN 'not imported'
         ELSE coalesce(o.status, 'unmatched') END AS outcome
  FROM t.truth AS truth LEFT JOIN interactions i ON i.source = 'mailbox' AND i.source_id = truth.message_id
  LEFT JOIN interaction_links l ON l.interaction_id = i.id
  LEFT JOIN match_outcomes o ON o.interaction_id = i.id;
SELECT mail_case AS "case", expected, count(*) AS messages,
  sum(outcome = 'linked right') AS "linked right", sum(outcome = 'linked wrong') AS "linked wrong",
  sum(outcome = 'review') AS review, sum(outcome = 'unmatched') AS unmatched,
  sum(outcome = 'not imported') AS "not imported"
  FROM judged GROUP BY mail_case, expected ORDER BY messages DESC;
SELECT printf('%.2f %%', 100.0 * sum(outcome = 'linked right') / sum(outcome LIKE 'linked%')) AS "precision of automatic links",
  printf('%.2f %%', 100.0 * sum(outcome = 'linked right' AND expected = 'link') / sum(expected = 'link')) AS "recall (expected link)",
  printf('%.2f %%', 100.0 * sum(outcome = 'review' AND expected = 'review') / sum(expected = 'review')) AS "ambiguous in review",
  printf('%.2f %%', 100.0 * sum(outcome = 'linked wrong' AND expected = 'review') / sum(expected = 'review')) AS "ambiguous on a wrong deal"
  FROM judged;
CREATE TEMP VIEW meetings_judged AS
  SELECT m.meeting_case AS meeting_case, m.expected AS expected,
    strftime('%Y-%m-%dT%H:%M:%S.000Z', i.occurred_at, 'unixepoch') = m.start AS on_time,
    CASE WHEN l.opportunity_id = m.opportunity_id THEN 'linked right'
         WHEN l.opportunity_id IS NOT NULL THEN 'linked wrong'
         WHEN i.id IS NULL THEN 'not kept'
         ELSE coalesce(o.status, 'unmatched') END AS outcome
  FROM t.meetings AS m LEFT JOIN interactions i ON i.source = 'calendar' AND i.source_id = m.source_id
  LEFT JOIN interaction_links l ON l.interaction_id = i.id
  LEFT JOIN match_outcomes o ON o.interaction_id = i.id;
SELECT meeting_case AS "meeting case", expected, count(*) AS meetings,
  sum(outcome = 'linked right') AS "linked right", sum(outcome = 'linked wrong') AS "linked wrong",
  sum(outcome = 'review') AS review, sum(outcome = 'unmatched') AS unmatched,
  sum(outcome = 'not kept') AS "not kept", sum(on_time) AS "at the truth's start"
  FROM meetings_judged GROUP BY meeting_case, expected ORDER BY meetings DESC;
SELECT printf('%.2f %%', 100.0 * sum(outcome = 'linked right') / sum(outcome LIKE 'linked%')) AS "meetings: precision",
  printf('%.2f %%', 100.0 * sum(outcome = 'linked right' AND expected = 'link') / sum(expected = 'link')) AS "recall (expected link)",
  printf('%.2f %%', 100.0 * sum(outcome = 'linked wrong' AND expected = 'review') / sum(expected = 'review')) AS "ambiguous on a wrong deal",
  (SELECT count(*) FROM interactions WHERE source = 'calendar') - sum(outcome <> 'not kept') AS "stored beyond the truth"
  FROM meetings_judged;
SQL
