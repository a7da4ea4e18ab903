// Learning examples and the held-out measurement of the health score.
#include <algorithm>
#include <cstdint>

#include "deal_life.h"
#include "rearview/core/stable_hash.h"
#include "rearview/analysis/analysis.h"

namespace rearview {
namespace {

// Halfway between creation (else first touch) and close: late enough that the
// deal has a history, early enough that the outcome is not yet written in it.
std::optional<Timestamp> halfway(const OpportunitySnapshot& deal) {
  if (deal.opportunity.outcome == Outcome::open) return std::nullopt;
  auto start =
      deal.opportunity.created_at ? deal.opportunity.created_at : analysis::first_touch(deal);
  if (!start) return std::nullopt;
  Timestamp end = analysis::end_of_life(deal, Timestamp{});
  if (end <= *start) return std::nullopt;
  return *start + (end - *start) / 2;
}

std::uint64_t mixed(std::uint64_t value) {  // splitmix64's finaliser
  value += 0x9e3779b97f4a7c15ULL;
  value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9ULL;
  value = (value ^ (value >> 27)) * 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

// A deal's side of the split depends only on its id and the seed, so it
// stays put as deals are added.
bool held_out(const Id& id, std::uint64_t seed, double holdout_fraction) {
  double uniform = double(mixed(stable_hash(id) ^ mixed(seed)) >> 11) * 0x1.0p-53;
  return uniform < holdout_fraction;
}

struct Split {
  std::vector<const OpportunitySnapshot*> training;
  std::vector<const OpportunitySnapshot*> holdout;
  long long skipped = 0;
};

Split split(const std::vector<OpportunitySnapshot>& deals, double holdout_fraction,
            std::uint64_t seed) {
  Split result;
  for (const auto& deal : deals) {
    if (!halfway(deal)) {
      ++result.skipped;
      continue;
    }
    (held_out(deal.opportunity.id, seed, holdout_fraction) ? result.holdout : result.training)
        .push_back(&deal);
  }
  return result;
}

bool won(const OpportunitySnapshot& deal) { return deal.opportunity.outcome == Outcome::won; }

std::pair<HealthFeatures, bool> example_of(const OpportunitySnapshot& deal, const WonCohort& cohort,
                                           const AnalysisSettings& settings) {
  return {features_at(deal, *halfway(deal), cohort, settings), won(deal)};
}

std::optional<double> holdout_auc(const std::vector<std::pair<HealthFeatures, bool>>& holdout,
                                  const HealthModel& model) {
  std::vector<double> won_scores;
  std::vector<double> lost_scores;
  for (const auto& [features, is_won] : holdout)
    (is_won ? won_scores : lost_scores).push_back(model.points(features));
  return area_under_curve(won_scores, lost_scores);
}

}  // namespace

std::vector<std::pair<HealthFeatures, bool>> training_examples(
    const std::vector<OpportunitySnapshot>& closed_deals, const WonCohort& cohort,
    const AnalysisSettings& settings) {
  std::vector<std::pair<HealthFeatures, bool>> examples;
  for (const auto& deal : closed_deals)
    if (halfway(deal)) examples.push_back(example_of(deal, cohort, settings));
  return examples;
}

HealthEvaluation evaluate(const std::vector<OpportunitySnapshot>& closed_deals,
                          const WonCohort& cohort, const AnalysisSettings& settings,
                          double holdout_fraction, std::uint64_t seed) {
  Split parts = split(closed_deals, holdout_fraction, seed);
  HealthEvaluation evaluation{.skipped_deals = parts.skipped};
  std::vector<std::pair<HealthFeatures, bool>> training;
  for (const OpportunitySnapshot* deal : parts.training)
    training.push_back(example_of(*deal, cohort, settings));
  std::vector<std::pair<HealthFeatures, bool>> holdout;
  for (const OpportunitySnapshot* deal : parts.holdout)
    holdout.push_back(example_of(*deal, cohort, settings));
  auto count_won = [](const auto& examples) {
    return static_cast<long long>(
        std::count_if(examples.begin(), examples.end(), [](const auto& e) { return e.second; }));
  };
  evaluation.training_deals = static_cast<long long>(training.size());
  evaluation.training_won = count_won(training);
  evaluation.holdout_deals = static_cast<long long>(holdout.size());
  evaluation.holdout_won = count_won(holdout);

  if (auto learned = HealthModel::learn(training)) {
    evaluation.learned_model = learned->describe();
    evaluation.learned_auc = holdout_auc(holdout, *learned);
  }
  evaluation.rules_auc = holdout_auc(holdout, HealthModel::rules());
  return evaluation;
}

HealthEvaluation evaluate(const std::vector<OpportunitySnapshot>& closed_deals,
                          const AnalysisSettings& settings, double holdout_fraction,
                          std::uint64_t seed) {
  WonCohort training_cohort(settings.stages);
  for (const OpportunitySnapshot* deal : split(closed_deals, holdout_fraction, seed).training)
    training_cohort.add(*deal);
  return evaluate(closed_deals, training_cohort, settings, holdout_fraction, seed);
}

}  // namespace rearview
