// The report as GitHub-flavoured Markdown, readable as plain text in a
// terminal too. Everything that came from outside goes through markdown(...)
// (one escaped line) or a fenced block long enough for its content.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>

#include "escape.h"
#include "rearview/report/render.h"
#include "report_model.h"
#include "text_format.h"

namespace rearview {
namespace {

using namespace report;

constexpr int kSparklineWidth = 60;
constexpr int kBarWidth = 40;
constexpr std::array<std::string_view, 8> kSparkLevels{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};

class MarkdownReport {
 public:
  MarkdownReport(const PostmortemReport& report, std::string& out)
      : report_(report), index_(report), out_(out) {}

  void write() {
    write_title();
    write_summary();
    write_health();
    write_stages();
    write_tells();
    write_timeline();
    for (const auto& section : closing_sections(report_)) write_closing(section);
    put("---\n\nCompiled by rearview on {} from opportunity {}.\n",
        display_time(report_.as_of, report_.time_zone), markdown(report_.opportunity.id));
  }

 private:
  template <typename... Args>
  void put(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
  }

  // `label` names an item: evidence_label in full, evidence_short_label briefly.
  std::string evidence_text(const std::vector<Id>& evidence,
                            std::string (*label)(const TimelineItem&, const TimeZone&)) const {
    std::string text;
    for (const auto& id : evidence) {
      if (!text.empty()) text += "; ";
      const auto* item = index_.find(id);
      text += item ? label(*item, report_.time_zone) : id + " (not in the timeline)";
    }
    return text;
  }

  void write_title() {
    put("# Postmortem: {}\n\n**{} · {}** · compiled {} · {}\n\n",
        markdown(report_.opportunity.name), level_label(report_.level),
        outcome_label(report_.opportunity.outcome), display_time(report_.as_of, report_.time_zone),
        times_in(report_.time_zone));
  }

  void write_summary() {
    put("| Fact | Value |\n| --- | --- |\n");
    for (const auto& fact : summary_facts(report_))
      put("| {} | {} |\n", fact.label, markdown(fact.value));
    put("\n");
    if (report_.notes.empty()) return;
    put("> **About the data**\n>\n");
    for (const auto& note : report_.notes) put("> - {}\n", markdown(note));
    put("\n");
  }

  void write_reasons(const std::vector<HealthReason>& reasons) {
    for (const auto* reason : strongest_reasons(reasons, 0, reasons.size())) {
      put("- {} ({})", markdown(reason->text), display_effect(reason->effect));
      if (!reason->evidence.empty())
        put(". Evidence: {}", markdown(evidence_text(reason->evidence, evidence_short_label)));
      put("\n");
    }
    if (!reasons.empty()) put("\n");
  }

  // The score sampled across the deal's life: the last score at each step.
  std::string sparkline(const HealthChart& chart) const {
    std::string line;
    std::size_t next = 0;
    const ChartPoint* current = nullptr;
    for (int step = 0; step < kSparklineWidth; ++step) {
      double x = (step + 1.0) / kSparklineWidth;
      while (next < chart.points.size() && chart.points[next].x <= x)
        current = &chart.points[next++];
      if (!current) {
        line += ' ';
        continue;
      }
      auto level = static_cast<std::size_t>(std::clamp(current->score / 100 * 8, 0.0, 7.0));
      line += kSparkLevels[level];
    }
    return line;
  }

  void write_health() {
    put("## Health over time\n\n");
    if (report_.health.empty()) {
      put("No health scores yet.\n\n");
    } else {
      put("Health {}: **{}** of 100 (model: {})\n\n", report_.closed_at ? "at the close" : "now",
          display_score(report_.health.back().score), markdown(report_.health_model));
      write_reasons(report_.health.back().reasons);
      auto chart = health_chart(report_, index_, kSparklineWidth);
      put("```text\n{}\n{:<{}}{}\n```\n\n", sparkline(chart), chart.ticks.front().label,
          kSparklineWidth - chart.ticks.back().label.size(), chart.ticks.back().label);
    }
    write_cycle();
    write_notable_changes();
  }

  void write_cycle() {
    put("### Cycle against won deals\n\n");
    write_cycle_bars(cycle_bars(report_));
    put("{}.\n\n", markdown(cycle_sentence(report_)));
  }

  void write_cycle_bars(const std::vector<CycleBar>& bars) {
    if (bars.empty()) return;  // no cycle and no won deals: the sentence says so
    double scale = bar_scale(bars);
    put("```text\n");
    for (const auto& bar : bars) {
      auto cells = static_cast<std::size_t>(std::lround(bar_share(bar.days, scale) * kBarWidth));
      std::string drawn;
      for (std::size_t i = 0; i < cells; ++i) drawn += "█";
      put("{:<18} {:>10}  {}\n", bar.label, display_days(bar.days), drawn);
    }
    put("```\n\n");
  }

  std::string reasons_cell(const HealthChange& change) const {
    std::vector<std::string> parts;
    for (const auto* reason : change_reasons(*change.point, kReasonsPerChange)) {
      std::string part = fmt::format("{} ({})", reason->text, display_effect(reason->effect));
      if (!reason->evidence.empty())
        part += ", evidence: " + evidence_text(reason->evidence, evidence_short_label);
      parts.push_back(std::move(part));
    }
    return join(parts, "; ");
  }

  void write_notable_changes() {
    auto changes = notable_health_changes(report_);
    if (changes.empty()) return;
    put("### What moved the score\n\n| When | Score | Change | Why |\n| --- | ---: | ---: | --- "
        "|\n");
    for (const auto& change : changes)
      put("| {} | {} | {} | {} |\n", display_time(change.point->at, report_.time_zone),
          display_score(change.point->score), display_effect(change.change),
          markdown(reasons_cell(change)));
    put("\n");
  }

  void write_stage_row(const StageStay& stay) {
    if (is_closing_stay(report_, stay))
      return put("| {} | {} | closed |  |  |  |\n", markdown(stay.name),
                 display_time(stay.entered_at, report_.time_zone));
    put("| {} | {} | {} | {} | {} | {} |\n", markdown(stay.name),
        display_time(stay.entered_at, report_.time_zone), stay_end(report_, stay),
        display_days(stay.days), markdown(stage_comparison(stay)),
        stage_verdict_text(stage_verdict(stay)));
  }

  void write_milestone(const MilestoneView& milestone) {
    if (!milestone.attained_at) {
      put("  - [ ] {}\n", markdown(milestone.label));
      return;
    }
    put("  - [x] {}", markdown(milestone.label));
    if (!milestone_value(milestone).empty()) put(": **{}**", markdown(milestone_value(milestone)));
    put(" · {}\n", markdown(milestone_details(milestone, report_.time_zone)));
  }

  void write_stages() {
    put("## Stages and milestones\n\n");
    if (report_.stages.empty()) return put("No stage history recorded.\n\n");
    put("| Stage | Entered | Left | In stage | Won deals | Verdict |\n"
        "| --- | --- | --- | ---: | --- | --- |\n");
    for (const auto& stay : report_.stages) write_stage_row(stay);
    put("\n");
    bool any_milestones =
        std::any_of(report_.stages.begin(), report_.stages.end(),
                    [](const StageStay& stay) { return !stay.milestones.empty(); });
    if (!any_milestones) return;
    put("Milestones:\n\n");
    for (const auto& stay : report_.stages) {
      if (stay.milestones.empty()) continue;
      put("- **{}** ({})\n", markdown(stay.name), display_time(stay.entered_at, report_.time_zone));
      for (const auto& milestone : stay.milestones) write_milestone(milestone);
    }
    put("\n");
  }

  void write_tells() {
    put("## {}\n\n", tells_heading(report_));
    if (report_.tells.empty()) return put("No warning signs fired.\n\n");
    for (std::size_t i : tell_order(report_)) {
      const Tell& tell = report_.tells[i];
      put("- **{}** ({}): {}  \n  {}.", markdown(tell_label(tell.kind)), tell_status(report_, tell),
          markdown(tell.description), tell_timing(tell, report_.time_zone));
      if (!tell.evidence.empty())
        put(" Evidence: {}.", markdown(evidence_text(tell.evidence, evidence_label)));
      put("\n");
    }
    put("\n");
  }

  void write_item(const TimelineItem& item, std::size_t number) {
    put("### {}. {} · {}", number, display_time(item.at, report_.time_zone),
        markdown(item_kind_label(item.kind)));
    if (item.duration_seconds) put(" · {}", display_duration(*item.duration_seconds));
    if (item.talk) put(" · {}", markdown(display_talk(*item.talk)));
    if (!item.direction.empty()) put(" · {}", markdown(direction_label(item.direction)));
    put("\n\n");
    if (!item.stage.empty()) put("In {}. ", markdown(item.stage));
    put("Item {}.\n\n", markdown(item.id));
    auto text = item_text(item);
    std::vector<std::string> details;
    if (!text.heading.empty()) details.push_back(fmt::format("**{}**", markdown(text.heading)));
    if (!item.participants.empty())
      details.push_back(fmt::format("Participants: {}", markdown(join(item.participants, "; "))));
    if (!text.summary.empty()) details.push_back(fmt::format("{}", markdown(text.summary)));
    if (item.origin) details.push_back(fmt::format("{}", markdown(origin_text(*item.origin))));
    for (const auto& line : hit_lines(item.tracker_hits))
      details.push_back(fmt::format("Tracked: {}", markdown(display_hit_line(line))));
    // Two trailing spaces break the line without starting a paragraph.
    if (!details.empty()) put("{}\n\n", join(details, "  \n"));
    if (item.body.empty()) return;
    std::string body = printable_text(item.body);
    std::string fence = code_fence(body);
    put("{}text\n{}\n{}\n\n", fence, body, fence);
  }

  void write_timeline() {
    put("## Timeline\n\n");
    if (report_.timeline.empty()) return put("No interactions or changes recorded.\n\n");
    for (std::size_t i = 0; i < report_.timeline.size(); ++i)
      write_item(report_.timeline[i], i + 1);
  }

  void write_closing(const ClosingSection& section) {
    put("## {}\n\n{}\n\n", section.title, markdown(section.text));
    for (std::size_t i = 0; i < section.items.size(); ++i) {
      if (section.placeholder)
        put("{}. {}\n", i + 1, section.items[i]);
      else
        put("- {}\n", markdown(section.items[i]));
    }
    if (!section.items.empty()) put("\n");
  }

  const PostmortemReport& report_;
  TimelineIndex index_;
  std::string& out_;
};

}  // namespace

std::string render_markdown(const PostmortemReport& report) {
  std::string out;
  out.reserve(16 * 1024 + report.timeline.size() * 1024);
  MarkdownReport(report, out).write();
  return out;
}

}  // namespace rearview
