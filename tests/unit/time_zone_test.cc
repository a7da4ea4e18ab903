// Time zones against the IANA rules, worked out by hand from the published
// transitions (each test says which), never by the code under test.
#include "rearview/core/time_zone.h"

#include <gtest/gtest.h>

namespace rearview {
namespace {

Timestamp at(std::string_view utc) { return *parse_timestamp(utc); }
std::string iso(Timestamp time) { return format_timestamp(time); }
Date date(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

TimeZone zone(std::string_view name) {
  auto found = TimeZone::lookup(name);
  EXPECT_TRUE(found) << name << ": " << (found ? "" : found.error().message);
  return found ? *found : TimeZone{};
}

TEST(TimeZone, DefaultIsUtc) {
  TimeZone utc;
  EXPECT_EQ(utc.name(), "UTC");
  EXPECT_EQ(utc.format(at("2026-03-29T07:30:00Z")), "2026-03-29 07:30 UTC");
  EXPECT_EQ(utc.start_of_day(date(2026, 3, 29)), at("2026-03-29T00:00:00Z"));
  auto named = TimeZone::lookup("UTC");
  ASSERT_TRUE(named);
  EXPECT_EQ(*named, utc);
}

// Europe/Berlin, 2026-03-29: at 01:00 UTC the clocks jump from 02:00 CET
// (+1) to 03:00 CEST (+2), so that local day has 23 hours.
TEST(TimeZone, BerlinSpringsForward) {
  TimeZone berlin = zone("Europe/Berlin");
  EXPECT_EQ(berlin.name(), "Europe/Berlin");
  EXPECT_EQ(berlin.format(at("2026-03-29T00:59:00Z")), "2026-03-29 01:59 CET");
  EXPECT_EQ(berlin.format(at("2026-03-29T01:00:00Z")), "2026-03-29 03:00 CEST");
  EXPECT_EQ(berlin.format(at("2026-03-29T07:30:00Z")), "2026-03-29 09:30 CEST");
  LocalTime summer = berlin.local(at("2026-03-29T07:30:00Z"));
  EXPECT_EQ(summer.offset, std::chrono::hours{2});
  EXPECT_EQ(summer.abbreviation, "CEST");
  EXPECT_EQ(summer.time_of_day, std::chrono::hours{9} + std::chrono::minutes{30});

  EXPECT_EQ(iso(berlin.start_of_day(date(2026, 3, 29))), "2026-03-28T23:00:00Z");
  EXPECT_EQ(iso(berlin.start_of_day(date(2026, 3, 30))), "2026-03-29T22:00:00Z");
  // 02:30 does not exist that night: it reads as the moment of the change.
  using std::chrono::local_days;
  auto skipped = local_days{date(2026, 3, 29).time_since_epoch()} + std::chrono::minutes{150};
  EXPECT_EQ(iso(berlin.from_local(skipped)), "2026-03-29T01:00:00Z");
}

// Day after day through both changes of 2026, as the health series asks:
// local midnight is 23:00 UTC the day before in CET, 22:00 UTC in CEST
// (from 30 March to 25 October inclusive).
TEST(TimeZone, StartsOfConsecutiveDaysFollowBothChanges) {
  TimeZone berlin = zone("Europe/Berlin");
  for (Date day = date(2026, 3, 1); day <= date(2026, 11, 30); day += std::chrono::days{1}) {
    bool summer = day >= date(2026, 3, 30) && day <= date(2026, 10, 25);
    Timestamp midnight_utc{day.time_since_epoch()};
    EXPECT_EQ(berlin.start_of_day(day), midnight_utc - std::chrono::hours{summer ? 2 : 1})
        << format_date(day);
  }
}

// Europe/Berlin, 2026-10-25: at 01:00 UTC the clocks fall back from 03:00
// CEST to 02:00 CET, so 02:30 happens twice and the day has 25 hours.
TEST(TimeZone, BerlinFallsBack) {
  TimeZone berlin = zone("Europe/Berlin");
  EXPECT_EQ(berlin.format(at("2026-10-25T00:30:00Z")), "2026-10-25 02:30 CEST");
  EXPECT_EQ(berlin.format(at("2026-10-25T01:30:00Z")), "2026-10-25 02:30 CET");
  EXPECT_EQ(iso(berlin.start_of_day(date(2026, 10, 25))), "2026-10-24T22:00:00Z");
  EXPECT_EQ(iso(berlin.start_of_day(date(2026, 10, 26))), "2026-10-25T23:00:00Z");
  auto twice =
      std::chrono::local_days{date(2026, 10, 25).time_since_epoch()} + std::chrono::minutes{150};
  EXPECT_EQ(iso(berlin.from_local(twice)), "2026-10-25T00:30:00Z");  // the earlier one
}

// America/New_York, 2026: summer time from Sunday 8 March 02:00 EST (07:00
// UTC) to Sunday 1 November 02:00 EDT (06:00 UTC).
TEST(TimeZone, NewYorkBothWays) {
  TimeZone new_york = zone("America/New_York");
  EXPECT_EQ(new_york.format(at("2026-03-08T06:59:00Z")), "2026-03-08 01:59 EST");
  EXPECT_EQ(new_york.format(at("2026-03-08T07:00:00Z")), "2026-03-08 03:00 EDT");
  EXPECT_EQ(new_york.format(at("2026-11-01T05:30:00Z")), "2026-11-01 01:30 EDT");
  EXPECT_EQ(new_york.format(at("2026-11-01T06:30:00Z")), "2026-11-01 01:30 EST");
  EXPECT_EQ(new_york.local(at("2026-11-01T06:30:00Z")).offset, -std::chrono::hours{5});
}

// Just before and after local midnight the local date is not the UTC one.
TEST(TimeZone, LocalDatesAroundMidnight) {
  TimeZone new_york = zone("America/New_York");  // EST, UTC-5, in January
  EXPECT_EQ(new_york.local_date(at("2026-01-15T04:59:59Z")), date(2026, 1, 14));
  EXPECT_EQ(new_york.local_date(at("2026-01-15T05:00:00Z")), date(2026, 1, 15));
  TimeZone tokyo = zone("Asia/Tokyo");  // JST, UTC+9, no summer time
  EXPECT_EQ(tokyo.local_date(at("2026-01-14T14:59:59Z")), date(2026, 1, 14));
  EXPECT_EQ(tokyo.local_date(at("2026-01-14T15:00:00Z")), date(2026, 1, 15));
}

// Asia/Kolkata is UTC+05:30 all year (IST): local midnight is 18:30 UTC.
TEST(TimeZone, HalfHourOffsetKolkata) {
  TimeZone kolkata = zone("Asia/Kolkata");
  EXPECT_EQ(kolkata.format(at("2026-06-30T18:29:00Z")), "2026-06-30 23:59 IST");
  EXPECT_EQ(kolkata.format(at("2026-06-30T18:30:00Z")), "2026-07-01 00:00 IST");
  EXPECT_EQ(kolkata.local(at("2026-06-30T18:30:00Z")).offset,
            std::chrono::hours{5} + std::chrono::minutes{30});
  // A minute apart, in two quarters.
  EXPECT_EQ(iso(kolkata.start_of_quarter(at("2026-06-30T18:29:00Z"))), "2026-03-31T18:30:00Z");
  EXPECT_EQ(iso(kolkata.start_of_quarter(at("2026-06-30T18:30:00Z"))), "2026-06-30T18:30:00Z");
}

// Australia/Adelaide: ACDT (+10:30) until Sunday 5 April 2026, 03:00 local
// (16:30 UTC on the 4th), then ACST (+09:30).
TEST(TimeZone, HalfHourOffsetWithSummerTimeAdelaide) {
  TimeZone adelaide = zone("Australia/Adelaide");
  EXPECT_EQ(adelaide.format(at("2026-04-04T16:29:00Z")), "2026-04-05 02:59 ACDT");
  EXPECT_EQ(adelaide.format(at("2026-04-04T16:30:00Z")), "2026-04-05 02:00 ACST");
  EXPECT_EQ(iso(adelaide.start_of_day(date(2026, 4, 5))), "2026-04-04T13:30:00Z");
  EXPECT_EQ(iso(adelaide.start_of_day(date(2026, 4, 6))), "2026-04-05T14:30:00Z");
}

// America/Havana changes to summer time at midnight (2026-03-08 00:00 CST,
// UTC-5, becomes 01:00 CDT): that day begins at 01:00, 05:00 UTC.
TEST(TimeZone, ADayWhoseMidnightIsSkippedBeginsAtTheChange) {
  TimeZone havana = zone("America/Havana");
  EXPECT_EQ(iso(havana.start_of_day(date(2026, 3, 8))), "2026-03-08T05:00:00Z");
  EXPECT_EQ(havana.format(at("2026-03-08T05:00:00Z")), "2026-03-08 01:00 CDT");
}

// Weeks begin on Monday (ISO 8601) on the zone's calendar: 2026-03-29 is
// a Sunday, and 22:30 UTC that evening is already Monday 00:30 in Berlin.
TEST(TimeZone, WeeksBeginOnMondayInTheZone) {
  TimeZone berlin = zone("Europe/Berlin");
  EXPECT_EQ(iso(berlin.start_of_week(at("2026-03-29T07:30:00Z"))), "2026-03-22T23:00:00Z");
  EXPECT_EQ(iso(berlin.start_of_week(at("2026-03-29T22:30:00Z"))), "2026-03-29T22:00:00Z");
  EXPECT_EQ(iso(TimeZone{}.start_of_week(at("2026-03-29T22:30:00Z"))), "2026-03-23T00:00:00Z");
  EXPECT_EQ(iso(berlin.start_of_quarter(at("2026-03-31T22:30:00Z"))), "2026-03-31T22:00:00Z");
}

// Conversions keep the last period between clock changes per thread; asking
// about two zones in turn must not mix them up.
TEST(TimeZone, AlternatingZonesKeepTheirOwnRules) {
  TimeZone berlin = zone("Europe/Berlin");
  TimeZone new_york = zone("America/New_York");
  for (int round = 0; round < 3; ++round) {
    EXPECT_EQ(berlin.format(at("2026-07-01T12:00:00Z")), "2026-07-01 14:00 CEST");
    EXPECT_EQ(new_york.format(at("2026-07-01T12:00:00Z")), "2026-07-01 08:00 EDT");
    EXPECT_EQ(berlin.format(at("2026-01-01T12:00:00Z")), "2026-01-01 13:00 CET");
  }
}

TEST(TimeZone, UnknownNamesAreConfigErrorsThatSayWhatWasExpected) {
  auto unknown = TimeZone::lookup("Mars/Olympus");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code, ErrorCode::config);
  EXPECT_EQ(unknown.error().message,
            "unknown time zone 'Mars/Olympus' (expected an IANA name such as Europe/Berlin or "
            "America/New_York)");
  auto wrong_case = TimeZone::lookup("europe/berlin");
  ASSERT_FALSE(wrong_case);
  EXPECT_NE(wrong_case.error().message.find("did you mean Europe/Berlin?"), std::string::npos)
      << wrong_case.error().message;
  for (std::string_view bad :
       {"", "localtime", "../../etc/passwd", "right/Europe/Berlin", "Europe"})
    EXPECT_FALSE(TimeZone::lookup(bad)) << bad;
}

TEST(ParseTimestampIn, ReadsTimesWithoutAnOffsetOnTheZonesClock) {
  TimeZone berlin = zone("Europe/Berlin");
  auto parsed = [&](std::string_view text) {
    auto time = parse_timestamp_in(text, berlin);
    return time ? iso(*time) : "invalid";
  };
  EXPECT_EQ(parsed("2026-03-29"), "2026-03-28T23:00:00Z");  // local midnight, CET
  EXPECT_EQ(parsed("2026-07-01 09:30"), "2026-07-01T07:30:00Z");
  EXPECT_EQ(parsed("2026-03-29 02:30"), "2026-03-29T01:00:00Z");  // skipped: the change
  EXPECT_EQ(parsed("2026-07-01T09:30:00Z"), "2026-07-01T09:30:00Z");
  EXPECT_EQ(parsed("2026-07-01T09:30:00+01:00"), "2026-07-01T08:30:00Z");
  EXPECT_EQ(parsed("yesterday"), "invalid");
  // East of Greenwich, the first day of year 1 begins in year 0 in UTC.
  EXPECT_FALSE(parse_timestamp_in("0001-01-01", zone("Asia/Kolkata")));
}

TEST(ParseWrittenTime, TellsAMissingOffsetFromZ) {
  auto bare = parse_written_time("2024-01-10T15:04:05");
  ASSERT_TRUE(bare);
  EXPECT_FALSE(bare->offset);
  auto zulu = parse_written_time("2024-01-10T15:04:05Z");
  ASSERT_TRUE(zulu);
  EXPECT_EQ(zulu->offset, std::chrono::seconds{0});
  auto plus = parse_written_time("2024-01-10T15:04:05+01:30");
  ASSERT_TRUE(plus);
  EXPECT_EQ(plus->offset, std::chrono::minutes{90});
  EXPECT_EQ(plus->clock, std::chrono::local_days{date(2024, 1, 10).time_since_epoch()} +
                             std::chrono::hours{15} + std::chrono::minutes{4} +
                             std::chrono::seconds{5});
}

}  // namespace
}  // namespace rearview
