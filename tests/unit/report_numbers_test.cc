// Whatever numbers a report holds (huge, infinite, NaN, the extremes of an
// integer), every format renders them without crashing and without garbage
// such as "-9223372036854775808", "nan" or "inf". Expected digits were
// computed with Python's exact decimal formatting, not with our code.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <regex>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"
#include "test_support.h"

namespace rearview {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInfinity = std::numeric_limits<double>::infinity();

PostmortemReport report_with_hostile_numbers() {
  PostmortemReport report = testing::won_report();
  report.opportunity.amount = 1e17;
  report.cycle_days = 1e300;
  report.won_cycle_mean_days = kNaN;
  report.stages.front().days = kInfinity;
  if (report.stages.front().won) report.stages.front().won->p75_days = kNaN;
  report.health.front().score = kNaN;
  for (auto& point : report.health)
    for (auto& reason : point.reasons) reason.effect = -kInfinity;
  for (auto& tell : report.tells) tell.days_before_close = kNaN;
  report.timeline.front().duration_seconds = std::numeric_limits<long long>::max();
  report.timeline.back().duration_seconds = std::numeric_limits<long long>::min();
  return report;
}

// Words a formatter prints when it meets a number it does not handle, with
// what surrounds the first of them; empty when there are none.
std::string garbage_number(const std::string& text) {
  static const std::regex kGarbage(R"(\b(nan|inf|infinity)\b|-9223372036854775808)",
                                   std::regex::icase);
  std::smatch found;
  if (!std::regex_search(text, found, kGarbage)) return {};
  auto start = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, found.position() - 80));
  return text.substr(start, 120);
}

std::string pdf_text(const PostmortemReport& report) {
  testing::TemporaryDirectory directory;
  auto file = directory / "report.pdf";
  auto written = write_pdf(report, file);
  EXPECT_TRUE(written.has_value()) << (written ? "" : written.error().message);
  return testing::run_command("pdftotext -enc UTF-8 '" + file.string() + "' -").output;
}

TEST(ReportNumbers, LargeAmountShowsEveryDigitInEveryFormat) {
  auto report = report_with_hostile_numbers();
  constexpr std::string_view kAmount = "100,000,000,000,000,000";
  EXPECT_NE(render_markdown(report).find(kAmount), std::string::npos);
  EXPECT_NE(render_html(report).find(kAmount), std::string::npos);
  EXPECT_NE(render_index_html({make_index_entry(report, "r.html")}, TimeZone{}).find(kAmount),
            std::string::npos);
  auto json = boost::json::parse(render_json(report));
  EXPECT_EQ(json.at("opportunity").at("amount").to_number<double>(), 1e17);
  if (testing::run_command("pdftotext -v").exit_status == 0) {
    EXPECT_NE(pdf_text(report).find(kAmount), std::string::npos);
  }
}

TEST(ReportNumbers, LargestAmountsAreExactNotOverflowed) {
  auto report = testing::won_report();
  report.opportunity.amount = 1e300;
  // '{:,.0f}'.format(1e300) in Python
  EXPECT_NE(render_markdown(report).find("USD 1,000,000,000,000,000,052,504,760,255,20"),
            std::string::npos);
  report.opportunity.amount = -0.001;
  std::string markdown = render_markdown(report);
  EXPECT_EQ(markdown.find("USD -"), std::string::npos) << "a negative amount that rounds to 0";
  EXPECT_NE(markdown.find("USD 0 |"), std::string::npos);
}

TEST(ReportNumbers, LongestDurationDoesNotOverflow) {
  auto report = report_with_hostile_numbers();
  // (2**63 - 1 + 59) // 60 minutes = 2562047788015215 h 31 min, in Python
  EXPECT_NE(render_markdown(report).find("2562047788015215 h 31 min"), std::string::npos);
  EXPECT_NE(render_html(report).find("2562047788015215 h 31 min"), std::string::npos);
}

TEST(ReportNumbers, NonFiniteAndHugeValuesNeverPrintGarbage) {
  auto report = report_with_hostile_numbers();
  for (const std::string& text :
       {render_markdown(report), render_html(report),
        render_index_html({make_index_entry(report, "r.html")}, TimeZone{})})
    EXPECT_EQ(garbage_number(text), "");
  if (testing::run_command("pdftotext -v").exit_status == 0) {
    EXPECT_EQ(garbage_number(pdf_text(report)), "");
  }
}

TEST(ReportNumbers, JsonStaysValidAndKeepsIntegersExact) {
  auto report = report_with_hostile_numbers();
  boost::json::value json;
  ASSERT_NO_THROW(json = boost::json::parse(render_json(report)));
  EXPECT_TRUE(json.at("cycle_days").is_number());
  EXPECT_TRUE(json.at("health").at(0).at("score").is_null()) << "NaN has no JSON form";
  EXPECT_EQ(json.at("timeline").as_array().back().at("duration_seconds").as_int64(),
            std::numeric_limits<long long>::min());
}

TEST(ReportNumbers, HugeCycleReadsInScientificNotation) {
  auto report = report_with_hostile_numbers();
  EXPECT_NE(render_markdown(report).find("1e+300 days"), std::string::npos);
}

}  // namespace
}  // namespace rearview
