#include <gtest/gtest.h>

#include "rearview/core/time.h"

namespace rearview {
namespace {

std::string iso(std::string_view text) {
  auto parsed = parse_timestamp(text);
  return parsed ? format_timestamp(*parsed) : "invalid";
}

TEST(ParseTimestamp, AcceptsTheFormatsExportsUse) {
  EXPECT_EQ(iso("2024-01-10T15:04:05.000Z"), "2024-01-10T15:04:05Z");
  EXPECT_EQ(iso("2024-01-23T17:50:51.000+0000"), "2024-01-23T17:50:51Z");
  EXPECT_EQ(iso("2023-10-28 20:45:25"), "2023-10-28T20:45:25Z");
  EXPECT_EQ(iso("2023-10-28"), "2023-10-28T00:00:00Z");
  EXPECT_EQ(iso("02/23/26 08:55 PM"), "2026-02-23T20:55:00Z");
  EXPECT_EQ(iso("02/03/24"), "2024-02-03T00:00:00Z");
  EXPECT_EQ(iso("2/3/2024 8:05"), "2024-02-03T08:05:00Z");
  EXPECT_EQ(iso("  2024-01-10T15:04:05Z "), "2024-01-10T15:04:05Z");
}

TEST(ParseTimestamp, AppliesOffsets) {
  EXPECT_EQ(iso("2024-01-10T15:04:05+01:00"), "2024-01-10T14:04:05Z");
  EXPECT_EQ(iso("2024-01-10T15:04:05.123-0530"), "2024-01-10T20:34:05Z");
}

// fuzz_time_and_numbers: "00-01-03T1:50 +50" parsed as year 0 shifted by
// fifty hours, printed as "-001-12-31T23:50:00Z", which did not parse back.
TEST(ParseTimestamp, WhatParsesPrintsAndParsesBack) {
  for (std::string_view odd : {"00-01-03T1:50  +50 ", "0000-12-31", "0001-01-01T01:00:00+14:00",
                               "2024-01-10T15:04:05+15:00", "2024-01-10T15:04:05+01:60"})
    EXPECT_FALSE(parse_timestamp(odd).has_value()) << odd;
  EXPECT_EQ(iso("0001-01-01T12:00:00+11:00"), "0001-01-01T01:00:00Z");
  EXPECT_EQ(iso("0999-12-31"), "0999-12-31T00:00:00Z");
  EXPECT_EQ(iso("2024-01-10T15:04:05-14:00"), "2024-01-11T05:04:05Z");
}

TEST(ParseTimestamp, TwelveOClockIsNoonAndMidnight) {
  EXPECT_EQ(iso("01/01/24 12:00 AM"), "2024-01-01T00:00:00Z");
  EXPECT_EQ(iso("01/01/24 12:30 PM"), "2024-01-01T12:30:00Z");
}

TEST(ParseTimestamp, RejectsWhatIsNotATime) {
  for (std::string_view bad : {"", "yesterday", "2024-13-01", "2024-02-30", "2024-01-10T25:00:00Z",
                               "2024-01-10T10:00:00Zjunk", "13/40/2024", "2024/01/10",
                               "01/01/24 13:00 PM"})
    EXPECT_FALSE(parse_timestamp(bad).has_value()) << bad;
}

TEST(ParseDate, KeepsTheDayOfATimestamp) {
  auto date = parse_date("2024-02-29T23:59:59Z");
  ASSERT_TRUE(date);
  EXPECT_EQ(format_date(*date), "2024-02-29");
  EXPECT_FALSE(parse_date("2023-02-29"));
}

TEST(ParseBool, AcceptsTheSpellingsExportsUse) {
  for (auto yes : {"true", "TRUE", "True", "1", "yes"}) EXPECT_EQ(parse_bool(yes), true) << yes;
  for (auto no : {"false", "FALSE", "0", "", " ", "no"}) EXPECT_EQ(parse_bool(no), false) << no;
  for (auto bad : {"2", "y", "truthy"}) EXPECT_FALSE(parse_bool(bad).has_value()) << bad;
}

TEST(DaysBetween, IsFractional) {
  auto from = *parse_timestamp("2024-01-01T00:00:00Z");
  auto to = *parse_timestamp("2024-01-02T12:00:00Z");
  EXPECT_DOUBLE_EQ(days_between(from, to), 1.5);
}

}  // namespace
}  // namespace rearview
