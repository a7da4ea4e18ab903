// render_pdf, read back with pdftotext / pdfinfo (poppler-utils).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <regex>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"
#include "test_support.h"

namespace rearview {
namespace {

bool have_poppler() { return rearview::testing::run_command("pdftotext -v").exit_status == 0; }

// Lines joined and runs of white space made one space: text wraps in a PDF.
std::string flattened(const std::string& text) {
  std::string flat;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
    if (space && (flat.empty() || flat.back() == ' ')) continue;
    flat.push_back(space ? ' ' : c);
  }
  return flat;
}

class ReportPdf : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_poppler()) GTEST_SKIP() << "pdftotext is missing (apt-get install poppler-utils)";
  }

  std::string text_of(const PostmortemReport& report) {
    auto file = directory_ / "report.pdf";
    auto written = write_pdf(report, file);
    EXPECT_TRUE(written.has_value()) << (written ? "" : written.error().message);
    auto result = rearview::testing::run_command("pdftotext -enc UTF-8 '" + file.string() + "' -");
    EXPECT_EQ(result.exit_status, 0) << result.output;
    return flattened(result.output);
  }

  int pages_of(const std::filesystem::path& file) {
    auto info = rearview::testing::run_command("pdfinfo '" + file.string() + "'");
    auto at = info.output.find("Pages:");
    return at == std::string::npos ? 0 : std::stoi(info.output.substr(at + 6));
  }

  rearview::testing::TemporaryDirectory directory_;
};

// Berlin is CET (UTC+1) in March 2024: closed 16:00 UTC is 17:00 there.
TEST_F(ReportPdf, ShowsLocalTimesAndNamesTheZone) {
  PostmortemReport report = testing::won_report();
  report.time_zone = *TimeZone::lookup("Europe/Berlin");
  std::string text = text_of(report);
  EXPECT_NE(text.find("Times in Europe/Berlin"), std::string::npos) << text;
  EXPECT_NE(text.find("2024-03-20 17:00 CET"), std::string::npos) << text;
  EXPECT_EQ(text.find(" UTC"), std::string::npos);
}

TEST_F(ReportPdf, TextIsExtractable) {
  std::string text = text_of(rearview::testing::won_report());
  EXPECT_NE(text.find(rearview::testing::kWonDealName), std::string::npos) << text;
  EXPECT_NE(text.find(rearview::testing::kTrickySubject), std::string::npos);
  EXPECT_NE(text.find(rearview::testing::kPilotSentence), std::string::npos);
  EXPECT_NE(text.find("<script>alert(1)</script>"), std::string::npos)
      << "bodies are shown as text, exactly";
  for (std::string_view heading :
       {"Health over time", "Cycle against won deals", "Stages and milestones",
        "Tells: the early warning signs", "Timeline", "Buyer interview"})
    EXPECT_NE(text.find(heading), std::string::npos) << heading;
}

TEST_F(ReportPdf, LongBodiesFlowOntoNewPages) {
  auto report = rearview::testing::lost_report();
  std::string body;
  for (int line = 1; line <= 400; ++line)
    body += "Line " + std::to_string(line) + " of a long thread.\n";
  body += "The very last sentence of the thread.";
  report.timeline[0].body = body;
  std::string text = text_of(report);
  EXPECT_NE(text.find("Line 200 of a long thread."), std::string::npos);
  EXPECT_NE(text.find("The very last sentence of the thread."), std::string::npos);
  EXPECT_GE(pages_of(directory_ / "report.pdf"), 6);
}

TEST_F(ReportPdf, SurvivesBrokenText) {
  auto report = rearview::testing::lost_report();
  report.opportunity.name = std::string("Broken \xC3\x28 name \x01 <b>not bold</b> & co");
  report.timeline[0].body = std::string("tab\tcontrol\x02 cr\rend \xFF");
  std::string text = text_of(report);
  EXPECT_NE(text.find("<b>not bold</b> & co"), std::string::npos) << text;
}

TEST_F(ReportPdf, UnwritableFolderIsAnIoError) {
  auto file = directory_ / "missing-folder" / "report.pdf";
  auto written = write_pdf(rearview::testing::won_report(), file);
  ASSERT_FALSE(written.has_value());
  EXPECT_EQ(written.error().code, ErrorCode::io);
  EXPECT_NE(written.error().message.find(file.string()), std::string::npos);
  EXPECT_FALSE(written.error().hint.empty());
  EXPECT_FALSE(std::filesystem::exists(directory_ / "missing-folder"));
}

TEST_F(ReportPdf, ReplacesAnExistingFileWhole) {
  auto file = directory_ / "report.pdf";
  rearview::testing::write_file(file, "old");
  ASSERT_TRUE(write_pdf(rearview::testing::won_report(), file).has_value());
  EXPECT_EQ(rearview::testing::read_file(file).rfind("%PDF-", 0), 0u);
  auto files = std::distance(std::filesystem::directory_iterator(directory_.path()),
                             std::filesystem::directory_iterator());
  EXPECT_EQ(files, 1) << "no temporary file is left behind";
}

// Only DejaVu was installed, so these showed as boxes; pdftotext reads back
// the characters a font drew, and nothing of a missing glyph.
TEST_F(ReportPdf, EveryScriptComesBack) {
  const std::vector<std::string> samples = {
      "中文报价单已确认",      // Chinese
      "見積書を確認しました",  // Japanese
      "견적서를 확인했습니다",  // Korean
      "मूल्य प्रस्ताव स्वीकृत",  // Devanagari
      "ยืนยันใบเสนอราคาแล้ว",   // Thai
  };
  auto report = rearview::testing::lost_report();
  report.timeline[0].body.clear();
  for (const auto& sample : samples) report.timeline[0].body += sample + "\n";
  auto without_spaces = [](std::string text) {
    std::erase(text, ' ');  // pdftotext may part Thai words
    return text;
  };
  std::string text = without_spaces(text_of(report));
  for (const auto& sample : samples)
    EXPECT_NE(text.find(without_spaces(sample)), std::string::npos) << sample;
}

// Colour emoji are drawn as images (so pdftotext cannot read them back): a
// report with emoji holds images, one without holds none.
TEST_F(ReportPdf, EmojiAreDrawnFromTheColourFont) {
  auto images = [&](const PostmortemReport& report) {
    auto file = directory_ / "emoji.pdf";
    EXPECT_TRUE(write_pdf(report, file).has_value());
    auto listed = rearview::testing::run_command("pdfimages -list '" + file.string() + "'");
    return std::count(listed.output.begin(), listed.output.end(), '\n');
  };
  auto report = rearview::testing::lost_report();
  auto plain = images(report);
  report.timeline[0].body = "Signed! 🎉🚀";
  EXPECT_GT(images(report), plain);
}

// Laying out a whole body as one Pango paragraph took 83 s for 2 MB and never
// finished for 20 MB; a 200,000-character line took 20 s.
TEST_F(ReportPdf, HugeBodiesAreCutWithANoteInBoundedTime) {
  auto report = rearview::testing::lost_report();
  std::string line = "We went through the pilot scope and the renewal pricing once more. ";
  std::string body;
  while (body.size() < 20'000'000) body += line + line + line + "\n";
  report.timeline[0].body = body;
  report.timeline[1].body = std::string(200'000, 'x');
  auto started = std::chrono::steady_clock::now();
  std::string text = text_of(report);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 20) << "bounded by the cut, not by the body";
  EXPECT_NE(text.find("The text is cut here, after 99,9"), std::string::npos)
      << "at the last space before 100,000 bytes: " << text.substr(text.find("[The text"), 120);
  EXPECT_NE(text.find(" of its " + std::to_string(body.size()).insert(2, ",").insert(6, ",") +
                      " characters"),
            std::string::npos);
  EXPECT_NE(text.find("The HTML and JSON reports hold all of it."), std::string::npos);
}

// A name of 280 KB took 56 s: it was laid out whole in every page's footer.
TEST_F(ReportPdf, HugeNamesAreShortenedInBoundedTime) {
  auto report = rearview::testing::lost_report();
  std::string name;
  while (name.size() < 300'000) name += "Big deal name ";
  report.opportunity.name = name;
  report.account_name = name;
  auto started = std::chrono::steady_clock::now();
  std::string text = text_of(report);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_LT(seconds, 10);
  EXPECT_NE(text.find("Postmortem: Big deal name Big deal name"), std::string::npos);
  EXPECT_NE(text.find("…"), std::string::npos) << "shortened, and says so";
  EXPECT_LT(text.size(), 50'000u) << "the name is not there whole";
  EXPECT_LE(pages_of(directory_ / "report.pdf"), 10);
}

TEST_F(ReportPdf, ALongLineWithoutSpacesComesBackWhole) {
  auto report = rearview::testing::lost_report();
  std::string line;
  // 4,500 bytes of 2-byte and 1-byte characters: cut twice, on one page
  for (int i = 0; i < 1500; ++i) line += "é" + std::to_string(i % 10);
  report.timeline[0].body = line;
  std::string text = text_of(report);
  std::string extracted;
  for (char c : text)
    if (c != ' ') extracted.push_back(c);
  // The footer of a page may sit between two lines of the body.
  extracted = std::regex_replace(extracted, std::regex("rearview·Postmortem:[^é]*?Page[0-9]+"), "");
  EXPECT_NE(extracted.find(line), std::string::npos)
      << "no character lost or split at a cut: "
      << [&] {
           std::size_t start = extracted.find("é0é1");
           std::size_t same = 0;
           while (same < line.size() && extracted[start + same] == line[same]) ++same;
           return std::to_string(same) + ": " + extracted.substr(start + same - 20, 60);
         }();
}

}  // namespace
}  // namespace rearview
