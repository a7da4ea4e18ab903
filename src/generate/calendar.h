// Time in the sample company: everything is anchored to a fixed export time,
// never the wall clock, so a seed always gives the same files.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "random.h"
#include "rearview/core/time.h"

namespace rearview::generate {

using namespace std::chrono_literals;

inline constexpr Timestamp kExportTime = Date{2026y / 6 / 30} + 23h + 59min + 59s;
inline constexpr std::string_view kExportTimeText = "2026-06-30T23:59:59Z";
// Deals are created over the three years before the export.
inline constexpr Timestamp kHistoryStart = Date{2023y / 7 / 1} + 0s;

inline Date day_of(Timestamp time) { return std::chrono::floor<std::chrono::days>(time); }

inline Timestamp days_after(Timestamp time, double days) {
  return time + std::chrono::seconds(static_cast<long long>(days * 86400.0));
}

inline Date end_of_month(Date day) {
  std::chrono::year_month_day date{day};
  return Date{date.year() / date.month() / std::chrono::last};
}

// A moment during the working day (13:00-22:00 UTC, i.e. US office hours) on
// the given day, moved to Monday when the day falls on a weekend.
Timestamp working_time(Random& random, Date day);

// working_time() on the day of `time`, kept after `from` (by moving it to
// shortly after `from`); nullopt when that lands after `to`.
std::optional<Timestamp> working_time_within(Random& random, Timestamp time, Timestamp from,
                                             Timestamp to);

// Salesforce's export formats: 2024-01-10T15:04:05.000Z and 2024-01-10.
void append_salesforce_timestamp(std::string& out, Timestamp time);
void append_salesforce_date(std::string& out, Date day);
std::string salesforce_date(Date day);

}  // namespace rearview::generate
