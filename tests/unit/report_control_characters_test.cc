// Control characters (a NUL, an escape sequence, a bell, DEL) and bytes that
// are not UTF-8 never reach the output of any format: each becomes U+FFFD.
// Tab, line feed and carriage return are text and stay.
#include <gtest/gtest.h>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"
#include <fmt/format.h>

#include "test_support.h"

namespace rearview {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Every C0 control but tab, LF and CR, and DEL: built from their codes, not
// from the code under test.
std::string unprintable_controls() {
  std::string controls;
  for (int code = 0; code < 0x20; ++code)
    if (code != '\t' && code != '\n' && code != '\r') controls.push_back(static_cast<char>(code));
  controls.push_back('\x7F');
  return controls;
}

PostmortemReport report_with_controls() {
  PostmortemReport report = testing::won_report();
  std::string hostile = "Name" + unprintable_controls() + "\xFF\xC3" + "End";
  report.opportunity.name = hostile;
  report.account_name = hostile;
  report.timeline.front().subject = hostile;
  report.timeline.front().summary = hostile;
  report.timeline.front().body = "Body\x1B[31m red, " + hostile;
  return report;
}

// The bytes of `text` that must never be written.
std::string forbidden_bytes_in(std::string_view text) {
  std::string found;
  for (char c : unprintable_controls())
    if (text.find(c) != std::string_view::npos) found += fmt::format("\\x{:02X} ", c);
  if (text.find('\xFF') != std::string_view::npos) found += "\\xFF ";
  return found;
}

TEST(ReportControlCharacters, NeverReachTheOutputOfAnyFormat) {
  auto report = report_with_controls();
  for (const auto& [format, text] : std::vector<std::pair<std::string, std::string>>{
           {"html", render_html(report)},
           {"md", render_markdown(report)},
           {"json", render_json(report)},
           {"index", render_index_html({make_index_entry(report, "r.html")}, TimeZone{})}}) {
    EXPECT_EQ(forbidden_bytes_in(text), "") << format;
    EXPECT_NE(text.find(std::string("Name") + std::string(kReplacement)), std::string::npos)
        << format << ": replaced, not dropped";
  }
}

TEST(ReportControlCharacters, JsonHasNoEscapedControlsEither) {
  std::string json = render_json(report_with_controls());
  EXPECT_EQ(json.find("\\u0000"), std::string::npos);
  EXPECT_EQ(json.find("\\u001b"), std::string::npos);
}

TEST(ReportControlCharacters, PdfTextShowsReplacements) {
  if (testing::run_command("pdftotext -v").exit_status != 0) GTEST_SKIP() << "no pdftotext";
  testing::TemporaryDirectory directory;
  auto file = directory / "report.pdf";
  ASSERT_TRUE(write_pdf(report_with_controls(), file).has_value());
  auto text = testing::run_command("pdftotext -enc UTF-8 '" + file.string() + "' -").output;
  std::erase(text, '\f');  // pdftotext ends each page with a form feed
  EXPECT_EQ(forbidden_bytes_in(text), "");
  EXPECT_NE(text.find(std::string("Name") + std::string(kReplacement)), std::string::npos);
}

}  // namespace
}  // namespace rearview
