// The won cohort keeps every won deal's durations and summarises them on the
// first query: quantiles need all values, and reports ask for the same few
// distributions many times.
#include "deal_life.h"
#include "rearview/analysis/analysis.h"
#include "statistics.h"

namespace rearview {

WonCohort::WonCohort(std::vector<Stage> stages) : stages_(std::move(stages)) {}

void WonCohort::add(const OpportunitySnapshot& won_deal) {
  if (won_deal.opportunity.outcome != Outcome::won) return;
  {
    std::lock_guard lock(*summaries_mutex_);
    summaries_.reset();
  }
  // A won deal is never measured as of a time, so `as_of` plays no part.
  constexpr Timestamp kNotMeasuredAsOf{};
  auto cycle = analysis::cycle_of(won_deal, kNotMeasuredAsOf);
  if (!cycle) {
    ++excluded_;
    return;
  }
  ++deals_;
  cycle_days_.push_back(*cycle);
  Timestamp end = analysis::end_of_life(won_deal, kNotMeasuredAsOf);

  analysis::StageCatalogue catalogue(stages_);
  std::map<std::string_view, double> days_per_stage;
  for (const auto& stay :
       analysis::stays_of(analysis::entries_in_time_order(won_deal), end, catalogue))
    if (!stay.is_closed) days_per_stage[stay.entry->stage] += stay.days;
  for (const auto& [stage, days] : days_per_stage) stage_days_[std::string(stage)].push_back(days);
}

WonCohort WonCohort::from_summaries(std::vector<Stage> stages, Summaries summaries, long long deals,
                                    long long excluded) {
  WonCohort cohort(std::move(stages));
  cohort.summaries_ = std::make_shared<const Summaries>(std::move(summaries));
  cohort.deals_ = deals;
  cohort.excluded_ = excluded;
  return cohort;
}

const WonCohort::Summaries& WonCohort::summaries() const {
  std::lock_guard lock(*summaries_mutex_);
  if (summaries_) return *summaries_;
  auto computed = std::make_shared<Summaries>();
  for (const auto& [stage, days] : stage_days_)
    computed->stages.emplace(stage, analysis::distribution_of(days));
  if (!cycle_days_.empty()) {
    CycleSummary cycle = summarize(cycle_days_);
    computed->cycle = analysis::distribution_of(cycle);
    computed->cycle_mean_days = cycle.mean_days;
  }
  summaries_ = std::move(computed);
  return *summaries_;
}

std::optional<Distribution> WonCohort::stage(const std::string& name) const {
  const auto& stages = summaries().stages;
  auto found = stages.find(name);
  if (found == stages.end()) return std::nullopt;
  return found->second;
}

std::optional<Distribution> WonCohort::cycle() const { return summaries().cycle; }

double WonCohort::cycle_mean_days() const { return summaries().cycle_mean_days; }

}  // namespace rearview
