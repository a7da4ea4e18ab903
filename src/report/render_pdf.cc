// The report as an A4 PDF (cairo + Pango): the same sections as the HTML
// page, with the health chart drawn by cairo and internal links from
// findings to their timeline items.
#include <cairo-pdf.h>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "escape.h"
#include "rearview/core/number_text.h"
#include "pdf_document.h"
#include "rearview/report/output.h"
#include "rearview/report/render.h"
#include "report_model.h"
#include "text_format.h"

namespace rearview {
namespace {

using namespace report;

std::string hex(Color color) {
  auto channel = [](double value) { return static_cast<int>(std::lround(value * 255)); };
  return fmt::format("#{:02x}{:02x}{:02x}", channel(color.red), channel(color.green),
                     channel(color.blue));
}

std::string colored(std::string_view markup, Color color) {
  return fmt::format("<span foreground=\"{}\">{}</span>", hex(color), markup);
}

std::string upper(std::string_view text) {
  std::string result(text);
  for (char& c : result)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return result;
}

Color direction_color(std::string_view direction) {
  if (direction == "inbound") return colors::kWon;
  if (direction == "outbound") return colors::kAccent;
  return colors::kMuted;
}

// The health chart's frame on the page, in points.
struct ChartFrame {
  double left = 0;
  double right = 0;
  double top = 0;     // of the plot; stage labels sit above it
  double bottom = 0;  // of the plot; tells and dates sit below it
  double x(double unit) const { return left + unit * (right - left); }
  double y(double score) const { return bottom - score / 100 * (bottom - top); }
};

constexpr std::size_t kMaxPdfBodyBytes = 100'000;
// The footer has one line beside the page number.
constexpr std::size_t kMaxFooterName = 80;

std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

constexpr double kChartHeight = 206;
constexpr double kLabelRowHeight = 11;
constexpr double kLabelCharacterWidth = 4.1;  // of Style::label, on average

class PdfReport {
 public:
  PdfReport(const PostmortemReport& report, PdfDocument& document)
      : report_(report), index_(report), document_(document) {}

  void write() {
    write_masthead();
    write_facts();
    write_notes();
    write_health();
    write_stages();
    write_tells();
    write_timeline();
    for (const auto& section : closing_sections(report_)) write_closing(section);
  }

 private:
  void heading(std::string_view title, std::string_view anchor) {
    document_.keep(70);
    document_.advance(16);
    document_.begin_destination(anchor);
    document_.plain(title, Style::heading);
    document_.end_destination();
    document_.add_outline(title, anchor);
    document_.advance(6);
  }

  void subheading(std::string_view title) {
    document_.keep(64);
    document_.advance(10);
    document_.plain(title, Style::subheading);
    document_.advance(4);
  }

  void write_masthead() {
    const auto& opportunity = report_.opportunity;
    document_.begin_destination("summary");
    document_.plain(fmt::format("{} · {}", upper(level_label(report_.level)),
                                upper(outcome_label(opportunity.outcome))),
                    Style::label);
    document_.end_destination();
    document_.add_outline("Summary", "summary");
    document_.advance(3);
    document_.plain(opportunity.name, Style::title);
    document_.advance(2);
    document_.plain(
        fmt::format("{} · {} · owner {}", report_.account_name,
                    display_amount(opportunity.amount, opportunity.currency), report_.owner_name),
        Style::small);
    document_.plain(fmt::format("Compiled {} · {}", display_time(report_.as_of, report_.time_zone),
                                times_in(report_.time_zone)),
                    Style::small);
    document_.advance(12);
  }

  double fact_height(const Fact& fact, double width) const {
    return document_.measure(pango_escape(fact.label), Style::label, width) + 2 +
           document_.measure(pango_escape(fact.value), Style::body, width);
  }

  void place_fact(const Fact& fact, double x, double width) const {
    double y = document_.y();
    document_.place(pango_escape(upper(fact.label)), Style::label, x, y, width, Align::left);
    double label = document_.measure(pango_escape(fact.label), Style::label, width);
    document_.place(pango_escape(fact.value), Style::body, x, y + label + 2, width, Align::left);
  }

  // Two columns of label-over-value pairs.
  void write_notes() {
    if (report_.notes.empty()) return;
    document_.keep(40);
    document_.advance(4);
    document_.paragraph(colored("ABOUT THE DATA", colors::kWarn), Style::label);
    for (const auto& note : report_.notes) document_.plain("• " + note, Style::small);
  }

  void write_facts() {
    auto facts = summary_facts(report_);
    constexpr double kGap = 24;
    double column = (document_.width() - kGap) / 2;
    for (std::size_t i = 0; i < facts.size(); i += 2) {
      double height = fact_height(facts[i], column);
      if (i + 1 < facts.size()) height = std::max(height, fact_height(facts[i + 1], column));
      document_.keep(height);
      place_fact(facts[i], document_.left(), column);
      if (i + 1 < facts.size()) place_fact(facts[i + 1], document_.left() + column + kGap, column);
      document_.advance(height + 8);
    }
  }

  void write_evidence_links(const std::vector<Id>& evidence, double indent) {
    for (const auto& id : evidence) {
      const auto* item = index_.find(id);
      document_.keep(12);
      if (!item) {
        document_.plain(fmt::format("→ {} (not in the timeline)", id), Style::small, indent);
        continue;
      }
      document_.begin_link(anchor_name("item-", id));
      document_.paragraph(
          colored(pango_escape("→ " + evidence_label(*item, report_.time_zone)), colors::kAccent),
          Style::small, indent);
      document_.end_link();
    }
  }

  // Brief links side by side, wrapping like words: a reason often cites
  // several items.
  void write_evidence_chips(const std::vector<Id>& evidence, double indent) {
    if (evidence.empty()) return;
    constexpr double kLineHeight = 11;
    constexpr double kGap = 8;
    double start = document_.left() + indent;
    double x = start;
    document_.keep(kLineHeight);
    for (const auto& id : evidence) {
      const auto* item = index_.find(id);
      std::string markup =
          item ? colored(pango_escape("→ " + evidence_short_label(*item, report_.time_zone)),
                         colors::kAccent)
               : pango_escape("→ " + id + " (not in the timeline)");
      double width = document_.natural_width(markup, Style::small);
      if (x > start && x + width > document_.left() + document_.width()) {
        document_.advance(kLineHeight);
        document_.keep(kLineHeight);
        x = start;
      }
      if (item) document_.begin_link(anchor_name("item-", id));
      document_.place(markup, Style::small, x, document_.y(), width + 1, Align::left);
      if (item) document_.end_link();
      x += width + kGap;
    }
    document_.advance(kLineHeight);
  }

  void write_reasons(const std::vector<const HealthReason*>& reasons, double indent) {
    for (const auto* reason : reasons) {
      document_.paragraph(fmt::format("• {} {}", pango_escape(reason->text),
                                      colored(display_effect(reason->effect), colors::kMuted)),
                          Style::body, indent);
      write_evidence_chips(reason->evidence, indent + 9);
    }
  }

  void write_health() {
    heading("Health over time", "health");
    if (!report_.health.empty()) {
      const auto& latest = report_.health.back();
      document_.paragraph(
          fmt::format("Health {}: <b>{}</b> of 100 {}", report_.closed_at ? "at the close" : "now",
                      display_score(latest.score),
                      colored("· model: " + pango_escape(report_.health_model), colors::kMuted)),
          Style::body);
      document_.advance(3);
      write_reasons(strongest_reasons(latest.reasons, 0, latest.reasons.size()), 0);
      document_.advance(8);
    }
    write_chart();
    subheading("Cycle against won deals");
    write_cycle_bars();
    write_notable_changes();
  }

  void draw_grid(const ChartFrame& frame) const {
    cairo_t* cairo = document_.cairo();
    cairo_set_line_width(cairo, 0.5);
    for (int score = 0; score <= 100; score += 25) {
      document_.set_color(colors::kLine);
      cairo_move_to(cairo, frame.left, frame.y(score));
      cairo_line_to(cairo, frame.right, frame.y(score));
      cairo_stroke(cairo);
      document_.place(std::to_string(score), Style::small, document_.left(), frame.y(score) - 5,
                      frame.left - document_.left() - 5, Align::right);
    }
  }

  void draw_score(const ChartFrame& frame, const HealthChart& chart) const {
    cairo_t* cairo = document_.cairo();
    const auto& points = chart.points;
    cairo_move_to(cairo, frame.x(points.front().x), frame.bottom);
    for (const auto& point : points) cairo_line_to(cairo, frame.x(point.x), frame.y(point.score));
    cairo_line_to(cairo, frame.x(points.back().x), frame.bottom);
    cairo_close_path(cairo);
    cairo_set_source_rgba(cairo, colors::kAccent.red, colors::kAccent.green, colors::kAccent.blue,
                          0.09);
    cairo_fill(cairo);
    cairo_new_path(cairo);
    for (const auto& point : points) cairo_line_to(cairo, frame.x(point.x), frame.y(point.score));
    document_.set_color(colors::kAccent);
    cairo_set_line_width(cairo, 1.6);
    cairo_set_line_join(cairo, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cairo);
    for (const auto& point : points) {
      if (!point.trigger) continue;
      document_.begin_link(anchor_name("item-", point.trigger->id));
      cairo_arc(cairo, frame.x(point.x), frame.y(point.score), 2.6, 0, 2 * std::numbers::pi);
      document_.set_color({1, 1, 1});
      cairo_fill_preserve(cairo);
      document_.set_color(colors::kAccent);
      cairo_set_line_width(cairo, 1.2);
      cairo_stroke(cairo);
      document_.end_link();
    }
  }

  double label_top(const ChartFrame& frame, const ChartMarker& marker) const {
    int row = marker.label_row == kNoLabelRow ? 0 : marker.label_row;
    return frame.top - (kChartLabelRows - row) * kLabelRowHeight - 4;
  }

  void draw_stage_line(const ChartFrame& frame, const ChartMarker& marker) const {
    cairo_t* cairo = document_.cairo();
    double x = frame.x(marker.x);
    const double dashes[] = {3, 2};
    cairo_set_dash(cairo, dashes, 2, 0);
    cairo_set_line_width(cairo, 0.6);
    document_.set_color(colors::kFaint);
    cairo_move_to(cairo, x, label_top(frame, marker) + kLabelRowHeight - 1);
    cairo_line_to(cairo, x, frame.bottom);
    cairo_stroke(cairo);
    cairo_set_dash(cairo, nullptr, 0, 0);
  }

  // On a white ground, drawn after every line, so lines of earlier stages
  // that cross a lower label row do not strike through it.
  void draw_stage_label(const ChartFrame& frame, const ChartMarker& marker) const {
    if (marker.label_row == kNoLabelRow) return;
    std::string label = pango_escape(marker.label);
    double width = document_.natural_width(label, Style::label) + 1;
    double x = frame.x(marker.x);
    double left = marker.label_before ? x - 3 - width : x + 3;
    double top = label_top(frame, marker);
    document_.fill_rectangle(left - 1, top, width + 2, kLabelRowHeight - 1, {1, 1, 1});
    if (marker.item) document_.begin_link(anchor_name("item-", marker.item->id));
    document_.place(label, Style::label, left, top, width,
                    marker.label_before ? Align::right : Align::left);
    if (marker.item) document_.end_link();
  }

  void draw_stage_markers(const ChartFrame& frame, const HealthChart& chart) const {
    cairo_t* cairo = document_.cairo();
    for (const auto& marker : chart.stages) draw_stage_line(frame, marker);
    for (const auto& marker : chart.stages) draw_stage_label(frame, marker);
    if (!chart.close) return;
    Color color = report_.opportunity.outcome == Outcome::won ? colors::kWon : colors::kLost;
    if (chart.close->item) document_.begin_link(anchor_name("item-", chart.close->item->id));
    document_.set_color(color);
    cairo_set_line_width(cairo, 1.4);
    cairo_move_to(cairo, frame.x(chart.close->x), frame.top);
    cairo_line_to(cairo, frame.x(chart.close->x), frame.bottom);
    cairo_stroke(cairo);
    if (chart.close->item) document_.end_link();
  }

  void draw_tells(const ChartFrame& frame, const HealthChart& chart) const {
    if (chart.tells.empty()) return;
    cairo_t* cairo = document_.cairo();
    double top = frame.bottom + 6;
    document_.fill_rectangle(frame.left, top - 2, frame.right - frame.left, 11, colors::kWash);
    for (const auto& marker : chart.tells) {
      document_.begin_link(fmt::format("tell-{}", marker.tell + 1));
      double x = frame.x(marker.x);
      cairo_move_to(cairo, x, top);
      cairo_line_to(cairo, x + 4, top + 7);
      cairo_line_to(cairo, x - 4, top + 7);
      cairo_close_path(cairo);
      document_.set_color(colors::kWarn);
      cairo_fill(cairo);
      document_.end_link();
    }
  }

  void draw_axis(const ChartFrame& frame, const HealthChart& chart) const {
    double y = frame.bottom + 20;
    for (std::size_t i = 0; i < chart.ticks.size(); ++i) {
      const auto& tick = chart.ticks[i];
      constexpr double kWidth = 70;
      double x = frame.x(tick.x);
      Align align = i == 0                        ? Align::left
                    : i + 1 == chart.ticks.size() ? Align::right
                                                  : Align::center;
      double start = align == Align::left ? x : align == Align::right ? x - kWidth : x - kWidth / 2;
      document_.place(tick.label, Style::small, start, y, kWidth, align);
    }
  }

  void write_chart() {
    document_.keep(kChartHeight);
    ChartFrame frame{document_.left() + 24, document_.left() + document_.width(),
                     document_.y() + kChartLabelRows * kLabelRowHeight + 8,
                     document_.y() + kChartHeight - 42};
    auto chart = health_chart(report_, index_, (frame.right - frame.left) / kLabelCharacterWidth);
    draw_grid(frame);
    draw_stage_markers(frame, chart);
    if (chart.points.empty())
      document_.place("No health scores yet", Style::body, frame.left,
                      (frame.top + frame.bottom) / 2, frame.right - frame.left, Align::center);
    else
      draw_score(frame, chart);
    draw_tells(frame, chart);
    draw_axis(frame, chart);
    document_.advance(kChartHeight);
  }

  // A bar on a track of `width` points, scaled to `scale` days.
  void draw_bar(double x, double y, double width, double days, double scale, Color color) const {
    document_.fill_rectangle(x, y, width, 8, colors::kWash);
    document_.fill_rectangle(x, y, width * bar_share(days, scale), 8, color);
  }

  void write_cycle_bars() {
    auto bars = cycle_bars(report_);
    double scale = bar_scale(bars);
    constexpr double kLabelWidth = 110;
    constexpr double kValueWidth = 60;
    double track = document_.width() - kLabelWidth - kValueWidth - 16;
    for (const auto& bar : bars) {
      document_.keep(14);
      double y = document_.y();
      document_.place(pango_escape(bar.label), Style::small, document_.left(), y, kLabelWidth,
                      Align::left);
      draw_bar(document_.left() + kLabelWidth + 8, y + 2, track, bar.days, scale,
               bar.this_deal ? colors::kAccent : colors::kBar);
      document_.place(display_days(bar.days), Style::small,
                      document_.left() + document_.width() - kValueWidth, y, kValueWidth,
                      Align::right);
      document_.advance(14);
    }
    document_.advance(3);
    document_.plain(cycle_sentence(report_) + ".", Style::small);
  }

  void write_notable_changes() {
    auto changes = notable_health_changes(report_);
    if (changes.empty()) return;
    subheading("What moved the score");
    for (const auto& change : changes) {
      document_.keep(28);
      document_.paragraph(
          fmt::format("{}   <b>{}</b> {}", display_time(change.point->at, report_.time_zone),
                      display_score(change.point->score),
                      colored(display_effect(change.change),
                              change.change < 0 ? colors::kLost : colors::kWon)),
          Style::small_strong);
      write_reasons(change_reasons(*change.point, kReasonsPerChange), 10);
      document_.advance(4);
    }
  }

  void draw_stage_bar(const StageStay& stay, double scale) const {
    double x = document_.left();
    double y = document_.y();
    double width = document_.width();
    auto at = [&](double days) { return x + width * bar_share(days, scale); };
    document_.fill_rectangle(x, y, width, 8, colors::kWash);
    if (stay.won)
      document_.fill_rectangle(at(stay.won->p25_days), y,
                               at(stay.won->p75_days) - at(stay.won->p25_days), 8, colors::kBand);
    bool longer = stage_verdict(stay) == StageVerdict::longer;
    document_.fill_rectangle(x, y + 1.5, at(stay.days) - x, 5,
                             longer ? colors::kWarn : colors::kAccent);
    if (stay.won)
      document_.fill_rectangle(at(stay.won->median_days) - 0.75, y - 1, 1.5, 10, colors::kInk);
  }

  void write_milestone(const MilestoneView& milestone) {
    if (!milestone.attained_at) {
      document_.paragraph(fmt::format("○  {} {}", pango_escape(milestone.label),
                                      colored("not attained", colors::kFaint)),
                          Style::small, 8);
      return;
    }
    std::string value(milestone_value(milestone));
    std::string markup = fmt::format("{}  {}{} {}", colored("✓", colors::kWon),
                                     colored(pango_escape(milestone.label), colors::kInk),
                                     value.empty() ? "" : " <b>" + pango_escape(value) + "</b>",
                                     pango_escape(milestone_details(milestone, report_.time_zone)));
    const auto* item = index_.milestone(milestone);
    if (item) document_.begin_link(anchor_name("item-", item->id));
    document_.paragraph(markup, Style::small, 8);
    if (item) document_.end_link();
  }

  void write_stage_head(const StageStay& stay) {
    double name_width = document_.width() * 0.45;
    std::string name = pango_escape(stay_title(stay));
    std::string when =
        is_closing_stay(report_, stay)
            ? "closed " + display_time(stay.entered_at, report_.time_zone)
            : fmt::format("{} → {}", display_time(stay.entered_at, report_.time_zone),
                          stay_end(report_, stay));
    double y = document_.y();
    const auto* item = index_.stage_entry(stay);
    if (item) document_.begin_link(anchor_name("item-", item->id));
    document_.place(name, Style::strong, document_.left(), y, name_width, Align::left);
    if (item) document_.end_link();
    document_.place(when, Style::small, document_.left() + name_width, y + 1,
                    document_.width() - name_width, Align::right);
    document_.advance(document_.measure(name, Style::strong, name_width) + 3);
  }

  void write_stage(const StageStay& stay, double scale) {
    document_.keep(48);
    write_stage_head(stay);
    if (!is_closing_stay(report_, stay)) write_stage_numbers(stay, scale);
    for (const auto& milestone : stay.milestones) write_milestone(milestone);
    document_.advance(9);
  }

  void write_stage_numbers(const StageStay& stay, double scale) {
    draw_stage_bar(stay, scale);
    document_.advance(12);
    std::string numbers = fmt::format("<b>{}</b> in this stage", display_days(stay.days));
    if (stay.won) numbers += " · " + pango_escape(stage_comparison(stay));
    auto verdict = stage_verdict(stay);
    if (verdict != StageVerdict::no_data)
      numbers += " · " + colored(std::string(stage_verdict_text(verdict)),
                                 verdict == StageVerdict::longer ? colors::kWarn : colors::kMuted);
    document_.paragraph(numbers, Style::small);
  }

  void write_stages() {
    heading("Stages and milestones", "stages");
    if (report_.stages.empty()) return document_.plain("No stage history recorded.", Style::body);
    document_.plain(
        "Time in each stage against won deals: the shaded band is the middle half of "
        "won deals, the dark tick their median.",
        Style::small);
    document_.advance(8);
    double scale = stage_scale(report_);
    for (const auto& stay : report_.stages) write_stage(stay, scale);
  }

  void write_tell(const Tell& tell, std::size_t number) {
    document_.keep(52);
    std::string status = upper(tell_status(report_, tell));
    document_.begin_destination(fmt::format("tell-{}", number));
    document_.paragraph(
        fmt::format("{}  {}", pango_escape(tell_label(tell.kind)),
                    colored(status, is_active(tell) ? colors::kWarn : colors::kMuted)),
        Style::strong);
    document_.end_destination();
    document_.plain(tell.description, Style::body);
    document_.plain(tell_timing(tell, report_.time_zone), Style::small);
    write_evidence_links(tell.evidence, 0);
    document_.advance(9);
  }

  void write_tells() {
    heading(tells_heading(report_), "tells");
    if (report_.tells.empty()) return document_.plain("No warning signs fired.", Style::body);
    for (std::size_t i : tell_order(report_)) write_tell(report_.tells[i], i + 1);
  }

  void write_item_head(const TimelineItem& item) {
    std::string head = fmt::format("{}   {}", display_time(item.at, report_.time_zone),
                                   pango_escape(upper(item_kind_label(item.kind))));
    if (item.duration_seconds) head += " · " + display_duration(*item.duration_seconds);
    if (item.talk) head += " · " + pango_escape(display_talk(*item.talk));
    if (!item.direction.empty())
      head += " · " + colored(pango_escape(upper(direction_label(item.direction))),
                              direction_color(item.direction));
    if (!item.stage.empty()) head += colored(" · in " + pango_escape(item.stage), colors::kMuted);
    document_.begin_destination(anchor_name("item-", item.id));
    document_.paragraph(head, Style::small_strong);
    document_.end_destination();
  }

  void write_item(const TimelineItem& item) {
    document_.keep(58);
    write_item_head(item);
    auto text = item_text(item);
    if (!text.heading.empty()) document_.plain(text.heading, Style::strong);
    if (!item.participants.empty()) document_.plain(join(item.participants, " · "), Style::small);
    if (!text.summary.empty()) document_.plain(text.summary, Style::body);
    if (item.origin) document_.plain(origin_text(*item.origin), Style::small);
    for (const auto& line : hit_lines(item.tracker_hits))
      document_.plain("Tracked: " + display_hit_line(line), Style::small);
    if (!item.body.empty()) write_body(item.body);
    document_.advance(6);
    document_.fill_rectangle(document_.left(), document_.y(), document_.width(), 0.5,
                             colors::kLine);
    document_.advance(7);
  }

  // A body past kMaxPdfBodyBytes is cut, with a note: a PDF of thousands of
  // pages helps nobody, and the HTML and JSON reports hold all of it.
  void write_body(std::string_view body) {
    document_.advance(3);
    std::size_t end = piece_end(body, kMaxPdfBodyBytes);
    document_.long_text(body.substr(0, end), Style::email, 12, true);
    if (end == body.size()) return;
    document_.advance(3);
    document_.plain(fmt::format("[The text is cut here, after {} of its {} characters. The HTML "
                                "and JSON reports hold all of it.]",
                                grouped_amount(double(character_count(body.substr(0, end)))),
                                grouped_amount(double(character_count(body)))),
                    Style::small, 12);
  }

  void write_timeline() {
    heading("Timeline", "timeline");
    if (report_.timeline.empty())
      return document_.plain("No interactions or changes recorded.", Style::body);
    for (const auto& item : report_.timeline) write_item(item);
  }

  void write_closing(const ClosingSection& section) {
    heading(section.title, section.id);
    document_.plain(section.text, Style::body);
    for (std::size_t i = 0; i < section.items.size(); ++i)
      document_.plain(section.placeholder ? fmt::format("{}. {}", i + 1, section.items[i])
                                          : "\u2022 " + section.items[i],
                      Style::body, 12);
  }

  const PostmortemReport& report_;
  TimelineIndex index_;
  PdfDocument& document_;
};

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void set_metadata(cairo_surface_t* surface, const PostmortemReport& report) {
  std::string title = valid_utf8("Postmortem: " + shortened(report.opportunity.name, kMaxFooterName));
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "rearview");
  // The compile time, not the wall clock: the same report gives the same file.
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                 format_timestamp(report.as_of).c_str());
}

Result<std::string> make_pdf(const PostmortemReport& report) {
  std::string pdf;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(
      append_to_string, &pdf, PdfDocument::kPageWidth, PdfDocument::kPageHeight);
  set_metadata(surface, report);
  {
    PdfDocument document(surface, pango_escape("rearview · Postmortem: " +
                                               shortened(report.opportunity.name, kMaxFooterName)));
    PdfReport(report, document).write();
    document.finish();
  }
  cairo_surface_finish(surface);
  cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS)
    return fail(ErrorCode::io,
                fmt::format("cannot make the PDF: {}", cairo_status_to_string(status)));
  return pdf;
}

}  // namespace

Result<std::string> render_pdf(const PostmortemReport& report) { return make_pdf(report); }

Result<void> write_pdf(const PostmortemReport& report, const std::filesystem::path& out,
                       Durability durability) {
  auto pdf = make_pdf(report);
  if (!pdf) return std::unexpected(pdf.error());
  return write_file_atomically(out, *pdf, durability);
}

}  // namespace rearview
