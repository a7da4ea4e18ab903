// Rendering postmortem reports: JSON for programs, Markdown for terminals and
// Git, one self-contained HTML file for browsers and printing, PDF for
// sending around, and an HTML index of many reports. Pure functions of the
// report.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/error.h"
#include "rearview/core/model.h"
#include "rearview/report/output.h"

namespace rearview {

// The whole report as JSON, as docs/report.schema.json describes it. Times
// are ISO-8601 UTC ("2024-01-10T15:04:05Z"), absent values null.
std::string render_json(const PostmortemReport& report);

// GitHub-flavoured Markdown. Text that came from outside (names, subjects,
// bodies) is escaped so it cannot change the document's structure.
std::string render_markdown(const PostmortemReport& report);

// One self-contained HTML file: inline CSS and SVG, no script, nothing
// loaded from the network. Everything that came from outside is escaped.
std::string render_html(const PostmortemReport& report);

// The same report's sections without the document around them, for a page
// of the web app (which sends its own head, style sheet and policy): each
// timeline item's full text folds out when clicked.
std::string render_html_sections(const PostmortemReport& report);
// The style sheet render_html inlines, for pages that link to it.
std::string report_stylesheet();
// A tell's kind in words ("Buyer went quiet").
std::string tell_title(std::string_view kind);
// Text that came from outside, escaped for HTML text and quoted attributes.
std::string escape_html(std::string_view text);

// An A4 PDF document, whole (its bytes).
Result<std::string> render_pdf(const PostmortemReport& report);
// The PDF written to `out` once it is complete, so a failed render never
// leaves a truncated file behind.
Result<void> write_pdf(const PostmortemReport& report, const std::filesystem::path& out,
                       Durability durability = Durability::synced);

// One row of the index of many reports (`report --all`).
struct IndexEntry {
  std::string file;  // the report's HTML file, relative to the index
  Id opportunity_id;
  std::string name;
  std::string account;
  std::string owner;
  Outcome outcome = Outcome::open;
  std::optional<double> amount;
  std::string currency;
  std::optional<Date> closed_on;  // the date it closed, in the report's zone
  ReportLevel level = ReportLevel::full;
  std::optional<double> cycle_days;  // as in the report: none when not measured
  std::string furthest_stage;
};

IndexEntry make_index_entry(const PostmortemReport& report, std::string file);

// A self-contained HTML page with a table of the reports, in the given order.
// `zone` is the one the entries' dates are in, named on the page.
std::string render_index_html(const std::vector<IndexEntry>& entries, const TimeZone& zone);

}  // namespace rearview
