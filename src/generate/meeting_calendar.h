// The sample company's meetings as calendars (written with --calendar):
// calendar/team.ics holds every meeting as its organizer's calendar exports
// it, calendar/copies.ics the technical ones again as the engineers'
// calendars hold them (the same UIDs: stored once), and calendar/truth.csv
// says which opportunity each meeting belongs to: what `rearview import
// calendar` and matching must reproduce. Meetings then leave Event.csv, as
// with activity capture that never writes them to the CRM.
//
//   truth.csv: source_id (the UID, or UID@YYYYMMDDTHHMMSSZ for one
//   occurrence of a series), opportunity_id, expected (link; review: a buyer
//   on two deals at once; unmatched: our own people only; cancelled: the
//   import must not keep it), case (see MeetingCase), start (in UTC, worked
//   out from the local clock of the TZID the file states).
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "csv_file.h"
#include "mailbox.h"
#include "output_file.h"
#include "rearview/core/error.h"
#include "rearview/core/time.h"

namespace rearview::generate {

enum class MeetingCase {
  ordinary,                     // the rep and the buyer
  series,                       // an occurrence of the biweekly sync
  moved_occurrence,             // one occurrence of the sync, moved a day (RECURRENCE-ID)
  skipped_occurrence,           // one the buyer could not make (EXDATE): cancelled
  rescheduled,                  // sent again with SEQUENCE 1 and another start
  cancelled,                    // sent, then cancelled
  internal,                     // our own people preparing: unmatched
  contact_on_concurrent_deals,  // the buyer is on another deal of the account then: review
};
inline constexpr std::size_t kMeetingCases = 8;
std::string_view to_string(MeetingCase meeting_case);
std::string_view expected_outcome(MeetingCase meeting_case);

struct MeetingDraft {
  std::string uid;
  Timestamp start;
  long long minutes = 30;
  std::string summary;
  std::string description;
  std::string location;
  MailParty organizer;
  std::vector<MailParty> attendees;
  // DTSTART's TZID: an IANA name, a Windows zone id, or empty for UTC.
  std::string zone;
};

// How a person's calendar states times: in UTC, by the IANA name of their
// `time_zone`, or by its Windows id, as Outlook does (`person` picks which).
std::string calendar_zone_of(std::string_view time_zone, std::uint64_t person);

// A biweekly series: `first`, then every `interval_weeks` on the same local
// clock while before `until`.
struct MeetingSeries {
  MeetingDraft first;
  int interval_weeks = 2;
  Timestamp until;
  std::vector<Timestamp> skipped;        // EXDATEs
  std::optional<Timestamp> moved;        // an occurrence moved a day later
  std::vector<std::string> expected;     // per occurrence: link or review
};

class MeetingCalendar {
 public:
  MeetingCalendar() = default;
  static Result<MeetingCalendar> create(const std::filesystem::path& out_dir);

  void write(const MeetingDraft& meeting, std::string_view opportunity_id, MeetingCase meeting_case,
             bool copied);
  // The invitation, then (later in the file) its cancellation.
  void write_cancelled(const MeetingDraft& meeting, std::string_view opportunity_id);
  // The invitation, then SEQUENCE 1 with the start moved to `moved_to`.
  void write_rescheduled(const MeetingDraft& meeting, Timestamp moved_to,
                         std::string_view opportunity_id, std::string_view expected);
  void write_series(const MeetingSeries& series, std::string_view opportunity_id);
  Result<void> close();

  // The series' occurrences by the same rule the file states (local clock).
  static std::vector<Timestamp> occurrences(const MeetingSeries& series);

  long long events() const { return events_; }
  long long bytes() const { return team_.bytes() + copies_.bytes() + truth_.bytes(); }
  const std::array<long long, kMeetingCases>& by_case() const { return by_case_; }

 private:
  MeetingCalendar(OutputFile team, OutputFile copies, CsvFile truth)
      : team_(std::move(team)), copies_(std::move(copies)), truth_(std::move(truth)), open_(true) {}
  void add_truth(std::string_view source_id, std::string_view opportunity_id,
                 MeetingCase meeting_case, Timestamp start, std::string_view expected = {});

  OutputFile team_;
  OutputFile copies_;
  CsvFile truth_;
  bool open_ = false;
  long long events_ = 0;
  std::array<long long, kMeetingCases> by_case_{};
};

}  // namespace rearview::generate
