// What the human-facing renderers derive from a report before drawing it:
// the summary facts, the cycle bars, the health chart's geometry, notable
// score changes, links from findings to timeline items. Computed once here
// so HTML, Markdown and PDF cannot disagree.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "rearview/analysis/postmortem.h"

namespace rearview::report {

// Finds timeline items by id (findings name their evidence by id).
class TimelineIndex {
 public:
  explicit TimelineIndex(const PostmortemReport& report);
  const TimelineItem* find(std::string_view id) const;
  // The item that records entering this stay (its id, else the "stage" or
  // "created" item at that time), if the timeline has it.
  const TimelineItem* stage_entry(const StageStay& stay) const;
  // The "milestone" item that records attaining it, if the timeline has it.
  const TimelineItem* milestone(const MilestoneView& milestone) const;

 private:
  const TimelineItem* find_at(std::string_view kind, Timestamp at) const;

  const std::vector<TimelineItem>& items_;
  std::unordered_map<std::string_view, const TimelineItem*> by_id_;
};

struct Fact {
  std::string_view label;
  std::string value;
};

// "Times in Europe/Berlin": every human-facing format names the zone once,
// at the top; each time then shows its abbreviation (CET, CEST).
std::string times_in(const TimeZone& zone);

// The summary block: outcome, amount, people, level and audience, cycle.
std::vector<Fact> summary_facts(const PostmortemReport& report);

// "87 days from creation to close, 23 days longer than the median won deal (64 days)".
std::string cycle_sentence(const PostmortemReport& report);

// Days from the first touch to the opportunity's creation: positive when the
// buyer was in touch before the opportunity was created, 0 when the first
// touch is the creation itself; none without both times.
std::optional<double> first_touch_days_before_creation(const PostmortemReport& report);

// "2024-01-08 09:00 UTC, 2.6 days before the opportunity was created": the
// first touch on its own, since the cycle starts at the creation.
std::string first_touch_fact(const PostmortemReport& report);

struct CycleBar {
  std::string_view label;
  double days = 0;
  bool this_deal = false;
};

// This deal's cycle when it has one, then the won mean and median when there
// are won deals.
std::vector<CycleBar> cycle_bars(const PostmortemReport& report);

// The longest bar a set of bars is drawn against (never zero, always finite).
double bar_scale(const std::vector<CycleBar>& bars);
// How much of its track a bar of `days` fills, 0..1 (0 when not a number).
double bar_share(double days, double scale);

// The longest of every stay's days and its won deals' p75: stage bars share it.
double stage_scale(const PostmortemReport& report);

// "won median 8 days, middle half 5–11 days (40 won deals)", or "" without data.
std::string stage_comparison(const StageStay& stay);

// The stage a closed deal ended in ("Closed Won"): nothing to measure there.
bool is_closing_stay(const PostmortemReport& report, const StageStay& stay);

// "Needs Analysis", or "Needs Analysis (visit 2)" when the deal came back to it.
std::string stay_title(const StageStay& stay);

enum class StageVerdict { no_data, shorter, usual, longer };
StageVerdict stage_verdict(const StageStay& stay);
std::string_view stage_verdict_text(StageVerdict verdict);

// "Email, 2024-01-10 15:04 UTC: Re: pricing" — how a link to evidence reads.
std::string evidence_label(const TimelineItem& item, const TimeZone& zone);
// "Meeting 2024-09-16": evidence named briefly where a finding cites many.
std::string evidence_short_label(const TimelineItem& item, const TimeZone& zone);

// What a timeline item's heading and the line under it show. Summaries
// often repeat the subject with the kind and duration around it ("Meeting:
// Demo (30 min)"); then the summary is the heading and nothing repeats.
struct ItemText {
  std::string_view heading;
  std::string_view summary;
};
ItemText item_text(const TimelineItem& item);

// "2024-01-16 10:00 UTC", or "the close" / "now" for a stay not left.
std::string stay_end(const PostmortemReport& report, const StageStay& stay);

// What a milestone was set to, or "" for a toggle (its value is "true").
std::string_view milestone_value(const MilestoneView& milestone);
// "2024-01-16 10:05 UTC · by Dana Reyes · user" for an attained milestone.
std::string milestone_details(const MilestoneView& milestone, const TimeZone& zone);

bool is_active(const Tell& tell);
// "active", "cleared", or "present at the close".
std::string_view tell_status(const PostmortemReport& report, const Tell& tell);
// Indexes into report.tells: while a deal is open, what is wrong now comes
// before what was; after the close, in the order they fired.
std::vector<std::size_t> tell_order(const PostmortemReport& report);
// "Fired 2024-01-10 15:04 UTC, 34 days before close; cleared 2024-01-20 ..."
std::string tell_timing(const Tell& tell, const TimeZone& zone);
// Heading of the tells section: warnings while open, tells after close.
std::string_view tells_heading(const PostmortemReport& report);

struct HealthChange {
  const HealthPoint* point = nullptr;
  double change = 0;  // points since the previous score
};

inline constexpr std::size_t kNotableChanges = 8;
inline constexpr std::size_t kReasonsPerChange = 3;

// The reasons that explain a move of `change` points best: those pushing
// the same way first, then by strength; at most `limit`. With a change of 0,
// simply the strongest first.
std::vector<const HealthReason*> strongest_reasons(const std::vector<HealthReason>& reasons,
                                                   double change, std::size_t limit);

// What moved a point's score: the analysis's own account of the change
// (point.changes) when it gives one, else the reasons that push the same way.
std::vector<const HealthReason*> change_reasons(const HealthPoint& point, std::size_t limit);

// The biggest moves of the score, in time order, at most `limit`.
std::vector<HealthChange> notable_health_changes(const PostmortemReport& report,
                                                 std::size_t limit = kNotableChanges);

// The health chart in unit coordinates: x in [0, 1] over the deal's life,
// scores 0..100. SVG and cairo scale it to their own sizes.
struct ChartPoint {
  double x = 0;
  double score = 0;
  const HealthPoint* point = nullptr;
  const TimelineItem* trigger = nullptr;  // the event that moved the score
};

struct ChartMarker {
  double x = 0;
  std::string label;
  const TimelineItem* item = nullptr;
  // Labels too close to the one before go a row down; with no row free the
  // label is left out (kNoLabelRow) rather than drawn over another.
  int label_row = 0;
  bool label_before = false;  // ends at the line (near the right edge) instead of starting there
};

inline constexpr int kChartLabelRows = 3;
inline constexpr int kNoLabelRow = -1;

struct TellMarker {
  double x = 0;
  std::size_t tell = 0;  // index into report.tells
};

struct AxisTick {
  double x = 0;
  std::string label;
};

struct HealthChart {
  Timestamp start{};
  Timestamp end{};
  std::vector<ChartPoint> points;
  std::vector<ChartMarker> stages;
  std::vector<TellMarker> tells;
  std::optional<ChartMarker> close;
  std::vector<AxisTick> ticks;
};

// The sections later releases fill (buyer interview, debriefs, action
// items): shown now so the report's shape, and what it will ask of people,
// is visible.
struct Placeholder {
  std::string_view id;
  std::string_view title;
  std::string_view text;
  std::vector<std::string_view> questions;
};

const std::vector<Placeholder>& placeholders();

// The sections after the timeline: the buyer interview (the buyer's reasons
// beside the CRM's), debriefs and action items; a placeholder for each not
// recorded yet. `items` are from outside when `placeholder` is false: escape them.
struct ClosingSection {
  std::string id;
  std::string title;
  std::string text;
  std::vector<std::string> items;
  bool placeholder = true;
};
std::vector<ClosingSection> closing_sections(const PostmortemReport& report);

// `width_in_characters` is how many label characters fit across the chart,
// which decides when stage labels would overlap.
HealthChart health_chart(const PostmortemReport& report, const TimelineIndex& index,
                         double width_in_characters);

}  // namespace rearview::report
