// The only place that includes <date/tz.h>. g++ 12's libstdc++ has no
// std::chrono time-zone database, so Howard Hinnant's date library (which
// became that part of C++20) reads the system's tzdata instead: Debian builds
// it with USE_OS_TZDB, so it reads /usr/share/zoneinfo and never downloads.
#include "rearview/core/time_zone.h"

#include <date/tz.h>

#include <cstdio>
#include <stdexcept>

#include "rearview/core/text.h"

namespace rearview {
namespace {

const std::string kUtcName = "UTC";

// Reports ask for thousands of times, mostly close together and always in
// the same zone, so the period between two clock changes that the last
// question fell in is kept (per thread): most questions then search nothing.
struct PeriodCache {
  const date::time_zone* zone = nullptr;
  date::sys_info period;
};

PeriodCache& period_cache() {
  thread_local PeriodCache cache;
  return cache;
}

// The period between two clock changes that `time` falls in.
const date::sys_info& period_at(const date::time_zone* zone, Timestamp time) {
  PeriodCache& cache = period_cache();
  if (zone != cache.zone || time < cache.period.begin || time >= cache.period.end) {
    cache.period = zone->get_info(time);
    cache.zone = zone;
  }
  return cache.period;
}

// Two UTC offsets differ by 26 hours at most (UTC-12 to UTC+14; the old local
// mean times stay within that too). A clock reading whose instant in the
// cached period lies more than 48 hours (safely more than any such gap) from
// the period's edges cannot be shown by any other period: it names that
// instant alone, with no skipped or repeated time to decide.
constexpr std::chrono::seconds kSafeFromEdges = std::chrono::hours{48};

std::optional<Timestamp> from_local_in_cached_period(const date::time_zone* zone,
                                                     std::chrono::local_seconds clock) {
  const PeriodCache& cache = period_cache();
  if (cache.zone != zone) return std::nullopt;
  Timestamp guess{clock.time_since_epoch() - cache.period.offset};
  if (guess < cache.period.begin + kSafeFromEdges || guess >= cache.period.end - kSafeFromEdges)
    return std::nullopt;
  return guess;
}

// Zone names are case-sensitive file names; "europe/berlin" is a near miss
// worth naming.
std::string suggestion(const date::tzdb& database, std::string_view name) {
  std::string wanted = lower(name);
  for (const auto& zone : database.zones)
    if (lower(zone.name()) == wanted) return "; did you mean " + zone.name() + "?";
  return "";
}

Result<TimeZone> unknown(std::string_view name, std::string_view why) {
  return fail(ErrorCode::config, "unknown time zone '" + printable(name) +
                                     "' (expected an IANA name such as Europe/Berlin or "
                                     "America/New_York" +
                                     std::string(why) + ")");
}

Date first_day_of_quarter(Date day) {
  std::chrono::year_month_day date{day};
  unsigned first_month = (unsigned(date.month()) - 1) / 3 * 3 + 1;
  return Date{date.year() / std::chrono::month{first_month} / 1};
}

Date monday_of(Date day) {
  std::chrono::weekday weekday{day};
  return day - std::chrono::days{weekday.iso_encoding() - 1};
}

}  // namespace

Result<TimeZone> TimeZone::lookup(std::string_view name) {
  if (name == kUtcName) return TimeZone{};
  // The system database lists the machine's own zone under this name; a
  // setting that means "wherever rearview runs" would change with the server.
  if (name == "localtime") return unknown(name, "; 'localtime' is this machine's zone");
  const date::tzdb* database = nullptr;
  try {
    database = &date::get_tzdb();
  } catch (const std::exception& error) {
    return fail(ErrorCode::config,
                std::string("the time zone database in /usr/share/zoneinfo cannot be read (") +
                    error.what() + ")",
                "install the tzdata package");
  }
  try {
    // The free function: the shared library exports it, not tzdb's member.
    return TimeZone{date::locate_zone(name)};
  } catch (const std::runtime_error&) {
    return unknown(name, suggestion(*database, name));
  }
}

const std::string& TimeZone::name() const { return zone_ ? zone_->name() : kUtcName; }

LocalTime TimeZone::local(Timestamp time) const {
  std::chrono::seconds offset{0};
  std::string abbreviation = kUtcName;
  if (zone_) {
    const date::sys_info& period = period_at(zone_, time);
    offset = period.offset;
    abbreviation = period.abbrev;
  }
  Timestamp clock = time + offset;
  Date day = std::chrono::floor<std::chrono::days>(clock);
  return LocalTime{day, clock - day, offset, std::move(abbreviation)};
}

Date TimeZone::local_date(Timestamp time) const {
  std::chrono::seconds offset = zone_ ? period_at(zone_, time).offset : std::chrono::seconds{0};
  return std::chrono::floor<std::chrono::days>(time + offset);
}

Timestamp TimeZone::from_local(std::chrono::local_seconds clock) const {
  if (!zone_) return Timestamp{clock.time_since_epoch()};
  if (auto quick = from_local_in_cached_period(zone_, clock)) return *quick;
  // choose::earliest: the earlier of a time shown twice; for a skipped time
  // the library answers with the moment of the change either way.
  Timestamp exact =
      zone_->to_sys(date::local_seconds{clock.time_since_epoch()}, date::choose::earliest);
  period_at(zone_, exact);  // the next reading is likely close by
  return exact;
}

Timestamp TimeZone::start_of_day(Date day) const {
  return from_local(std::chrono::local_seconds{day.time_since_epoch()});
}

Timestamp TimeZone::start_of_week(Timestamp time) const {
  return start_of_day(monday_of(local_date(time)));
}

Timestamp TimeZone::start_of_quarter(Timestamp time) const {
  return start_of_day(first_day_of_quarter(local_date(time)));
}

std::string TimeZone::format(Timestamp time) const {
  LocalTime clock = local(time);
  std::chrono::year_month_day date{clock.date};
  std::chrono::hh_mm_ss time_of_day{clock.time_of_day};
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u %02d:%02d %s", int(date.year()),
                unsigned(date.month()), unsigned(date.day()), int(time_of_day.hours().count()),
                int(time_of_day.minutes().count()), clock.abbreviation.c_str());
  return buffer;
}

std::optional<Timestamp> parse_timestamp_in(std::string_view text, const TimeZone& zone) {
  auto written = parse_written_time(text);
  if (!written) return std::nullopt;
  Timestamp time = written->offset ? Timestamp{written->clock.time_since_epoch() - *written->offset}
                                   : zone.from_local(written->clock);
  if (!has_four_digit_year(time)) return std::nullopt;
  return time;
}

}  // namespace rearview
