// Every format shows times in the report's zone and names it once; the JSON
// keeps UTC and names the zone. Local times are worked out by hand from the
// fixture's UTC times (written next to them).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace rearview {
namespace {

PostmortemReport won_report_in(std::string_view zone) {
  PostmortemReport report = testing::won_report();
  report.time_zone = *TimeZone::lookup(zone);
  return report;
}

std::size_t occurrences(const std::string& text, std::string_view part) {
  std::size_t count = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

// Los Angeles is PST (UTC-8) until 2024-03-10, then PDT (UTC-7).
TEST(ReportTimeZone, MarkdownShowsLocalTimesAndNamesTheZoneOnce) {
  std::string markdown = render_markdown(won_report_in("America/Los_Angeles"));
  EXPECT_EQ(occurrences(markdown, "Times in America/Los_Angeles"), 1u);
  // Compiled 2024-03-21 06:00 UTC: still the 20th in Los Angeles.
  EXPECT_NE(markdown.find("compiled 2024-03-20 23:00 PDT"), std::string::npos) << markdown;
  // The first e-mail, 2024-01-08 14:30 UTC, in winter.
  EXPECT_NE(markdown.find("2024-01-08 06:30 PST"), std::string::npos);
  // Closed 2024-03-20 16:00 UTC, in summer time.
  EXPECT_NE(markdown.find("| Closed | 2024-03-20 09:00 PDT |"), std::string::npos);
  EXPECT_EQ(markdown.find(" UTC"), std::string::npos) << "a time left in UTC";
}

// Berlin is CET (UTC+1) until 2024-03-31.
TEST(ReportTimeZone, HtmlShowsLocalTimesAndKeepsUtcForMachines) {
  std::string html = render_html(won_report_in("Europe/Berlin"));
  EXPECT_EQ(occurrences(html, "Times in Europe/Berlin"), 1u);
  EXPECT_NE(html.find("<time datetime=\"2024-01-10T15:04:05Z\">2024-01-10 16:04 CET</time>"),
            std::string::npos);
  EXPECT_NE(html.find("<dd>2024-03-20 17:00 CET</dd>"), std::string::npos);
  EXPECT_EQ(html.find(" UTC"), std::string::npos) << "a time left in UTC";
}

TEST(ReportTimeZone, JsonStaysUtcAndNamesTheZone) {
  std::string text = render_json(won_report_in("Europe/Berlin"));
  boost::json::object json = boost::json::parse(text).as_object();
  EXPECT_EQ(json.at("time_zone").as_string(), "Europe/Berlin");
  EXPECT_EQ(json.at("closed_at").as_string(), "2024-03-20T16:00:00Z");
  EXPECT_EQ(json.at("as_of").as_string(), "2024-03-21T06:00:00Z");
  for (const auto& item : json.at("timeline").as_array())
    EXPECT_TRUE(item.at("at").as_string().ends_with("Z")) << item.at("at");
  for (const auto& point : json.at("health").as_array())
    EXPECT_TRUE(point.at("at").as_string().ends_with("Z")) << point.at("at");
  EXPECT_EQ(text.find("CET"), std::string::npos);
  EXPECT_EQ(boost::json::parse(render_json(testing::won_report())).at("time_zone").as_string(),
            "UTC");
}

// Closed 2024-05-06 23:30 UTC: 01:30 CEST (UTC+2) on the 7th in Berlin.
TEST(ReportTimeZone, TheIndexListsTheLocalDateOfTheClose) {
  PostmortemReport report = testing::lost_report();
  report.closed_at = testing::fixture_time("2024-05-06T23:30:00Z");
  TimeZone berlin = *TimeZone::lookup("Europe/Berlin");
  report.time_zone = berlin;
  std::string html = render_index_html({make_index_entry(report, "lost.html")}, berlin);
  EXPECT_NE(html.find(">2024-05-07</td>"), std::string::npos) << html;
  EXPECT_EQ(html.find("2024-05-06"), std::string::npos);
  EXPECT_EQ(occurrences(html, "Dates in Europe/Berlin"), 1u);
}

}  // namespace
}  // namespace rearview
