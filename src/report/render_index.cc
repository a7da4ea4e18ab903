// The index page of `report --all`: one row per report, linking to its file.
#include <algorithm>
#include <array>

#include "html_style.h"
#include "html_writer.h"
#include "rearview/report/render.h"
#include "text_format.h"

namespace rearview {
namespace {

using namespace report;

enum class CellKind { link, outcome, text, short_text, number };

struct Column {
  std::string_view header;
  CellKind kind;
  std::string (*text)(const IndexEntry& entry);
};

const std::array<Column, 9> kColumns{{
    {"Opportunity", CellKind::link, [](const IndexEntry& entry) { return entry.name; }},
    {"Account", CellKind::text, [](const IndexEntry& entry) { return entry.account; }},
    {"Owner", CellKind::text, [](const IndexEntry& entry) { return entry.owner; }},
    {"Outcome", CellKind::outcome,
     [](const IndexEntry& entry) { return std::string(outcome_label(entry.outcome)); }},
    {"Amount", CellKind::number,
     [](const IndexEntry& entry) { return display_amount(entry.amount, entry.currency); }},
    {"Closed", CellKind::short_text,
     [](const IndexEntry& entry) {
       return entry.closed_on ? format_date(*entry.closed_on) : std::string("open");
     }},
    {"Furthest stage", CellKind::text,
     [](const IndexEntry& entry) { return entry.furthest_stage; }},
    {"Postmortem", CellKind::short_text,
     [](const IndexEntry& entry) { return std::string(level_name(entry.level)); }},
    {"Cycle", CellKind::number,
     [](const IndexEntry& entry) {
       return entry.cycle_days ? display_days(*entry.cycle_days) : std::string("not measured");
     }},
}};

void write_cell(HtmlWriter& out, const Column& column, const IndexEntry& entry) {
  std::string text = column.text(entry);
  switch (column.kind) {
    case CellKind::link:
      out.write("<td><a href=\"{}\">{}</a></td>", html(url_path(entry.file)), html(text));
      return;
    case CellKind::outcome:
      out.write("<td><span class=\"outcome outcome-{}\">{}</span></td>", to_string(entry.outcome),
                html(text));
      return;
    case CellKind::number:
      out.write("<td class=\"number\">{}</td>", html(text));
      return;
    case CellKind::text:
      out.write("<td>{}</td>", html(text));
      return;
    case CellKind::short_text:
      out.write("<td class=\"nowrap\">{}</td>", html(text));
      return;
  }
}

void write_header(HtmlWriter& out, const std::vector<IndexEntry>& entries, const TimeZone& zone) {
  auto count = [&](Outcome outcome) {
    return std::count_if(entries.begin(), entries.end(),
                         [&](const IndexEntry& entry) { return entry.outcome == outcome; });
  };
  out.write(
      "<header class=\"card\"><p class=\"eyebrow\">rearview</p><h1>Postmortems</h1>"
      "<p class=\"summary\">{} deal{}: {} won, {} lost, {} open. Dates in {}.</p></header>\n",
      entries.size(), entries.size() == 1 ? "" : "s", count(Outcome::won), count(Outcome::lost),
      count(Outcome::open), html(zone.name()));
}

void write_table(HtmlWriter& out, const std::vector<IndexEntry>& entries) {
  out.raw(
      "<section class=\"card\"><div class=\"table-scroll\"><table class=\"reports\">\n"
      "<thead><tr>");
  for (const auto& column : kColumns)
    out.write("<th{}>{}</th>", column.kind == CellKind::number ? " class=\"number\"" : "",
              column.header);
  out.raw("</tr></thead>\n<tbody>\n");
  for (const auto& entry : entries) {
    out.raw("<tr>");
    for (const auto& column : kColumns) write_cell(out, column, entry);
    out.raw("</tr>\n");
  }
  out.raw("</tbody>\n</table></div></section>\n");
}

}  // namespace

IndexEntry make_index_entry(const PostmortemReport& report, std::string file) {
  const auto& opportunity = report.opportunity;
  return IndexEntry{
      .file = std::move(file),
      .opportunity_id = opportunity.id,
      .name = opportunity.name,
      .account = report.account_name,
      .owner = report.owner_name,
      .outcome = opportunity.outcome,
      .amount = opportunity.amount,
      .currency = opportunity.currency,
      .closed_on = report.closed_at ? std::optional(report.time_zone.local_date(*report.closed_at))
                                    : std::nullopt,
      .level = report.level,
      .cycle_days = report.cycle_days,
      .furthest_stage = report.furthest_stage,
  };
}

std::string render_index_html(const std::vector<IndexEntry>& entries, const TimeZone& zone) {
  std::string out;
  out.reserve(8 * 1024 + entries.size() * 640);
  HtmlWriter writer(out);
  writer.begin_document("Postmortems", kIndexCss);
  writer.raw("<div class=\"page\">\n");
  write_header(writer, entries, zone);
  write_table(writer, entries);
  writer.raw("<footer>Compiled by rearview.</footer>\n</div>\n");
  writer.end_document();
  return out;
}

}  // namespace rearview
