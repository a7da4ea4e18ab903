// Outside text must not change the structure of the Markdown report.
#include <gtest/gtest.h>

#include <sstream>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace rearview {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) result.push_back(line);
  return result;
}

// The line of the summary table that starts with `label`.
std::string summary_row(const std::string& markdown, std::string_view label) {
  std::string prefix = "| " + std::string(label) + " | ";
  for (const auto& line : lines(markdown))
    if (line.rfind(prefix, 0) == 0) return line;
  return {};
}

// The lines between the fence that opens right before `needle` and its close.
struct FencedBlock {
  std::string fence;
  std::vector<std::string> content;
};

FencedBlock fenced_block_containing(const std::string& markdown, std::string_view needle) {
  auto all = lines(markdown);
  for (std::size_t open = 0; open < all.size(); ++open) {
    if (all[open].rfind("```", 0) != 0) continue;
    std::string fence = all[open].substr(0, all[open].find_first_not_of('`'));
    FencedBlock block{fence, {}};
    std::size_t close = open + 1;
    for (; close < all.size() && all[close] != fence; ++close) block.content.push_back(all[close]);
    for (const auto& line : block.content)
      if (line.find(needle) != std::string::npos) return block;
    open = close;
  }
  return {};
}

TEST(ReportMarkdown, EscapesTableBreakersInFacts) {
  auto report = testing::won_report();
  report.owner_name = "#1 <b>Owner</b> `x` | y *z* [link](javascript:1)";
  std::string markdown = render_markdown(report);
  EXPECT_EQ(summary_row(markdown, "Owner"),
            "| Owner | \\#1 \\<b\\>Owner\\</b\\> \\`x\\` \\| y \\*z\\* \\[link\\](javascript:1) |");
  EXPECT_EQ(summary_row(markdown, "Account"), "| Account | Acme \\| Europe |");
}

TEST(ReportMarkdown, LineBreaksInNamesStayInTheirCell) {
  auto report = testing::won_report();
  report.manager_name = "Sam\r\nO'Neill\n## Injected heading";
  std::string markdown = render_markdown(report);
  EXPECT_EQ(summary_row(markdown, "Manager"), "| Manager | Sam O'Neill ## Injected heading |");
}

TEST(ReportMarkdown, LeadingBlockMarkersAreEscaped) {
  auto report = testing::won_report();
  report.owner_name = "- not a list";
  report.account_name = "1984. not a list either";
  std::string markdown = render_markdown(report);
  EXPECT_EQ(summary_row(markdown, "Owner"), "| Owner | \\- not a list |");
  EXPECT_EQ(summary_row(markdown, "Account"), "| Account | 1984\\. not a list either |");
}

TEST(ReportMarkdown, BodiesAreFencedLongerThanAnyFenceInside) {
  std::string markdown = render_markdown(testing::won_report());
  auto review = fenced_block_containing(markdown, "risk: single-threaded");
  EXPECT_EQ(review.fence, "````");
  EXPECT_EQ(review.content.back(), "    not code either");
  auto offer = fenced_block_containing(markdown, "<script>alert(1)</script>");
  EXPECT_EQ(offer.fence, "```");
  EXPECT_EQ(offer.content.back(), "Priya");
  auto pricing = fenced_block_containing(render_markdown(testing::lost_report()), "not a fence");
  EXPECT_EQ(pricing.fence, "`````");
  EXPECT_EQ(pricing.content.back(), "Ravi");
}

TEST(ReportMarkdown, MarkupOutsideFencesIsEscaped) {
  std::string markdown = render_markdown(testing::won_report());
  EXPECT_NE(markdown.find("**Re: Pricing \"final\" offer & terms \\<draft\\>**"),
            std::string::npos);
  // Raw HTML only ever appears inside a fenced block (as text).
  bool inside_fence = false;
  std::string fence;
  for (const auto& line : lines(markdown)) {
    if (!inside_fence && line.rfind("```", 0) == 0) {
      inside_fence = true;
      fence = line.substr(0, line.find_first_not_of('`'));
    } else if (inside_fence && line == fence) {
      inside_fence = false;
    } else if (!inside_fence) {
      EXPECT_EQ(line.find("<script"), std::string::npos) << line;
      EXPECT_EQ(line.find("<img"), std::string::npos) << line;
    }
  }
  EXPECT_FALSE(inside_fence) << "a fence was left open";
}

TEST(ReportMarkdown, HasTheSections) {
  std::string markdown = render_markdown(testing::lost_report());
  for (std::string_view heading :
       {"# Postmortem: Globex Data Warehouse Migration", "## Health over time",
        "### Cycle against won deals", "## Stages and milestones",
        "## Tells: the early warning signs", "## Timeline", "## Buyer interview", "## Debriefs",
        "## Action items"})
    EXPECT_NE(markdown.find(std::string(heading) + "\n"), std::string::npos) << heading;
  EXPECT_NE(markdown.find("**Short postmortem · Lost**"), std::string::npos);
  EXPECT_NE(markdown.find("  - [ ] Economic buyer identified"), std::string::npos);
}

}  // namespace
}  // namespace rearview
