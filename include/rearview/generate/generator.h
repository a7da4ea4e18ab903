// A realistic sample company written as a Salesforce data export, for demos,
// end-to-end tests and benchmarks. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>

#include "rearview/core/error.h"

namespace rearview {

struct GenerateOptions {
  std::filesystem::path out_dir;
  long long opportunities = 1000;
  std::uint64_t seed = 1;
  // E-mail as a mailbox (mail/all-mail.mbox with mail/truth.csv) instead of
  // EmailMessage.csv, as activity capture that never writes it to the CRM.
  bool mailbox = false;
  // Meetings as calendars (calendar/team.ics, copies.ics, truth.csv)
  // instead of Event.csv, as activity capture that never writes them to the CRM.
  bool calendar = false;
  // Calls as a recorder's transcripts (calls/YYYY-MM/*.vtt, *.srt, sidecars,
  // calls/truth.csv) instead of Task.csv.
  bool calls = false;
  // Tasks and events (calls, notes, meetings) in the CRM export.
  bool crm_activities = true;
};

struct GenerateSummary {
  long long users = 0;
  long long accounts = 0;
  long long contacts = 0;
  long long opportunities = 0;
  long long history_rows = 0;
  long long interactions = 0;
  long long mail_messages = 0;  // in the mailbox
  long long calendar_events = 0;  // in the calendar (a series is one)
  long long recorded_calls = 0;   // transcripts (a duplicate export counted once)
  long long bytes_written = 0;
};

// Called now and then with the number of opportunities written so far.
using GenerateProgress = std::function<void(long long done, long long total)>;

Result<GenerateSummary> generate_company(const GenerateOptions& options,
                                         const GenerateProgress& progress = {});

}  // namespace rearview
