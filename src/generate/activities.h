// An opportunity's activities: e-mail threads, meetings, calls and notes,
// written to EmailMessage.csv (or the mailbox), Event.csv (or the calendar)
// and Task.csv (or, for calls, the recordings). Engaged buyers reply
// and meet; silent ones get chased; won deals meet regularly.
#pragma once

#include <cstdint>

#include "call_recordings.h"
#include "concurrent_deals.h"
#include "deal.h"
#include "export_files.h"
#include "mailbox.h"
#include "meeting_calendar.h"

namespace rearview::generate {

// Running numbers and totals across the whole export.
struct ActivityLedger {
  long long task_ids = 0;  // deleted tasks included
  long long event_ids = 0;
  long long email_ids = 0;
  long long calendar_uids = 0;
  long long recording_ids = 0;
  long long emails = 0;
  long long meetings = 0;
  long long calls = 0;
  long long notes = 0;
  long long deleted_tasks = 0;

  long long interactions() const { return emails + meetings + calls + notes; }
};

// Where the activities go: the CRM export, and the mailbox when there is one
// (e-mail then goes only there). Without CRM activities, calls, meetings and
// notes are written nowhere.
struct ActivityOutputs {
  ExportFiles& files;
  Mailbox* mailbox = nullptr;
  // Meetings go only there when there is one.
  MeetingCalendar* calendar = nullptr;
  // Calls go only there when there is one (voicemails stay in Task.csv).
  CallRecordings* recordings = nullptr;
  // With the mailbox or the calendar: who is on two deals at once.
  const ConcurrentDeals* concurrent = nullptr;
  // The partners whose people may join a deal's mail (with the mailbox).
  const std::vector<CustomerAccount>* partners = nullptr;
  bool crm_activities = true;
};

void write_activities(const Deal& deal, const DealFacts& facts, std::uint64_t seed,
                      ActivityOutputs& outputs, ActivityLedger& ledger);

}  // namespace rearview::generate
