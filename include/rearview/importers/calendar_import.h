// Importing meetings from calendars: .ics files (an export of a calendar, a
// saved invitation) or folders holding them, searched recursively. Each
// event becomes a meeting; a recurring series becomes one meeting per
// occurrence within the opportunities' lives (RRULE, RDATE, EXDATE, and
// RECURRENCE-ID overrides applied); a cancellation removes what it cancels;
// an update replaces the version it supersedes (SEQUENCE, then DTSTAMP) and
// an older one read later changes nothing. Each file is one write
// transaction and keeps a cursor: a re-run skips files that did not change.
// docs/import.md says which event becomes what.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/importers/import.h"

namespace rearview {

// What was made of the events read, wherever they were read (a calendar
// file, an invitation in a mail).
struct CalendarCounts {
  long long events_read = 0;    // VEVENTs
  long long imported = 0;       // meetings (occurrences) stored
  long long updated = 0;
  long long unchanged = 0;
  long long removed = 0;        // meetings a cancellation or an update took away
  long long older_versions = 0;  // updates older than the version stored: ignored
  long long replies = 0;        // attendees' answers (METHOD:REPLY...): not events
  long long skipped = 0;        // unreadable: see the problems
  long long series_cut = 0;     // series with more occurrences than are kept
};

// "events: 12 read, 40 meetings imported, ...": the counts that are not 0.
std::string describe(const CalendarCounts& counts);

// An event that could not be read, or could be read only in part (the
// line of its BEGIN:VEVENT).
using CalendarProblem = FileProblem;

struct CalendarImportOptions {
  ImportProgress* progress = nullptr;
};

struct CalendarImportReport : KeptProblems<CalendarProblem> {
  long long files_read = 0;
  long long files_unchanged = 0;
  std::vector<std::string> not_calendar;  // the first 20
  long long not_calendar_count = 0;
  CalendarCounts events;
};

Result<CalendarImportReport> import_calendar(Session& session, const Settings& settings,
                                             const std::vector<std::filesystem::path>& paths,
                                             const CalendarImportOptions& options);

}  // namespace rearview
