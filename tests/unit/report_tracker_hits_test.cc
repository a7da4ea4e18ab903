// The trackers' hits under their timeline item in every format: the buyer's
// words escaped, phrases of one tracker in the same words on one line, and
// the JSON keeping every hit as found.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"
#include "test_support.h"

namespace rearview {
namespace {

std::size_t count_of(const std::string& text, std::string_view needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
  return count;
}

PostmortemReport report_with_hits() {
  PostmortemReport report = testing::won_report();
  const std::string sentence = "Let me check with legal about the contract terms.";
  report.timeline.front().tracker_hits = {
      TrackerHit{.tracker = "legal review", .phrase = "legal", .excerpt = sentence,
                 .cue_seconds = 65, .speaker = "Pat", .said_by = SaidBy::buyer},
      TrackerHit{.tracker = "legal review", .phrase = "contract terms", .excerpt = sentence,
                 .cue_seconds = 65, .speaker = "Pat", .said_by = SaidBy::buyer},
      TrackerHit{.tracker = "red flags", .phrase = "too expensive",
                 .excerpt = "<script>alert(1)</script> it is *too expensive*",
                 .said_by = SaidBy::buyer, .mentions = 3}};
  return report;
}

TEST(ReportTrackerHits, HtmlEscapesTheExcerptAndJoinsPhrasesOfOneSentence) {
  std::string html = render_html(report_with_hits());
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; it is *too expensive*"),
            std::string::npos);
  EXPECT_EQ(count_of(html, "<li><span class=\"tracker\">"), 2u);
  EXPECT_NE(html.find("<span class=\"phrases\">&quot;legal&quot;, &quot;contract terms&quot;</span>"),
            std::string::npos);
  EXPECT_NE(html.find("<span class=\"hit-source\">said by Pat at 1:05</span>"), std::string::npos);
  EXPECT_NE(html.find("&quot;too expensive&quot; (3 times)"), std::string::npos);
}

TEST(ReportTrackerHits, MarkdownHasOneLinePerTrackerAndSentence) {
  std::string markdown = render_markdown(report_with_hits());
  EXPECT_NE(markdown.find("Tracked: legal review, \"legal\", \"contract terms\", said by Pat at "
                          "1:05: Let me check with legal about the contract terms."),
            std::string::npos)
      << markdown;
  EXPECT_NE(markdown.find("Tracked: red flags, \"too expensive\" (3 times), said by the buyer: "
                          "\\<script\\>alert(1)\\</script\\> it is \\*too expensive\\*"),
            std::string::npos)
      << markdown;
}

TEST(ReportTrackerHits, JsonKeepsEveryHitAsFound) {
  auto json = boost::json::parse(render_json(report_with_hits()));
  const auto& hits = json.at("timeline").as_array().at(0).at("tracker_hits").as_array();
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[1].at("phrase").as_string(), "contract terms");
  EXPECT_EQ(hits[1].at("cue_seconds").as_int64(), 65);
  EXPECT_EQ(hits[1].at("said_by").as_string(), "buyer");
  EXPECT_EQ(hits[2].at("mentions").as_int64(), 3);
  EXPECT_TRUE(hits[2].at("cue_seconds").is_null());
}

TEST(ReportTrackerHits, PdfShowsThem) {
  if (testing::run_command("pdftotext -v").exit_status != 0) GTEST_SKIP() << "no pdftotext";
  testing::TemporaryDirectory directory;
  auto file = directory / "report.pdf";
  ASSERT_TRUE(write_pdf(report_with_hits(), file).has_value());
  auto text = testing::run_command("pdftotext -raw -enc UTF-8 '" + file.string() + "' -").output;
  EXPECT_NE(text.find("Tracked: legal review, \"legal\", \"contract terms\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos) << "plain text in a PDF";
}

}  // namespace
}  // namespace rearview
