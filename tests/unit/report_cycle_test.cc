// How every format shows the cycle (creation to close) and the first touch
// on its own, and what a report without a cycle says.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace rearview {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

std::string first_touch_row(const PostmortemReport& report) {
  std::string markdown = render_markdown(report);
  auto row = markdown.find("| First touch | ");
  if (row == std::string::npos) return "(no first touch row)";
  return markdown.substr(row, markdown.find('\n', row) - row);
}

boost::json::object json_of(const PostmortemReport& report) {
  return boost::json::parse(render_json(report)).as_object();
}

TEST(FirstTouch, DaysBeforeTheCreationAreSaidInEveryFormat) {
  PostmortemReport report = testing::lost_report();  // first e-mail 4 days 20 hours earlier
  EXPECT_EQ(first_touch_row(report),
            "| First touch | 2024-03-28 12:00 UTC, 4.8 days before the opportunity was created |");
  EXPECT_NE(render_html(report).find("4.8 days before the opportunity was created"),
            std::string::npos);
  auto json = json_of(report);
  EXPECT_NEAR(json.at("first_touch_days_before_creation").to_number<double>(), 4 + 20.0 / 24, 1e-9);
  EXPECT_EQ(json.at("first_touch").as_string(), "2024-03-28T12:00:00Z");
}

TEST(FirstTouch, UnderADayReadsInHoursAndMinutes) {
  PostmortemReport report = testing::lost_report();
  report.first_touch = *report.opportunity.created_at - hours{3} - minutes{20};
  EXPECT_EQ(
      first_touch_row(report),
      "| First touch | 2024-04-02 04:40 UTC, 3 h 20 min before the opportunity was created |");
}

TEST(FirstTouch, AtTheCreationItSaysSo) {
  PostmortemReport report = testing::won_report();
  EXPECT_EQ(first_touch_row(report),
            "| First touch | 2024-01-08 09:00 UTC, when the opportunity was created |");
  EXPECT_EQ(json_of(report).at("first_touch_days_before_creation").to_number<double>(), 0);
}

TEST(FirstTouch, AfterTheCreationItSaysSo) {
  PostmortemReport report = testing::won_report();
  report.first_touch = *report.opportunity.created_at + hours{50};
  EXPECT_EQ(first_touch_row(report),
            "| First touch | 2024-01-10 11:00 UTC, 2.1 days after the opportunity was created |");
  EXPECT_NEAR(json_of(report).at("first_touch_days_before_creation").to_number<double>(),
              -50.0 / 24, 1e-9);
}

TEST(FirstTouch, WithoutACreationTimeOnlyTheTimeIsShown) {
  PostmortemReport report = testing::lost_report();
  report.opportunity.created_at.reset();
  EXPECT_EQ(first_touch_row(report), "| First touch | 2024-03-28 12:00 UTC |");
  EXPECT_TRUE(json_of(report).at("first_touch_days_before_creation").is_null());
}

TEST(Cycle, SaysWhereItStartsAndEnds) {
  EXPECT_NE(render_markdown(testing::won_report())
                .find("| Cycle | 72.3 days from creation to close, 14.3 days longer than the "
                      "median won deal (58 days) |"),
            std::string::npos);
  EXPECT_NE(render_markdown(testing::open_report())
                .find("| Cycle | 44 days since the opportunity was created, 14 days shorter"),
            std::string::npos);
}

TEST(Cycle, NotMeasuredIsSaidAndNoBarIsDrawn) {
  PostmortemReport report = testing::won_report();
  report.cycle_days.reset();
  std::string markdown = render_markdown(report);
  EXPECT_NE(markdown.find("| Cycle | not measured (see About the data); the median won deal "
                          "took 58 days |"),
            std::string::npos);
  EXPECT_EQ(markdown.find("This deal "), std::string::npos);
  EXPECT_NE(markdown.find("Won deals, median"), std::string::npos);
  EXPECT_TRUE(json_of(report).at("cycle_days").is_null());
  std::string index = render_index_html({make_index_entry(report, "won.html")}, TimeZone());
  EXPECT_NE(index.find("<td class=\"number\">not measured</td>"), std::string::npos);
}

TEST(Cycle, WithNeitherACycleNorWonDealsOnlyTheSentenceRemains) {
  PostmortemReport report = testing::won_report();
  report.cycle_days.reset();
  report.won_cycle.reset();
  std::string markdown = render_markdown(report);
  auto section = markdown.find("### Cycle against won deals\n\n");
  ASSERT_NE(section, std::string::npos);
  EXPECT_EQ(markdown.substr(section + 29, 36), "not measured (see About the data).\n\n");
}

}  // namespace
}  // namespace rearview
