// Points in time are UTC seconds; calendar dates are whole days. Parsing the
// formats CRM exports use lives here so every importer accepts the same ones.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace rearview {

using Timestamp = std::chrono::sys_seconds;
using Date = std::chrono::sys_days;

// Accepts, for example:
//   2024-01-10T15:04:05.000Z   2024-01-23T17:50:51.000+0000   2024-01-23T17:50:51+01:00
//   2023-10-28 20:45:25        2023-10-28                     02/23/26 08:55 PM
//   02/03/24                   2/3/2024 8:05
// A value without an offset is taken as UTC (exports write UTC). Returns
// nullopt when the text is none of these.
std::optional<Timestamp> parse_timestamp(std::string_view text);

// What a timestamp's text says before it is placed on the time line: the
// date and time a clock showed, and the offset from UTC when the text gives
// one ("Z" is one). parse_timestamp reads a missing offset as UTC;
// parse_timestamp_in (time_zone.h) as a clock in a time zone, for times people type.
struct WrittenTime {
  std::chrono::local_seconds clock{};
  std::optional<std::chrono::seconds> offset;
};
std::optional<WrittenTime> parse_written_time(std::string_view text);

// Years 1 to 9999, the ones format_timestamp writes in four digits.
bool has_four_digit_year(Timestamp time);

// A calendar date; also accepts a timestamp and keeps its (UTC) day.
std::optional<Date> parse_date(std::string_view text);

// true/false, TRUE/FALSE, 1/0, yes/no; an empty value is false.
std::optional<bool> parse_bool(std::string_view text);

std::string format_timestamp(Timestamp time);  // 2024-01-10T15:04:05Z
std::string format_date(Date date);            // 2024-01-10

double days_between(Timestamp from, Timestamp to);

// Times a CRM can mean: from 1980 up to the end of 2099. Others (year 0001,
// 9999) are kept as imported, but warned about and left out of the cohort
// statistics, where one of them moves a mean by years.
inline constexpr Timestamp kEarliestPlausible{std::chrono::sys_days{std::chrono::year{1980} / 1 / 1}};
inline constexpr Timestamp kLatestPlausible{std::chrono::sys_days{std::chrono::year{2100} / 1 / 1}};
inline constexpr std::string_view kPlausibleRange = "1980-01-01 to 2099-12-31";
constexpr bool is_plausible(Timestamp time) {
  return time >= kEarliestPlausible && time < kLatestPlausible;
}

// Describes the accepted formats, for error messages.
inline constexpr std::string_view kTimestampFormats =
    "a timestamp such as 2024-01-10T15:04:05.000Z, 2024-01-23T17:50:51.000+0000, "
    "2023-10-28 20:45:25, 2024-01-10 or 02/23/26 08:55 PM";
inline constexpr std::string_view kDateFormats = "a date such as 2024-01-10 or 01/10/2024";

}  // namespace rearview
