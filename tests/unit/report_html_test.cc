// What must hold for every HTML report whatever the data: no script, nothing
// loaded from anywhere, outside text inert, every evidence link resolving.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace rearview {
namespace {

using testing::kInjectedMarkup;
using testing::kTrickySubject;

std::vector<PostmortemReport> all_fixtures() {
  return {testing::won_report(), testing::lost_report(), testing::open_report()};
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// Every tag of the document ("<...>"). Escaping guarantees that a '<' in the
// output only ever starts a tag the renderer wrote.
std::vector<std::string> tags(const std::string& html) {
  std::vector<std::string> found;
  for (std::size_t start = html.find('<'); start != std::string::npos;
       start = html.find('<', start + 1)) {
    std::size_t end = html.find('>', start);
    if (end == std::string::npos) break;
    found.push_back(html.substr(start, end - start + 1));
  }
  return found;
}

// The values of one attribute across the document's tags.
std::vector<std::string> attribute_values(const std::string& html, std::string_view name) {
  std::vector<std::string> values;
  std::string marker = " " + std::string(name) + "=\"";
  for (const auto& tag : tags(html)) {
    for (std::size_t at = tag.find(marker); at != std::string::npos;
         at = tag.find(marker, at + 1)) {
      std::size_t start = at + marker.size();
      values.push_back(tag.substr(start, tag.find('"', start) - start));
    }
  }
  return values;
}

TEST(ReportHtml, HasNoScriptAtAll) {
  for (const auto& report : all_fixtures()) {
    std::string html = lower(render_html(report));
    EXPECT_EQ(html.find("<script"), std::string::npos) << report.opportunity.name;
    for (const auto& tag : tags(html)) {
      EXPECT_EQ(tag.find(" on"), std::string::npos) << "event handler in " << tag;
      EXPECT_EQ(tag.find("javascript:"), std::string::npos) << tag;
    }
  }
}

TEST(ReportHtml, LoadsNothingAndLinksOnlyWithinItself) {
  for (const auto& report : all_fixtures()) {
    std::string html = render_html(report);
    EXPECT_TRUE(attribute_values(html, "src").empty());
    for (const auto& href : attribute_values(html, "href"))
      EXPECT_EQ(href.rfind('#', 0), 0u) << "link out of the page: " << href;
    EXPECT_EQ(html.find("http://"), std::string::npos);
    EXPECT_EQ(html.find("https://"), std::string::npos);
    EXPECT_EQ(html.find("@import"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
  }
}

TEST(ReportHtml, MaliciousBodyAppearsOnlyEscaped) {
  std::string html = render_html(testing::won_report());
  EXPECT_EQ(html.find(kInjectedMarkup), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"),
            std::string::npos);
  EXPECT_NE(html.find("&lt;a href=&quot;javascript:window.__xss = &#39;link&#39;&quot;&gt;"),
            std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
}

TEST(ReportHtml, SubjectIsEscapedInTextAndTitles) {
  std::string html = render_html(testing::won_report());
  EXPECT_EQ(html.find(kTrickySubject), std::string::npos);
  EXPECT_NE(html.find("Re: Pricing &quot;final&quot; offer &amp; terms &lt;draft&gt;"),
            std::string::npos);
}

TEST(ReportHtml, HostileIdsCannotLeaveTheirAttribute) {
  std::string html = render_html(testing::won_report());
  EXPECT_NE(html.find("id=\"item-email-8_22onmouseover_3D_22alert_283_29\""), std::string::npos);
  for (const auto& tag : tags(lower(html)))
    EXPECT_EQ(tag.find(" onmouseover"), std::string::npos) << tag;
}

TEST(ReportHtml, EveryEvidenceLinkHasItsTarget) {
  for (const auto& report : all_fixtures()) {
    std::string html = render_html(report);
    auto ids = attribute_values(html, "id");
    std::set<std::string> targets(ids.begin(), ids.end());
    EXPECT_EQ(targets.size(), ids.size()) << "duplicate ids";
    for (const auto& href : attribute_values(html, "href"))
      EXPECT_TRUE(targets.contains(href.substr(1))) << "no element for " << href;
  }
}

TEST(ReportHtml, FindingsLinkToTheirEvidence) {
  std::string html = render_html(testing::won_report());
  auto tell = html.substr(html.find("<li id=\"tell-2\""));
  tell = tell.substr(0, tell.find("</li>"));
  EXPECT_NE(tell.find("href=\"#item-email-4\""), std::string::npos) << tell;
  // The stage bar's name links to the stage change, the chart's events to their items.
  EXPECT_NE(html.find("<h3><a href=\"#item-stage-3\">Proposal</a></h3>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#item-email-2\"><circle class=\"event\""), std::string::npos);
  EXPECT_NE(html.find("<a href=\"#tell-1\"><path class=\"tell-mark\""), std::string::npos);
}

TEST(ReportHtml, EvidenceMissingFromTheTimelineIsNotALink) {
  std::string html = render_html(testing::lost_report());
  EXPECT_NE(html.find("gone-1 (not in the timeline)"), std::string::npos);
  EXPECT_EQ(html.find("#item-gone-1"), std::string::npos);
}

TEST(ReportHtml, HasTheSectionsOfAPostmortem) {
  std::string html = render_html(testing::won_report());
  for (std::string_view section :
       {"id=\"summary\"", "id=\"health\"", "id=\"stages\"", "id=\"tells\"", "id=\"timeline\"",
        "id=\"interview\"", "id=\"debriefs\"", "id=\"action-items\""})
    EXPECT_NE(html.find(section), std::string::npos) << section;
  EXPECT_NE(html.find("<svg class=\"health-chart\""), std::string::npos);
  EXPECT_NE(html.find("Cycle against won deals"), std::string::npos);
  EXPECT_NE(html.find("Inbound, from the buyer"), std::string::npos);
  EXPECT_NE(html.find("Outbound, to the buyer"), std::string::npos);
  EXPECT_NE(html.find(">Internal<"), std::string::npos);
  EXPECT_NE(html.find("48.3 days before close"), std::string::npos);
}

TEST(ReportHtml, OpenDealShowsActiveWarningsFirst) {
  std::string html = render_html(testing::open_report());
  EXPECT_NE(html.find("<h2 id=\"tells-title\">Warnings</h2>"), std::string::npos);
  auto active = html.find(">active</span>");
  auto cleared = html.find(">cleared</span>");
  ASSERT_NE(active, std::string::npos);
  ASSERT_NE(cleared, std::string::npos);
  EXPECT_LT(active, cleared);
  EXPECT_EQ(html.find("before close"), std::string::npos);
}

TEST(ReportHtml, PrintsWithoutSplittingTimelineItems) {
  std::string html = render_html(testing::won_report());
  auto print = html.find("@media print{\n.toc");
  ASSERT_NE(print, std::string::npos);
  EXPECT_NE(html.find(".timeline>li,.tells>li", print), std::string::npos);
  EXPECT_NE(html.find("break-inside:avoid", print), std::string::npos);
}

TEST(ReportHtml, ShowsNotesDurationsAndRevisits) {
  auto report = testing::lost_report();
  report.stages[1].visit = 2;
  std::string html = render_html(report);
  EXPECT_NE(html.find("<h3>About the data</h3>"), std::string::npos);
  EXPECT_NE(
      html.find("<li>2 e-mails could not be matched to a contact | see &lt;unmatched&gt;</li>"),
      std::string::npos);
  EXPECT_NE(html.find("<span class=\"duration\">45 min</span>"), std::string::npos);
  EXPECT_NE(html.find(">Qualification (visit 2)</a>"), std::string::npos);
  EXPECT_NE(html.find("Proposal: deals lost before it get the short postmortem"),
            std::string::npos);
}

TEST(ReportHtml, WhatMovedTheScoreUsesTheAnalysisAccount) {
  auto report = testing::won_report();
  auto& point = report.health[5];
  point.change = -40;
  point.changes = {{"a contact left the buyer's company", -40, {"email-1"}, "contacts"}};
  std::string html = render_html(report);
  auto moved = html.substr(html.find("What moved the score"));
  EXPECT_NE(moved.find("a contact left the buyer&#39;s company"), std::string::npos);
  EXPECT_NE(moved.find("<span class=\"delta down\">-40</span>"), std::string::npos);
}

TEST(ReportHtml, EmptyReportStillRenders) {
  PostmortemReport report;
  report.opportunity.name = "Nothing yet";
  std::string html = render_html(report);
  EXPECT_NE(html.find("No health scores yet"), std::string::npos);
  EXPECT_NE(html.find("No stage history recorded."), std::string::npos);
  EXPECT_NE(html.find("No interactions or changes recorded."), std::string::npos);
  EXPECT_NE(html.find("</html>"), std::string::npos);
}

TEST(ReportIndexHtml, ListsReportsEscapedAndLinkedRelatively) {
  auto won = make_index_entry(testing::won_report(), "won deal #1.html");
  auto lost = make_index_entry(testing::lost_report(), "javascript:alert(1)");
  lost.name = "<script>alert(1)</script>";
  std::string html = render_index_html({won, lost}, TimeZone{});
  EXPECT_EQ(lower(html).find("<script"), std::string::npos);
  EXPECT_NE(html.find("href=\"won%20deal%20%231.html\""), std::string::npos);
  EXPECT_NE(html.find("href=\"javascript%3Aalert%281%29\""), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Acme | Europe"), std::string::npos);
  EXPECT_NE(html.find("USD 120,000"), std::string::npos);
  EXPECT_NE(html.find("2 deals: 1 won, 1 lost, 0 open."), std::string::npos);
  EXPECT_EQ(attribute_values(html, "href").size(), 2u);
  EXPECT_TRUE(attribute_values(html, "src").empty());
}

TEST(ReportIndexHtml, AbsolutePathsStayRelative) {
  auto entry = make_index_entry(testing::won_report(), "//example.com/x.html");
  std::string html = render_index_html({entry}, TimeZone{});
  EXPECT_NE(html.find("href=\".//example.com/x.html\""), std::string::npos);
}

TEST(ReportIndexHtml, EntryCarriesWhatTheTableShows) {
  auto entry = make_index_entry(testing::lost_report(), "lost.html");
  EXPECT_EQ(entry.file, "lost.html");
  EXPECT_EQ(entry.opportunity_id, "006Globex01");
  EXPECT_EQ(entry.name, testing::kLostDealName);
  EXPECT_EQ(entry.account, "Globex #1 GmbH");
  EXPECT_EQ(entry.outcome, Outcome::lost);
  EXPECT_EQ(entry.level, ReportLevel::short_form);
  EXPECT_EQ(entry.closed_on, Date{std::chrono::year{2024} / 5 / 6});
}

}  // namespace
}  // namespace rearview
