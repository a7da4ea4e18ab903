// The hand-written part of reading iCalendar text, before libical: where
// each event and time zone is and on which line, each event's SEQUENCE as
// written (libical keeps neither), END lines outside every component taken
// out (libical would complain about them on standard error), and the
// components a text cut short left open closed. Events can then be given to
// libical a batch at a time with the time zones of their calendar.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rearview::importing {

// Where a component's text is, as bytes of ScannedText::cleaned.
struct Block {
  std::size_t begin = 0, end = 0;
};

// What the text says of each VEVENT directly inside a VCALENDAR (or alone),
// in order: where it begins and its SEQUENCE as written.
struct EventHead {
  long long line = 0;
  std::string sequence;
  Block block;
  int calendar = -1;  // which VCALENDAR holds it; -1: none
};

// A VCALENDAR's own properties (METHOD...) and its time zones, which every
// batch of its events is read with.
struct CalendarPart {
  std::string properties;
  std::vector<Block> zones;
};

struct ScannedText {
  std::vector<EventHead> heads;
  std::vector<CalendarPart> calendars;
  // The text without END lines outside every component (libical would say
  // so on the program's standard error, which is not a place to report to),
  // and with the components left open at its end closed.
  std::string cleaned;
  bool truncated = false;  // components were still open at the end
  bool has_calendar = false;   // BEGIN:VCALENDAR is there
  bool has_component = false;  // any BEGIN: (a lone VTODO is iCalendar too)
};

// Unfolds lines (RFC 5545 3.1) as it goes.
ScannedText scan_calendar_text(std::string_view text);

// ASCII upper case, as iCalendar's names are compared.
std::string upper_ascii(std::string_view text);

}  // namespace rearview::importing
