// The Markdown and HTML of the fixture reports, compared exactly with the
// files in tests/data/report/. After an intended change, look at the new
// output, then rewrite the files with REARVIEW_UPDATE_GOLDEN=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"
#include "test_support.h"

namespace rearview {
namespace {

struct GoldenCase {
  std::string_view file;
  PostmortemReport (*make_report)();
  std::string (*render)(const PostmortemReport&);
};

const GoldenCase kGoldenCases[] = {
    {"won.md", testing::won_report, render_markdown},
    {"won.html", testing::won_report, render_html},
    {"lost.md", testing::lost_report, render_markdown},
    {"lost.html", testing::lost_report, render_html},
    {"open.md", testing::open_report, render_markdown},
    {"open.html", testing::open_report, render_html},
};

void PrintTo(const GoldenCase& golden, std::ostream* out) { *out << golden.file; }

std::filesystem::path golden_path(std::string_view file) {
  return std::filesystem::path(REARVIEW_SOURCE_DIR) / "tests" / "data" / "report" / file;
}

bool updating_golden_files() {
  const char* update = std::getenv("REARVIEW_UPDATE_GOLDEN");
  return update && std::string_view(update) == "1";
}

// Where two texts first differ, as "line N" with both versions of the line.
std::string first_difference(const std::string& expected, const std::string& actual) {
  std::istringstream expected_lines(expected);
  std::istringstream actual_lines(actual);
  std::string expected_line;
  std::string actual_line;
  for (int number = 1;; ++number) {
    bool more_expected = static_cast<bool>(std::getline(expected_lines, expected_line));
    bool more_actual = static_cast<bool>(std::getline(actual_lines, actual_line));
    if (!more_expected && !more_actual) return "only in line endings";
    if (more_expected != more_actual || expected_line != actual_line)
      return "line " + std::to_string(number) +
             "\n  golden: " + (more_expected ? expected_line : "(end of file)") +
             "\n  now:    " + (more_actual ? actual_line : "(end of file)");
  }
}

class ReportGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(ReportGolden, MatchesTheGoldenFile) {
  const auto& golden = GetParam();
  std::string actual = golden.render(golden.make_report());
  auto path = golden_path(golden.file);
  if (updating_golden_files()) {
    testing::write_file(path, actual);
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing. Run the test with REARVIEW_UPDATE_GOLDEN=1 to write it.";
  std::string expected = testing::read_file(path);
  if (expected == actual) return;
  auto actual_path =
      std::filesystem::temp_directory_path() / ("rearview-" + std::string(golden.file));
  testing::write_file(actual_path, actual);
  ADD_FAILURE() << path.filename() << " no longer matches the renderer's output, first at "
                << first_difference(expected, actual) << "\nThe new output is in " << actual_path
                << " (diff it with the golden file). If the change is intended, rewrite the "
                   "golden files with REARVIEW_UPDATE_GOLDEN=1 and review them in the diff.";
}

std::string case_name(const ::testing::TestParamInfo<GoldenCase>& info) {
  std::string name(info.param.file);
  for (char& c : name)
    if (c == '.') c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ReportGolden, ::testing::ValuesIn(kGoldenCases), case_name);

}  // namespace
}  // namespace rearview
