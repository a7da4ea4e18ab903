// Events as rearview keeps them, read from iCalendar text (RFC 5545: an .ics
// file, or an invitation's text/calendar part) by libical. Nothing of libical
// shows here.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/time.h"

namespace rearview::importing {

struct CalendarPerson {
  std::string name;     // CN
  std::string address;  // lower-case, without "mailto:"
};

// One VEVENT: an event, the master of a recurring series (with its
// occurrences), or an override of one occurrence (with its RECURRENCE-ID).
struct CalendarEvent {
  std::string uid;
  std::optional<Timestamp> recurrence_id;  // an override of this occurrence of the series
  long long sequence = 0;                  // SEQUENCE (beyond 64 bits: the largest)
  std::optional<Timestamp> stamp;          // DTSTAMP
  bool cancelled = false;                  // STATUS:CANCELLED, or METHOD:CANCEL
  std::string summary, description, location;
  Timestamp start{};
  std::optional<long long> duration_seconds;  // from DTEND or DURATION; none for a day
  bool all_day = false;                       // DTSTART is a date
  bool recurring = false;                     // RRULE or RDATE
  // A recurring series' starts within the window asked for, EXDATEs taken
  // out, oldest first; for anything else, `start` alone.
  std::vector<Timestamp> occurrences;
  bool occurrences_cut = false;  // more than the most kept (CalendarReadOptions)
  std::optional<CalendarPerson> organizer;
  std::vector<CalendarPerson> attendees;  // people only: rooms and resources are left out
  long long line = 0;                     // where BEGIN:VEVENT is, from 1
  std::vector<std::string> warnings;      // what libical could not read of it
};

struct CalendarProblem {
  long long line = 0;  // 0: the text as a whole
  std::string message;
};

struct CalendarText {
  std::string method;  // METHOD: REQUEST, CANCEL, REPLY, PUBLISH, or empty
  std::vector<CalendarEvent> events;
  std::vector<CalendarProblem> problems;  // events skipped, and why
};

struct CalendarReadOptions {
  // Recurring series are expanded within [from, to).
  Timestamp from{};
  Timestamp to{};
  std::size_t most_occurrences = 1000;  // per series
  // Floating times, dates, and time zones nobody knows are read in this zone
  // (an IANA name; empty: UTC).
  std::string default_zone;
};

// Never fails: what cannot be read is a problem, the rest is read. Events
// are read a batch at a time (memory does not grow with the calendar) and
// given to `sink` batch by batch, in the text's order; a series and its
// changed occurrences may come in different batches.
using CalendarSink = std::function<void(CalendarText&&)>;
void read_calendar(std::string_view text, const CalendarReadOptions& options,
                   const CalendarSink& sink);

// All of `text` at once (for small texts and tests).
CalendarText read_calendar(std::string_view text, const CalendarReadOptions& options);

}  // namespace rearview::importing
