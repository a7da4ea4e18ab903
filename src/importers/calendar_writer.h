// Events read from iCalendar text into meetings, within one write
// transaction: shared by the calendar import and the mail import (for
// invitations that arrive as text/calendar parts).
#pragma once

#include <functional>
#include <string>

#include "address_book.h"
#include "calendar_reader.h"
#include "rearview/core/settings.h"
#include "rearview/core/transaction.h"
#include "rearview/importers/calendar_import.h"

namespace rearview::importing {

class CalendarWriter {
 public:
  // `problem` hears of each event skipped or read in part: its line in the
  // text and what was wrong.
  using ProblemSink = std::function<void(long long line, std::string message)>;
  CalendarWriter(WriteTransaction& transaction, AddressBook& book, const Settings& settings,
                 CalendarCounts& counts, ProblemSink problem)
      : transaction_(transaction),
        book_(book),
        settings_(settings),
        counts_(counts),
        problem_(std::move(problem)) {}

  // Reads `text` and applies its events.
  Result<void> apply(std::string_view text);

  // Changes when the window series are expanded in moves (the span of the
  // opportunities' lives, the matching window, the day).
  Result<long long> window_fingerprint();

 private:
  Result<CalendarReadOptions> read_options();
  Result<void> apply_batch(CalendarText& calendar);
  Result<void> apply_event(const CalendarEvent& event);
  Result<void> apply_series(const std::string& uid, const CalendarEvent& event);
  Result<void> apply_override(const std::string& uid, const CalendarEvent& event);
  // Whether the occurrence was changed on its own (an override has a version).
  Result<bool> has_own_version(const std::string& uid, const std::string& occurrence);
  Result<void> write(const std::string& source_id, const CalendarEvent& event, Timestamp at);
  Result<void> remove(const Id& interaction_id);

  WriteTransaction& transaction_;
  AddressBook& book_;
  const Settings& settings_;
  CalendarCounts& counts_;
  ProblemSink problem_;
  std::optional<CalendarReadOptions> options_;
};

// "20260302T150000Z": how an occurrence is named after its series' UID.
std::string compact_utc(Timestamp time);

}  // namespace rearview::importing
