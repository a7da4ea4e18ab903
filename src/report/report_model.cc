#include "report_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <tuple>

#include "text_format.h"

namespace rearview::report {
namespace {

std::string or_not_recorded(const std::string& value) {
  return value.empty() ? std::string("not recorded") : value;
}

std::string outcome_fact(const PostmortemReport& report) {
  const auto& opportunity = report.opportunity;
  if (opportunity.outcome != Outcome::open) return std::string(outcome_label(opportunity.outcome));
  return fmt::format("Open, in {}", or_not_recorded(opportunity.stage));
}

std::string close_fact(const PostmortemReport& report) {
  if (report.closed_at) return display_time(*report.closed_at, report.time_zone);
  return fmt::format("not yet (report as of {})", display_time(report.as_of, report.time_zone));
}

std::string close_date_fact(const PostmortemReport& report) {
  std::string date =
      report.opportunity.close_date ? format_date(*report.opportunity.close_date) : "not set";
  if (report.close_date_pushes == 0) return date;
  if (report.close_date_pushes == 1) return date + ", pushed once";
  return fmt::format("{}, pushed {} times", date, report.close_date_pushes);
}

std::string tells_fact(const PostmortemReport& report) {
  auto active = std::count_if(report.tells.begin(), report.tells.end(), is_active);
  if (!report.closed_at) {
    if (active == 0) return "none active";
    return fmt::format("{} active warning{}", active, active == 1 ? "" : "s");
  }
  if (report.tells.empty()) return "none fired";
  return fmt::format("{} fired before the close", report.tells.size());
}

std::string level_fact(const PostmortemReport& report) {
  std::string level(level_label(report.level));
  if (report.audience.empty()) return level;
  return fmt::format("{}, for {}", level, join(report.audience, ", "));
}

std::string line_in_the_sand_fact(const PostmortemReport& report) {
  std::string line =
      fmt::format("{}: deals lost before it get the short postmortem", report.line_in_the_sand);
  if (report.late_stage.empty()) return line;
  return fmt::format("{}; losses from {} on are late-stage", line, report.late_stage);
}

std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// The chart spans the deal's whole life, whichever of these is earliest/latest.
std::pair<Timestamp, Timestamp> chart_span(const PostmortemReport& report) {
  Timestamp start = report.closed_at.value_or(report.as_of);
  Timestamp end = start;
  auto include = [&](Timestamp time) {
    start = std::min(start, time);
    end = std::max(end, time);
  };
  if (report.first_touch) include(*report.first_touch);
  if (report.opportunity.created_at) include(*report.opportunity.created_at);
  for (const auto& point : report.health) include(point.at);
  for (const auto& stay : report.stages) include(stay.entered_at);
  for (const auto& item : report.timeline) include(item.at);
  if (end <= start) end = start + std::chrono::days{1};
  return {start, end};
}

void assign_label_rows(std::vector<ChartMarker>& markers, double width_in_characters) {
  std::array<double, kChartLabelRows> row_ends;
  row_ends.fill(-1);
  for (auto& marker : markers) {
    double width = (static_cast<double>(character_count(marker.label)) + 1) / width_in_characters;
    marker.label_before = marker.x + width > 1;
    double start = marker.label_before ? marker.x - width : marker.x;
    auto row = std::find_if(row_ends.begin(), row_ends.end(),
                            [&](double row_end) { return row_end <= start; });
    if (row == row_ends.end()) {
      marker.label_row = kNoLabelRow;
      continue;
    }
    marker.label_row = static_cast<int>(row - row_ends.begin());
    *row = start + width;
  }
}

std::vector<AxisTick> axis_ticks(Timestamp start, Timestamp end, const TimeZone& zone) {
  auto span = end - start;
  auto whole_days = std::chrono::duration_cast<std::chrono::days>(span).count();
  int intervals = static_cast<int>(std::clamp<long long>(whole_days, 1, 4));
  std::vector<AxisTick> ticks;
  for (int i = 0; i <= intervals; ++i) {
    double x = static_cast<double>(i) / intervals;
    auto at = start + std::chrono::duration_cast<std::chrono::seconds>(span * i / intervals);
    ticks.push_back({x, display_day(at, zone)});
  }
  return ticks;
}

}  // namespace

TimelineIndex::TimelineIndex(const PostmortemReport& report) : items_(report.timeline) {
  by_id_.reserve(items_.size());
  for (const auto& item : items_) by_id_.emplace(item.id, &item);
}

const TimelineItem* TimelineIndex::find(std::string_view id) const {
  auto found = by_id_.find(id);
  return found == by_id_.end() ? nullptr : found->second;
}

const TimelineItem* TimelineIndex::find_at(std::string_view kind, Timestamp at) const {
  for (const auto& item : items_)
    if (item.kind == kind && item.at == at) return &item;
  return nullptr;
}

const TimelineItem* TimelineIndex::stage_entry(const StageStay& stay) const {
  if (!stay.id.empty())
    if (const auto* item = find(stay.id)) return item;
  for (const auto& item : items_)
    if (item.kind == "stage" && item.at == stay.entered_at && item.stage == stay.name) return &item;
  if (const auto* change = find_at("stage", stay.entered_at)) return change;
  // The first stage is entered when the deal is created.
  return find_at("created", stay.entered_at);
}

const TimelineItem* TimelineIndex::milestone(const MilestoneView& milestone) const {
  return milestone.attained_at ? find_at("milestone", *milestone.attained_at) : nullptr;
}

std::string times_in(const TimeZone& zone) { return "Times in " + zone.name(); }

std::vector<Fact> summary_facts(const PostmortemReport& report) {
  const auto& opportunity = report.opportunity;
  std::vector<Fact> facts{
      {"Outcome", outcome_fact(report)},
      {"Amount", display_amount(opportunity.amount, opportunity.currency)},
      {"Account", or_not_recorded(report.account_name)},
      {"Owner", or_not_recorded(report.owner_name)},
      {"Manager", or_not_recorded(report.manager_name)},
      {"Postmortem", level_fact(report)},
      {"Cycle", cycle_sentence(report)},
      {"Furthest stage", or_not_recorded(report.furthest_stage)},
      {"First touch", first_touch_fact(report)},
      {"Closed", close_fact(report)},
      {"Close date", close_date_fact(report)},
      {report.closed_at ? "Tells" : "Warnings", tells_fact(report)},
  };
  const std::array<std::pair<std::string_view, const std::string*>, 3> optional_facts{{
      {"Loss reason", &opportunity.loss_reason},
      {"Win reason", &opportunity.win_reason},
      {"Competitor", &opportunity.competitor},
  }};
  for (const auto& [label, value] : optional_facts)
    if (!value->empty()) facts.push_back({label, *value});
  if (!report.line_in_the_sand.empty())
    facts.push_back({"Line in the sand", line_in_the_sand_fact(report)});
  return facts;
}

std::string cycle_sentence(const PostmortemReport& report) {
  if (!report.cycle_days) {
    std::string unmeasured = "not measured (see About the data)";
    if (!report.won_cycle) return unmeasured;
    return fmt::format("{}; the median won deal took {}", unmeasured,
                       display_days(report.won_cycle->median_days));
  }
  double days = *report.cycle_days;
  std::string cycle =
      display_days(days) +
      (report.closed_at ? " from creation to close" : " since the opportunity was created");
  if (!report.won_cycle) return cycle + ", no won deals to compare with";
  double median = report.won_cycle->median_days;
  double difference = days - median;
  if (std::fabs(difference) < 0.5)
    return fmt::format("{}, about as long as the median won deal", cycle);
  return fmt::format("{}, {} {} than the median won deal ({})", cycle,
                     display_days(std::fabs(difference)), difference > 0 ? "longer" : "shorter",
                     display_days(median));
}

std::optional<double> first_touch_days_before_creation(const PostmortemReport& report) {
  const auto& created = report.opportunity.created_at;
  if (!report.first_touch || !created) return std::nullopt;
  return days_between(*report.first_touch, *created);
}

namespace {

// Under a day in hours and minutes ("3 h 20 min"), else in days ("2.6 days").
std::string display_gap(std::chrono::seconds gap) {
  if (gap < std::chrono::days{1}) return display_duration(gap.count());
  return display_days(std::chrono::duration<double, std::chrono::days::period>(gap).count());
}

}  // namespace

std::string first_touch_fact(const PostmortemReport& report) {
  if (!report.first_touch) return "not recorded";
  std::string when = display_time(*report.first_touch, report.time_zone);
  const auto& created = report.opportunity.created_at;
  if (!created) return when;
  if (*created == *report.first_touch) return when + ", when the opportunity was created";
  bool before = *report.first_touch < *created;
  auto gap = before ? *created - *report.first_touch : *report.first_touch - *created;
  return fmt::format("{}, {} {} the opportunity was created", when, display_gap(gap),
                     before ? "before" : "after");
}

std::vector<CycleBar> cycle_bars(const PostmortemReport& report) {
  std::vector<CycleBar> bars;
  if (report.cycle_days) bars.push_back({"This deal", *report.cycle_days, true});
  if (report.won_cycle) {
    bars.push_back({"Won deals, mean", report.won_cycle_mean_days, false});
    bars.push_back({"Won deals, median", report.won_cycle->median_days, false});
  }
  return bars;
}

namespace {

// An infinite or NaN length would make every other bar empty or NaN.
double longer_of(double scale, double days) {
  return std::isfinite(days) ? std::max(scale, days) : scale;
}

}  // namespace

double bar_scale(const std::vector<CycleBar>& bars) {
  double scale = 0;
  for (const auto& bar : bars) scale = longer_of(scale, bar.days);
  return scale > 0 ? scale : 1;
}

double bar_share(double days, double scale) {
  double share = days / scale;
  if (std::isnan(share)) return 0;
  return std::clamp(share, 0.0, 1.0);
}

double stage_scale(const PostmortemReport& report) {
  double scale = 0;
  for (const auto& stay : report.stages) {
    scale = longer_of(scale, stay.days);
    if (stay.won) scale = longer_of(scale, stay.won->p75_days);
  }
  return scale > 0 ? scale : 1;
}

std::string stage_comparison(const StageStay& stay) {
  if (!stay.won) return {};
  const auto& won = *stay.won;
  return fmt::format("won median {}, middle half {}–{} days ({} won deal{})",
                     display_days(won.median_days), display_decimal(won.p25_days),
                     display_decimal(won.p75_days), won.deals, won.deals == 1 ? "" : "s");
}

bool is_closing_stay(const PostmortemReport& report, const StageStay& stay) {
  if (stay.left_at) return false;
  bool last = !report.stages.empty() && &stay == &report.stages.back();
  return stay.is_closed || (report.closed_at && last);
}

std::string stay_title(const StageStay& stay) {
  if (stay.visit <= 1) return stay.name;
  return fmt::format("{} (visit {})", stay.name, stay.visit);
}

StageVerdict stage_verdict(const StageStay& stay) {
  if (!stay.won) return StageVerdict::no_data;
  if (stay.days > stay.won->p75_days) return StageVerdict::longer;
  if (stay.days < stay.won->p25_days) return StageVerdict::shorter;
  return StageVerdict::usual;
}

std::string_view stage_verdict_text(StageVerdict verdict) {
  switch (verdict) {
    case StageVerdict::longer:
      return "longer than 3 in 4 won deals";
    case StageVerdict::shorter:
      return "shorter than 3 in 4 won deals";
    case StageVerdict::usual:
      return "within the middle half of won deals";
    case StageVerdict::no_data:
      break;
  }
  return "";
}

std::string evidence_label(const TimelineItem& item, const TimeZone& zone) {
  const std::string& title = item.subject.empty() ? item.summary : item.subject;
  if (title.empty())
    return fmt::format("{}, {}", item_kind_label(item.kind), display_time(item.at, zone));
  return fmt::format("{}, {}: {}", item_kind_label(item.kind), display_time(item.at, zone), title);
}

std::string stay_end(const PostmortemReport& report, const StageStay& stay) {
  if (stay.left_at) return display_time(*stay.left_at, report.time_zone);
  return report.closed_at ? "the close" : "now";
}

std::string_view milestone_value(const MilestoneView& milestone) {
  return milestone.value == "true" ? std::string_view() : std::string_view(milestone.value);
}

std::string milestone_details(const MilestoneView& milestone, const TimeZone& zone) {
  std::vector<std::string> details;
  if (milestone.attained_at) details.push_back(display_time(*milestone.attained_at, zone));
  if (!milestone.attained_by.empty()) details.push_back("by " + milestone.attained_by);
  if (!milestone.source.empty()) details.push_back(milestone.source);
  return join(details, " · ");
}

std::string evidence_short_label(const TimelineItem& item, const TimeZone& zone) {
  return fmt::format("{} {}", item_kind_label(item.kind), display_day(item.at, zone));
}

ItemText item_text(const TimelineItem& item) {
  if (item.subject.empty()) return {"", item.summary};
  if (item.summary.find(item.subject) != std::string::npos) return {item.summary, ""};
  return {item.subject, item.summary};
}

bool is_active(const Tell& tell) { return !tell.cleared_at.has_value(); }

std::string_view tell_status(const PostmortemReport& report, const Tell& tell) {
  if (!is_active(tell)) return "cleared";
  return report.closed_at ? "present at the close" : "active";
}

std::vector<std::size_t> tell_order(const PostmortemReport& report) {
  std::vector<std::size_t> order(report.tells.size());
  std::iota(order.begin(), order.end(), 0);
  if (!report.closed_at)
    std::stable_partition(order.begin(), order.end(),
                          [&](std::size_t i) { return is_active(report.tells[i]); });
  return order;
}

std::string tell_timing(const Tell& tell, const TimeZone& zone) {
  std::string timing = "Fired " + display_time(tell.first_fired_at, zone);
  if (tell.days_before_close)
    timing += fmt::format(", {} before close", display_days(*tell.days_before_close));
  if (tell.cleared_at) timing += "; cleared " + display_time(*tell.cleared_at, zone);
  return timing;
}

std::string_view tells_heading(const PostmortemReport& report) {
  return report.closed_at ? "Tells: the early warning signs" : "Warnings";
}

std::vector<HealthChange> notable_health_changes(const PostmortemReport& report,
                                                 std::size_t limit) {
  std::vector<std::pair<std::size_t, double>> moves;  // index, change
  for (std::size_t i = 1; i < report.health.size(); ++i) {
    double change = report.health[i].change;
    if (std::fabs(change) >= 1) moves.emplace_back(i, change);
  }
  std::stable_sort(moves.begin(), moves.end(), [](const auto& left, const auto& right) {
    return std::fabs(left.second) > std::fabs(right.second);
  });
  if (moves.size() > limit) moves.resize(limit);
  std::sort(moves.begin(), moves.end());
  std::vector<HealthChange> changes;
  changes.reserve(moves.size());
  for (const auto& [index, change] : moves) changes.push_back({&report.health[index], change});
  return changes;
}

const std::vector<Placeholder>& placeholders() {
  static const std::vector<Placeholder> kPlaceholders{
      {"interview",
       "Buyer interview",
       "Not recorded yet. Someone other than the deal owner calls the buyer's team lead, so the "
       "buyer can speak freely, and asks:",
       {"How would you describe the value of your decision?",
        "Who was the most influential voice inside and outside the room?",
        "Beyond price, what were the deciding factors?"}},
      {"debriefs",
       "Debriefs",
       "No call debriefs recorded yet. A debrief sets a call's goal against its outcome: where it "
       "went off track and why, the lessons, and the next steps.",
       {}},
      {"action-items",
       "Action items",
       "No action items yet. Findings become action items with an owner, a due date and the team "
       "they go to: sales, product, marketing or finance.",
       {}},
  };
  return kPlaceholders;
}

namespace {

std::string driver_words(OutcomeDriver driver) {
  switch (driver) {
    case OutcomeDriver::competitor: return "a competitor";
    case OutcomeDriver::no_decision: return "no decision";
    case OutcomeDriver::other: return "something else";
  }
  return "";
}

std::string voices_words(const std::vector<InfluentialVoice>& voices, bool in_the_room) {
  std::string text;
  for (const auto& voice : voices) {
    if (voice.in_the_room != in_the_room) continue;
    if (!text.empty()) text += "; ";
    text += voice.role.empty() ? voice.name : voice.name + " (" + voice.role + ")";
  }
  return text;
}

ClosingSection interview_section(const PostmortemReport& report) {
  const BuyerInterview& interview = *report.interview;
  ClosingSection section{.id = "interview", .title = "Buyer interview", .placeholder = false};
  section.text = fmt::format("Interviewed by {} ({}){}.", interview.interviewer,
                             format_timestamp(interview.recorded_at).substr(0, 10),
                             interview.owner_override ? ", the deal's owner, allowed by an admin" : "");
  auto add = [&](std::string_view label, const std::string& answer) {
    if (!answer.empty()) section.items.push_back(fmt::format("{}: {}", label, answer));
  };
  add("The value of their decision, in their words", interview.value_in_their_words);
  add("Most influential inside the room", voices_words(interview.voices, true));
  add("Most influential outside the room", voices_words(interview.voices, false));
  add("Beyond price, the deciding factors", interview.deciding_factors);
  if (interview.driver) {
    std::string driver = driver_words(*interview.driver);
    if (*interview.driver == OutcomeDriver::competitor && !interview.competitor.empty())
      driver += ": " + interview.competitor;
    add("What drove the outcome", driver);
  }
  std::string reasons;
  for (const auto& reason : interview.reasons) reasons += (reasons.empty() ? "" : ", ") + reason;
  add("The buyer's reasons", reasons);
  if (report.reasons) add("Beside the CRM's", report.reasons->summary);
  for (const auto& quote : interview.quotes) add("In their words", "\u201c" + quote + "\u201d");
  return section;
}

}  // namespace

std::vector<ClosingSection> closing_sections(const PostmortemReport& report) {
  std::vector<ClosingSection> sections;
  for (const auto& placeholder : placeholders()) {
    if (placeholder.id == "interview" && report.interview) {
      sections.push_back(interview_section(report));
      continue;
    }
    ClosingSection section{.id = std::string(placeholder.id), .title = std::string(placeholder.title),
                           .text = std::string(placeholder.text)};
    for (auto question : placeholder.questions) section.items.emplace_back(question);
    sections.push_back(std::move(section));
  }
  return sections;
}

std::vector<const HealthReason*> strongest_reasons(const std::vector<HealthReason>& reasons,
                                                   double change, std::size_t limit) {
  std::vector<const HealthReason*> ordered;
  ordered.reserve(reasons.size());
  for (const auto& reason : reasons) ordered.push_back(&reason);
  auto rank = [&](const HealthReason* reason) {
    bool along = (change > 0 && reason->effect > 0) || (change < 0 && reason->effect < 0);
    return std::pair(!along, -std::fabs(reason->effect));
  };
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const auto* left, const auto* right) { return rank(left) < rank(right); });
  if (ordered.size() > limit) ordered.resize(limit);
  return ordered;
}

std::vector<const HealthReason*> change_reasons(const HealthPoint& point, std::size_t limit) {
  if (point.changes.empty()) return strongest_reasons(point.reasons, point.change, limit);
  return strongest_reasons(point.changes, 0, limit);
}

HealthChart health_chart(const PostmortemReport& report, const TimelineIndex& index,
                         double width_in_characters) {
  HealthChart chart;
  std::tie(chart.start, chart.end) = chart_span(report);
  double span = static_cast<double>((chart.end - chart.start).count());
  auto x_of = [&](Timestamp time) {
    return std::clamp(static_cast<double>((time - chart.start).count()) / span, 0.0, 1.0);
  };
  chart.points.reserve(report.health.size());
  for (const auto& point : report.health) {
    if (!std::isfinite(point.score)) continue;
    const TimelineItem* trigger = point.trigger == "daily" ? nullptr : index.find(point.trigger);
    chart.points.push_back({x_of(point.at), std::clamp(point.score, 0.0, 100.0), &point, trigger});
  }
  for (const auto& stay : report.stages)
    chart.stages.push_back({x_of(stay.entered_at), stay_title(stay), index.stage_entry(stay)});
  assign_label_rows(chart.stages, width_in_characters);
  for (std::size_t i = 0; i < report.tells.size(); ++i)
    chart.tells.push_back({x_of(report.tells[i].first_fired_at), i});
  if (report.closed_at) {
    const TimelineItem* closing = nullptr;
    for (const auto& item : report.timeline)
      if (item.kind == "closed") closing = &item;
    chart.close = ChartMarker{x_of(*report.closed_at),
                              std::string(outcome_label(report.opportunity.outcome)), closing};
  }
  chart.ticks = axis_ticks(chart.start, chart.end, report.time_zone);
  return chart;
}

}  // namespace rearview::report
