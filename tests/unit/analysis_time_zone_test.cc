// The analysis follows the configured zone's calendar: a close date is a
// local date, the dates in descriptions are local, and the health series
// checks each day when it begins locally. Expected instants are worked out by
// hand from the zones' offsets (written next to them).
#include <gtest/gtest.h>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

Timestamp at(std::string_view utc) { return *parse_timestamp(utc); }
Date date(int year, unsigned month, unsigned day) {
  return Date{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
}

TimeZone zone(std::string_view name) { return *TimeZone::lookup(name); }

AnalysisSettings settings_in(const TimeZone& time_zone, Timestamp as_of) {
  return AnalysisSettings{.stages = default_stages(), .as_of = as_of, .time_zone = time_zone};
}

std::vector<Tell> tells_of_kind(const OpportunitySnapshot& deal, const AnalysisSettings& settings,
                                std::string_view kind) {
  PostmortemReport report = analyze(deal, WonCohort(), HealthModel::rules(), settings);
  std::vector<Tell> found;
  for (const auto& tell : report.tells)
    if (tell.kind == kind) found.push_back(tell);
  return found;
}

// Close date 2026-03-31 in America/Los_Angeles (PDT, UTC-7): that day ends
// at 2026-04-01 00:00 PDT = 07:00 UTC, seven hours after it ends in UTC.
OpportunitySnapshot deal_due_on_march_31() {
  SnapshotBuilder builder("due", at("2026-03-20T18:00:00Z"));
  builder.stage("Prospecting", 0).close_date(date(2026, 3, 31));
  return builder.build();
}

TEST(AnalysisTimeZone, ADealIsOverdueWhenTheLocalDateIsPastItsCloseDate) {
  const TimeZone los_angeles = zone("America/Los_Angeles");
  OpportunitySnapshot deal = deal_due_on_march_31();

  // 2026-04-01 05:00 UTC is still 2026-03-31 22:00 in Los Angeles.
  Timestamp evening = at("2026-04-01T05:00:00Z");
  EXPECT_TRUE(tells_of_kind(deal, settings_in(los_angeles, evening), "close_date_overdue").empty());
  auto in_utc = tells_of_kind(deal, settings_in(TimeZone{}, evening), "close_date_overdue");
  ASSERT_EQ(in_utc.size(), 1u);
  EXPECT_EQ(in_utc[0].first_fired_at, at("2026-04-01T00:00:00Z"));

  auto overdue = tells_of_kind(deal, settings_in(los_angeles, at("2026-04-02T19:00:00Z")),
                               "close_date_overdue");
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0].first_fired_at, at("2026-04-01T07:00:00Z"));
  // 1 day at 07:00 UTC on the 1st, plus the 36 hours since: 2.5 days.
  EXPECT_EQ(overdue[0].description, "2 days past the close date of 2026-03-31");
}

TEST(AnalysisTimeZone, TheHealthScoreCountsDaysPastTheLocalCloseDate) {
  const AnalysisSettings settings =
      settings_in(zone("America/Los_Angeles"), at("2026-05-01T00:00:00Z"));
  OpportunitySnapshot deal = deal_due_on_march_31();
  auto days_overdue = [&](std::string_view when) {
    return features_at(deal, at(when), WonCohort(), settings).days_overdue;
  };
  EXPECT_DOUBLE_EQ(days_overdue("2026-04-01T06:59:59Z"), 0);
  EXPECT_DOUBLE_EQ(days_overdue("2026-04-01T07:00:00Z"), 1);
  EXPECT_DOUBLE_EQ(days_overdue("2026-04-02T19:00:00Z"), 2.5);
}

// An e-mail at 2026-03-10 03:00 UTC was written on 2026-03-09 at 20:00 in
// Los Angeles (PDT since 8 March).
TEST(AnalysisTimeZone, DatesInDescriptionsAreLocalDates) {
  SnapshotBuilder builder("quiet", at("2026-03-09T00:00:00Z"));
  builder.stage("Prospecting", 0).contact("alex", "Alex Buyer").email_from("alex", 1.125);
  ASSERT_EQ(builder.day(1.125), at("2026-03-10T03:00:00Z"));
  Timestamp as_of = at("2026-03-30T00:00:00Z");  // 19 days 21 hours after the e-mail

  auto local = tells_of_kind(builder.build(), settings_in(zone("America/Los_Angeles"), as_of),
                             "no_activity");
  ASSERT_EQ(local.size(), 1u);
  EXPECT_EQ(local[0].description, "no activity with the buyer for 19 days after 2026-03-09");
  auto in_utc = tells_of_kind(builder.build(), settings_in(TimeZone{}, as_of), "no_activity");
  ASSERT_EQ(in_utc.size(), 1u);
  EXPECT_EQ(in_utc[0].description, "no activity with the buyer for 19 days after 2026-03-10");
}

// A deal due on 2026-03-29 in Europe/Berlin becomes overdue when 30 March
// begins there: 00:00 CEST (UTC+2, summer time since the 29th) = 22:00 UTC
// on the 29th. The daily check that sees the score drop is that midnight.
TEST(AnalysisTimeZone, TheHealthSeriesChecksEachDayAtLocalMidnight) {
  SnapshotBuilder builder("daily", at("2026-03-25T10:00:00Z"));
  builder.stage("Prospecting", 0).close_date(date(2026, 3, 29));
  Timestamp as_of = at("2026-03-31T12:00:00Z");
  auto daily_points = [&](const TimeZone& time_zone) {
    PostmortemReport report =
        analyze(builder.build(), WonCohort(), HealthModel::rules(), settings_in(time_zone, as_of));
    std::vector<HealthPoint> daily;
    for (const auto& point : report.health)
      if (point.trigger == "daily") daily.push_back(point);
    return daily;
  };

  auto berlin = daily_points(zone("Europe/Berlin"));
  ASSERT_EQ(berlin.size(), 1u);
  EXPECT_EQ(berlin[0].at, at("2026-03-29T22:00:00Z"));
  EXPECT_DOUBLE_EQ(berlin[0].score, 90);
  auto utc = daily_points(TimeZone{});
  ASSERT_EQ(utc.size(), 1u);
  EXPECT_EQ(utc[0].at, at("2026-03-30T00:00:00Z"));
}

TEST(AnalysisTimeZone, TheReportCarriesTheZone) {
  const TimeZone berlin = zone("Europe/Berlin");
  PostmortemReport report = analyze(deal_due_on_march_31(), WonCohort(), HealthModel::rules(),
                                    settings_in(berlin, at("2026-04-02T00:00:00Z")));
  EXPECT_EQ(report.time_zone.name(), "Europe/Berlin");
}

}  // namespace
}  // namespace rearview
