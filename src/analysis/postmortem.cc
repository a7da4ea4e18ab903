// analyze(): one pass to index the deal, then each part of the report.
#include <fmt/format.h>

#include "deal_index.h"
#include "deal_life.h"
#include "health_series.h"
#include "rearview/analysis/analysis.h"
#include "reason_comparison.h"
#include "stage_history.h"
#include "tells.h"
#include "timeline.h"
#include "wording.h"

namespace rearview {
namespace {

// Who reads the postmortem and how long it is:
//   open deal                              full   open_deal_audience (rep, manager)
//   won                                    full   late_stage_audience: wins are
//                                                 presented at the QBR
//   lost before the line in the sand       short  early_loss_audience
//   lost at or after the line              full   mid_stage_audience
//   lost at or after the late stage        full   late_stage_audience
// "Lost before a stage" means the furthest open stage it ever reached is
// ordered before that stage. Without a line in the sand every loss is full.
void assign_level_and_audience(const analysis::DealIndex& index, PostmortemReport& report) {
  const PostmortemSettings& settings = index.settings.postmortem;
  report.level = ReportLevel::full;
  switch (index.snapshot.opportunity.outcome) {
    case Outcome::open:
      report.audience = settings.open_deal_audience;
      return;
    case Outcome::won:
      report.audience = settings.late_stage_audience;
      return;
    case Outcome::lost:
      break;
  }
  int furthest =
      index.entries.empty() ? analysis::kUnknownStageOrder : index.entries.back().furthest_order;
  if (index.line_in_the_sand && furthest < index.line_in_the_sand->sort_order) {
    report.level = ReportLevel::short_form;
    report.audience = settings.early_loss_audience;
  } else if (index.late_stage && furthest >= index.late_stage->sort_order) {
    report.audience = settings.late_stage_audience;
  } else {
    report.audience = settings.mid_stage_audience;
  }
}

void note_threshold(std::vector<std::string>& notes, std::string_view what,
                    std::string_view configured, const Stage* used, double default_probability) {
  if (!configured.empty() && (!used || used->name != configured))
    notes.push_back(fmt::format("the {} \"{}\" is not an open stage of the sales process; using {}",
                                what, configured, used ? used->name : std::string("none")));
  if (configured.empty() && !used)
    notes.push_back(
        fmt::format("no {} is configured and no open stage has a probability of {}% or more", what,
                    default_probability));
}

// Why a report shows no cycle; a deal without one is left out of the won
// deals' figures for the same reason.
std::string no_cycle_note(NoCycle reason, bool closed) {
  switch (reason) {
    case NoCycle::not_created:
      return "its creation time is not recorded, so it has no cycle (creation to close)";
    case NoCycle::not_closed:
      return "without the time it closed it has no cycle (creation to close)";
    case NoCycle::ends_before_created:
      return closed ? "it closed before it was created (data loaded after the fact): it has no "
                      "cycle, and its stage times say nothing about speed"
                    : "it was created after the report's as-of time, so it has no cycle yet";
    case NoCycle::implausible_date:
      return fmt::format("its creation or close lies outside {}, so it has no cycle",
                         kPlausibleRange);
  }
  return "it has no cycle";
}

std::vector<std::string> data_notes(const analysis::DealIndex& index,
                                    const std::expected<double, NoCycle>& cycle) {
  std::vector<std::string> notes;
  if (index.closed && !index.snapshot.closed_at)
    notes.push_back(
        index.snapshot.opportunity.close_date
            ? "the time it closed is not recorded; its close date is used"
            : "neither the time it closed nor its close date is recorded; the report's as-of "
              "time is used");
  if (!cycle) notes.push_back(no_cycle_note(cycle.error(), index.closed));
  if (!index.first_touch) notes.push_back("neither its creation nor any interaction is dated");
  const PostmortemSettings& settings = index.settings.postmortem;
  note_threshold(notes, "line in the sand", settings.line_in_the_sand, index.line_in_the_sand,
                 analysis::kLineInTheSandProbability);
  note_threshold(notes, "late stage", settings.late_stage, index.late_stage,
                 analysis::kLateStageProbability);
  return notes;
}

}  // namespace

std::string_view to_string(ReportLevel level) {
  return level == ReportLevel::short_form ? "short" : "full";
}

PostmortemReport analyze(const OpportunitySnapshot& snapshot, const WonCohort& cohort,
                         const HealthModel& model, const AnalysisSettings& settings) {
  analysis::DealIndex index(snapshot, cohort, settings);
  PostmortemReport report{.opportunity = snapshot.opportunity,
                          .account_name = snapshot.account_name,
                          .owner_name = snapshot.owner_name,
                          .manager_name = snapshot.manager_name,
                          .first_touch = index.first_touch,
                          .as_of = settings.as_of,
                          .time_zone = settings.time_zone};
  if (index.closed) report.closed_at = index.end;
  auto cycle = analysis::cycle_of(snapshot, settings.as_of);
  if (cycle) report.cycle_days = *cycle;
  report.won_cycle = cohort.cycle();
  report.won_cycle_mean_days = cohort.cycle_mean_days();
  report.furthest_stage = analysis::furthest_stage(index);
  report.close_date_pushes = index.pushes_by(index.end);
  report.timeline = analysis::build_timeline(index);
  report.stages = analysis::stage_history(index);
  report.tells = analysis::evaluate_tells(index);
  report.health = analysis::health_over_time(index, report.timeline, model);
  report.health_model = model.describe();
  if (index.line_in_the_sand) report.line_in_the_sand = index.line_in_the_sand->name;
  if (index.late_stage) report.late_stage = index.late_stage->name;
  report.notes = data_notes(index, cycle);
  assign_level_and_audience(index, report);
  report.interview = snapshot.interview;
  report.reasons = analysis::compare_reasons(snapshot.opportunity, snapshot.interview);
  return report;
}

}  // namespace rearview
