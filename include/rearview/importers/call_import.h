// Importing recorded calls: WebVTT (.vtt) and SubRip (.srt) transcripts, each
// with a sidecar <name>.json that says which call it is (id, title,
// started_at, participants; docs/import.md "Calls"). Each transcript becomes
// a call: its duration, its speaker turns, how long our side and the buyer's
// talked, and the words said as its text. Files or folders (searched
// recursively); each file is one write transaction and keeps a cursor, so a
// re-run skips transcripts (and sidecars) that did not change.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/importers/import.h"

namespace rearview {

struct CallCounts {
  long long transcripts_read = 0;
  long long imported = 0;
  long long updated = 0;
  long long unchanged = 0;
  long long duplicates = 0;    // a second file for a call id already read in this run
  long long skipped = 0;       // unreadable, or without a usable sidecar: see the problems
  long long cues_skipped = 0;  // damaged cues left out of calls otherwise imported
};

// "calls: 12 transcripts read, 12 imported, ...": the counts that are not 0.
std::string describe(const CallCounts& counts);

// "call.vtt:12: the cue's times "00:01 --> x" cannot be read; skipped"
using CallProblem = FileProblem;

struct CallImportOptions {
  ImportProgress* progress = nullptr;
};

struct CallImportReport : KeptProblems<CallProblem> {
  long long files_unchanged = 0;
  std::vector<std::string> not_transcript;  // the first 20
  long long not_transcript_count = 0;
  CallCounts calls;
};

Result<CallImportReport> import_calls(Session& session, const Settings& settings,
                                      const std::vector<std::filesystem::path>& paths,
                                      const CallImportOptions& options);

}  // namespace rearview
