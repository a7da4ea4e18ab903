// The report as one self-contained HTML page. Every finding (a tell, a
// reason the score moved, a stage, a milestone) links to the timeline item
// behind it, so a reader can check the evidence instead of trusting it.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "html_chart.h"
#include "html_style.h"
#include "html_writer.h"
#include "rearview/report/render.h"
#include "report_model.h"
#include "text_format.h"

namespace rearview {
namespace {

using namespace report;

double percent(double value, double scale) { return bar_share(value, scale) * 100; }

class HtmlReport {
 public:
  HtmlReport(const PostmortemReport& report, std::string& out, bool embedded = false)
      : report_(report), index_(report), out_(out), embedded_(embedded) {}

  void write() {
    out_.begin_document("Postmortem: " + report_.opportunity.name, kReportCss);
    write_sections();
    out_.end_document();
  }

  void write_sections() {
    out_.raw("<div class=\"page\" id=\"report\">\n");
    write_masthead();
    write_summary();
    write_health();
    write_stages();
    write_tells();
    write_timeline();
    for (const auto& section : closing_sections(report_)) write_closing(section);
    write_footer();
    out_.raw("</div>\n");
  }

 private:
  void begin_section(std::string_view id, std::string_view title) {
    out_.write(
        "<section class=\"card\" id=\"{0}\" aria-labelledby=\"{0}-title\">\n"
        "<h2 id=\"{0}-title\">{1}</h2>\n",
        id, html(title));
  }
  void end_section() { out_.raw("</section>\n"); }

  void write_masthead() {
    const auto& opportunity = report_.opportunity;
    out_.write(
        "<header class=\"card masthead\">\n<div>\n<p class=\"eyebrow\">{} · {}</p>\n"
        "<h1>{}</h1>\n<p class=\"subtitle\">{} · {} · owner {}</p>\n"
        "<p class=\"muted\">{}</p>\n</div>\n"
        "<span class=\"outcome outcome-{}\">{}</span>\n",
        level_label(report_.level), outcome_label(opportunity.outcome), html(opportunity.name),
        html(report_.account_name), html(display_amount(opportunity.amount, opportunity.currency)),
        html(report_.owner_name), html(times_in(report_.time_zone)), to_string(opportunity.outcome),
        outcome_label(opportunity.outcome));
    out_.write(
        "<nav class=\"toc\" aria-label=\"Sections\"><a href=\"#summary\">Summary</a>"
        "<a href=\"#health\">Health</a><a href=\"#stages\">Stages</a>"
        "<a href=\"#tells\">{} ({})</a><a href=\"#timeline\">Timeline ({})</a>",
        report_.closed_at ? "Tells" : "Warnings", report_.tells.size(), report_.timeline.size());
    for (const auto& section : closing_sections(report_))
      out_.write("<a href=\"#{}\">{}</a>", section.id, section.title);
    out_.raw("</nav>\n</header>\n");
  }

  void write_summary() {
    begin_section("summary", "Summary");
    out_.raw("<dl class=\"facts\">\n");
    for (const auto& fact : summary_facts(report_))
      out_.write("<div><dt>{}</dt><dd>{}</dd></div>\n", fact.label, html(fact.value));
    out_.raw("</dl>\n");
    write_notes();
    end_section();
  }

  // Caveats about the data, where the reader weighs the numbers above.
  void write_notes() {
    if (report_.notes.empty()) return;
    out_.raw("<div class=\"notes\"><h3>About the data</h3>\n<ul>\n");
    for (const auto& note : report_.notes) out_.write("<li>{}</li>\n", html(note));
    out_.raw("</ul></div>\n");
  }

  // Brief links ("Email 2024-01-10", the full label as a tooltip): a
  // reason often cites several items.
  void write_evidence_chips(const std::vector<Id>& evidence) {
    if (evidence.empty()) return;
    out_.raw("<span class=\"evidence\">");
    for (const auto& id : evidence) {
      if (const auto* item = index_.find(id))
        out_.write("<a href=\"#item-{}\" title=\"{}\">{}</a>", anchor(id),
                   html(evidence_label(*item, report_.time_zone)),
                   html(evidence_short_label(*item, report_.time_zone)));
      else
        out_.write("<span class=\"missing\">{} (not in the timeline)</span>", html(id));
    }
    out_.raw("</span>");
  }

  void write_evidence_list(const std::vector<Id>& evidence) {
    if (evidence.empty()) return;
    out_.raw("<ul class=\"evidence-list\" aria-label=\"Evidence\">\n");
    for (const auto& id : evidence) {
      if (const auto* item = index_.find(id))
        out_.write("<li><a href=\"#item-{}\">{}</a></li>\n", anchor(id),
                   html(evidence_label(*item, report_.time_zone)));
      else
        out_.write("<li class=\"missing\">{} (not in the timeline)</li>\n", html(id));
    }
    out_.raw("</ul>\n");
  }

  void write_reasons(const std::vector<const HealthReason*>& reasons) {
    if (reasons.empty()) return;
    out_.raw("<ul class=\"reasons\">\n");
    for (const auto* reason : reasons) {
      out_.write("<li>{}<span class=\"effect\">{}</span>", html(reason->text),
                 display_effect(reason->effect));
      write_evidence_chips(reason->evidence);
      out_.raw("</li>\n");
    }
    out_.raw("</ul>\n");
  }

  void write_health() {
    begin_section("health", "Health over time");
    if (!report_.health.empty()) {
      const auto& latest = report_.health.back();
      out_.write(
          "<p class=\"lede\">Health {}: <span class=\"score\">{}</span> of 100 "
          "<span class=\"muted\">· model: {}</span></p>\n",
          report_.closed_at ? "at the close" : "now", display_score(latest.score),
          html(report_.health_model));
      write_reasons(strongest_reasons(latest.reasons, 0, latest.reasons.size()));
    }
    auto chart = health_chart(report_, index_, svg_chart_width_in_characters());
    out_.raw("<figure>\n<div class=\"chart-scroll\">\n");
    write_health_chart_svg(out_, report_, chart);
    out_.raw(
        "</div>\n<figcaption><span><span class=\"key key-line\"></span>Health score, 0–100"
        "</span><span><span class=\"key key-stage\"></span>Stage change</span>"
        "<span><span class=\"key key-event\"></span>Event that moved the score</span>"
        "<span><span class=\"key key-tell\"></span>Tell fired</span></figcaption>\n"
        "</figure>\n");
    write_cycle_bars();
    write_notable_changes();
    end_section();
  }

  void write_cycle_bars() {
    auto bars = cycle_bars(report_);
    double scale = bar_scale(bars);
    out_.raw("<h3 class=\"sub\">Cycle against won deals</h3>\n<div class=\"bars\">\n");
    for (const auto& bar : bars)
      out_.write(
          "<span class=\"label\">{}</span><span class=\"track\"><span class=\"fill{}\" "
          "style=\"width:{:.1f}%\"></span></span><span class=\"value\">{}</span>\n",
          bar.label, bar.this_deal ? " this" : "", percent(bar.days, scale),
          display_days(bar.days));
    out_.write("</div>\n<p class=\"muted\" style=\"margin-top:10px\">{}.</p>\n",
               html(cycle_sentence(report_)));
  }

  void write_notable_changes() {
    auto changes = notable_health_changes(report_);
    if (changes.empty()) return;
    out_.raw("<h3 class=\"sub\">What moved the score</h3>\n<ol class=\"changes\">\n");
    for (const auto& change : changes) {
      out_.write(
          "<li><span class=\"when\">{}</span><span><span class=\"score\">{}</span>"
          "<span class=\"delta {}\">{}</span></span>",
          display_time(change.point->at, report_.time_zone), display_score(change.point->score),
          change.change < 0 ? "down" : "up", display_effect(change.change));
      write_reasons(change_reasons(*change.point, kReasonsPerChange));
      out_.raw("</li>\n");
    }
    out_.raw("</ol>\n");
  }

  void write_stage_bar(const StageStay& stay, double scale, StageVerdict verdict) {
    out_.raw("<div class=\"track stage-bar\">");
    if (stay.won) {
      const auto& won = *stay.won;
      out_.write("<span class=\"band\" style=\"left:{:.1f}%;width:{:.1f}%\"></span>",
                 percent(won.p25_days, scale), percent(won.p75_days - won.p25_days, scale));
    }
    out_.write("<span class=\"fill{}\" style=\"width:{:.1f}%\"></span>",
               verdict == StageVerdict::longer ? " longer" : " this", percent(stay.days, scale));
    if (stay.won)
      out_.write("<span class=\"median\" style=\"left:{:.1f}%\" title=\"won median\"></span>",
                 percent(stay.won->median_days, scale));
    out_.raw("</div>\n");
  }

  void write_milestone(const MilestoneView& milestone) {
    bool attained = milestone.attained_at.has_value();
    out_.write("<li class=\"milestone {}\"><span class=\"mark\" aria-hidden=\"true\">{}</span>",
               attained ? "attained" : "missed", attained ? "✓" : "○");
    const auto* item = index_.milestone(milestone);
    if (item)
      out_.write("<a href=\"#item-{}\">{}</a>", anchor(item->id), html(milestone.label));
    else
      out_.text(milestone.label);
    if (!attained) {
      out_.raw(" <span class=\"meta\">not attained</span></li>\n");
      return;
    }
    if (!milestone_value(milestone).empty())
      out_.write(" <strong>{}</strong>", html(milestone_value(milestone)));
    out_.write(" <span class=\"meta\">{}</span></li>\n",
               html(milestone_details(milestone, report_.time_zone)));
  }

  void write_stage_numbers(const StageStay& stay, double scale) {
    auto verdict = stage_verdict(stay);
    write_stage_bar(stay, scale, verdict);
    out_.write("<p class=\"stage-numbers\"><strong>{}</strong> in this stage",
               display_days(stay.days));
    if (stay.won) out_.write(" · {}", html(stage_comparison(stay)));
    if (verdict != StageVerdict::no_data)
      out_.write(" · <span class=\"verdict-{}\">{}</span>",
                 verdict == StageVerdict::longer ? "longer" : "usual", stage_verdict_text(verdict));
    out_.raw("</p>\n");
  }

  void write_stage(const StageStay& stay, double scale) {
    bool closing = is_closing_stay(report_, stay);
    out_.raw("<li>\n<div class=\"stage-head\"><h3>");
    if (const auto* item = index_.stage_entry(stay))
      out_.write("<a href=\"#item-{}\">{}</a>", anchor(item->id), html(stay_title(stay)));
    else
      out_.text(stay_title(stay));
    if (closing)
      out_.write("</h3><span class=\"stage-when\">closed {}</span></div>\n",
                 display_time(stay.entered_at, report_.time_zone));
    else
      out_.write("</h3><span class=\"stage-when\">{} → {}</span></div>\n",
                 display_time(stay.entered_at, report_.time_zone), stay_end(report_, stay));
    if (!closing) write_stage_numbers(stay, scale);
    if (!stay.milestones.empty()) {
      out_.raw("<ul class=\"milestones\">\n");
      for (const auto& milestone : stay.milestones) write_milestone(milestone);
      out_.raw("</ul>\n");
    }
    out_.raw("</li>\n");
  }

  void write_stages() {
    begin_section("stages", "Stages and milestones");
    if (report_.stages.empty()) {
      out_.raw("<p class=\"placeholder\">No stage history recorded.</p>\n");
      return end_section();
    }
    out_.raw(
        "<p class=\"muted lede\">Time in each stage against won deals: the shaded band is the "
        "middle half of won deals, the dark tick their median.</p>\n<ol class=\"stages\">\n");
    double scale = stage_scale(report_);
    for (const auto& stay : report_.stages) write_stage(stay, scale);
    out_.raw("</ol>\n");
    end_section();
  }

  void write_tell(const Tell& tell, std::size_t number) {
    bool active = is_active(tell);
    out_.write(
        "<li id=\"tell-{}\" class=\"{}\">\n<div class=\"tell-head\"><h3>{}</h3>"
        "<span class=\"badge{}\">{}</span></div>\n<p>{}</p>\n<p class=\"tell-when\">{}</p>\n",
        number, active ? "active" : "cleared", html(tell_label(tell.kind)), active ? " active" : "",
        tell_status(report_, tell), html(tell.description),
        html(tell_timing(tell, report_.time_zone)));
    if (!tell.evidence.empty()) {
      out_.raw("<p class=\"tell-when\">Evidence:</p>\n");
      write_evidence_list(tell.evidence);
    }
    out_.raw("</li>\n");
  }

  void write_tells() {
    begin_section("tells", tells_heading(report_));
    if (report_.tells.empty()) {
      out_.raw("<p class=\"placeholder\">No warning signs fired.</p>\n");
      return end_section();
    }
    out_.raw("<ol class=\"tells\">\n");
    for (std::size_t i : tell_order(report_)) write_tell(report_.tells[i], i + 1);
    out_.raw("</ol>\n");
    end_section();
  }

  void write_item_head(const TimelineItem& item) {
    out_.write(
        "<div class=\"item-head\"><time datetime=\"{}\">{}</time><span class=\"badge\">{}"
        "</span>",
        format_timestamp(item.at), display_time(item.at, report_.time_zone),
        html(item_kind_label(item.kind)));
    if (item.duration_seconds)
      out_.write("<span class=\"duration\">{}</span>", display_duration(*item.duration_seconds));
    if (item.talk) out_.write("<span class=\"talk\">{}</span>", html(display_talk(*item.talk)));
    if (!item.direction.empty())
      out_.write("<span class=\"badge dir-{}\">{}</span>", anchor(item.direction),
                 html(direction_label(item.direction)));
    if (!item.stage.empty())
      out_.write("<span class=\"stage-chip\">in {}</span>", html(item.stage));
    out_.raw("</div>\n");
  }

  void write_hits(const std::vector<TrackerHit>& hits) {
    if (hits.empty()) return;
    out_.raw("<ul class=\"hits\" aria-label=\"Tracked phrases\">");
    for (const auto& line : hit_lines(hits)) {
      out_.write("<li><span class=\"tracker\">{}</span> <span class=\"phrases\">{}</span> "
                 "<q>{}</q>",
                 html(line.tracker), html(line.phrases), html(line.excerpt));
      if (!line.source.empty())
        out_.write(" <span class=\"hit-source\">{}</span>", html(line.source));
      out_.raw("</li>");
    }
    out_.raw("</ul>\n");
  }

  void write_item(const TimelineItem& item) {
    out_.write("<li id=\"item-{}\" class=\"kind-{}\">\n", anchor(item.id), anchor(item.kind));
    write_item_head(item);
    auto text = item_text(item);
    if (!text.heading.empty()) out_.write("<h3 class=\"subject\">{}</h3>\n", html(text.heading));
    if (!text.summary.empty()) out_.write("<p class=\"item-summary\">{}</p>\n", html(text.summary));
    if (!item.participants.empty()) {
      out_.raw("<ul class=\"participants\" aria-label=\"Participants\">");
      for (const auto& participant : item.participants)
        out_.write("<li>{}</li>", html(participant));
      out_.raw("</ul>\n");
    }
    if (item.origin) out_.write("<p class=\"origin\">{}</p>\n", html(origin_text(*item.origin)));
    write_hits(item.tracker_hits);
    write_body(item);
    out_.raw("</li>\n");
  }

  // In the web app a body folds out when its item is clicked: the page stays
  // short on a phone, and the full text is one tap away.
  void write_body(const TimelineItem& item) {
    if (item.body.empty()) return;
    if (!embedded_) {
      out_.write("<div class=\"body\">{}</div>\n", html(item.body));
      return;
    }
    out_.write("<details class=\"fold\"><summary>{}</summary><div class=\"body\">{}</div>"
               "</details>\n",
               body_label(item.kind), html(item.body));
  }

  static std::string_view body_label(std::string_view kind) {
    if (kind == "email") return "The whole e-mail";
    if (kind == "call") return "The call: log and transcript";
    if (kind == "meeting") return "The meeting's notes";
    return "The full text";
  }

  void write_timeline() {
    begin_section("timeline", "Timeline");
    if (report_.timeline.empty()) {
      out_.raw("<p class=\"placeholder\">No interactions or changes recorded.</p>\n");
      return end_section();
    }
    out_.write(
        "<p class=\"muted lede\">{} items, every interaction and change from first touch "
        "to {}.</p>\n<ol class=\"timeline\">\n",
        report_.timeline.size(), report_.closed_at ? "the close" : "now");
    for (const auto& item : report_.timeline) write_item(item);
    out_.raw("</ol>\n");
    end_section();
  }

  void write_closing(const ClosingSection& section) {
    begin_section(section.id, section.title);
    out_.write("<p{}>{}</p>\n", section.placeholder ? " class=\"placeholder\"" : "",
               html(section.text));
    if (!section.items.empty()) {
      out_.raw(section.placeholder ? "<ol class=\"questions\">\n" : "<ul class=\"answers\">\n");
      for (const auto& item : section.items) out_.write("<li>{}</li>\n", html(item));
      out_.raw(section.placeholder ? "</ol>\n" : "</ul>\n");
    }
    end_section();
  }

  void write_footer() {
    out_.write(
        "<footer>Compiled by rearview on {} from opportunity {}. "
        "Health model: {}.</footer>\n",
        display_time(report_.as_of, report_.time_zone), html(report_.opportunity.id),
        html(report_.health_model.empty() ? "not recorded" : report_.health_model));
  }

  const PostmortemReport& report_;
  TimelineIndex index_;
  HtmlWriter out_;
  bool embedded_ = false;
};

std::size_t expected_size(const PostmortemReport& report) {
  std::size_t text = 0;
  for (const auto& item : report.timeline) text += item.body.size() + item.summary.size() + 512;
  return 40 * 1024 + text + text / 8 + report.health.size() * 64;
}

}  // namespace

std::string render_html(const PostmortemReport& report) {
  std::string out;
  out.reserve(expected_size(report));
  HtmlReport(report, out).write();
  return out;
}

std::string render_html_sections(const PostmortemReport& report) {
  std::string out;
  out.reserve(expected_size(report));
  HtmlReport(report, out, true).write_sections();
  return out;
}

std::string report_stylesheet() { return std::string(kBaseCss) + std::string(kReportCss); }

std::string tell_title(std::string_view kind) { return tell_label(kind); }

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_html(out, text);
  return out;
}

}  // namespace rearview
