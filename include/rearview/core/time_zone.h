// The time zone people read times in (rearview.toml [company] time_zone):
// which local date and clock time an instant is, and where a local day,
// week or quarter begins, by the IANA rules of the system's tz database
// (/usr/share/zoneinfo), daylight-saving changes included.
//
// A TimeZone is one pointer into that database, looked up by name once
// (lookup) and cheap to copy and to ask. The default is UTC, which needs no
// database at all. Only time_zone.cc sees the library behind it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "rearview/core/error.h"
#include "rearview/core/time.h"

namespace date {
class time_zone;
}

namespace rearview {

// An instant as a clock on the wall in a zone shows it.
struct LocalTime {
  Date date;                         // the local calendar date
  std::chrono::seconds time_of_day;  // what the clock shows, 0 to 23:59:59
  std::chrono::seconds offset;       // from UTC: +02:00 is 7200
  std::string abbreviation;          // the database's: CEST, EST, IST, +0545, UTC
};

class TimeZone {
 public:
  TimeZone() = default;  // UTC

  // An IANA name such as "Europe/Berlin" (case matters, as in the database).
  // Fails with ErrorCode::config and a message naming the value.
  static Result<TimeZone> lookup(std::string_view name);

  const std::string& name() const;
  LocalTime local(Timestamp time) const;
  Date local_date(Timestamp time) const;

  // The first instant of a local date. Where a clock change skips midnight
  // (America/Havana, 2026-03-08), the day begins at the change.
  Timestamp start_of_day(Date day) const;
  // The Monday (ISO 8601) and the first day of the quarter (January,
  // April, July, October) of the local date `time` falls on, at its start.
  Timestamp start_of_week(Timestamp time) const;
  Timestamp start_of_quarter(Timestamp time) const;

  // The instant a clock in the zone shows `clock` at. A time a change to
  // summer time skips is read as the moment of the change; a time the change
  // back shows twice is the earlier one.
  Timestamp from_local(std::chrono::local_seconds clock) const;

  // For people: "2026-03-29 09:30 CEST".
  std::string format(Timestamp time) const;

  friend bool operator==(const TimeZone&, const TimeZone&) = default;

 private:
  explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}

  const date::time_zone* zone_ = nullptr;  // none: UTC
};

// A time a person typed (--as-of, --at, --cohort-from): with an offset it
// is exact; without one it is read on the zone's clock ("2026-03-29" is
// local midnight).
std::optional<Timestamp> parse_timestamp_in(std::string_view text, const TimeZone& zone);

}  // namespace rearview
