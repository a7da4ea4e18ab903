// The held-out measurement of the health score.
#include <algorithm>
#include <cstdint>

#include "deal_life.h"
#include "health_training.h"
#include "rearview/core/stable_hash.h"
#include "rearview/analysis/analysis.h"

namespace rearview {
namespace {

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
    if (!analysis::mid_life(deal)) {
      ++result.skipped;
      continue;
    }
    (held_out(deal.opportunity.id, seed, holdout_fraction) ? result.holdout : result.training)
        .push_back(&deal);
  }
  return result;
}

std::vector<HealthExample> examples_of(const std::vector<const OpportunitySnapshot*>& deals,
                                       const WonCohort& cohort, const AnalysisSettings& settings) {
  std::vector<HealthExample> examples;
  examples.reserve(deals.size());
  for (const OpportunitySnapshot* deal : deals)
    examples.push_back(*health_example(*deal, cohort, settings));  // split() kept only these
  return examples;
}

long long count_won(const std::vector<HealthExample>& examples) {
  return std::count_if(examples.begin(), examples.end(),
                       [](const HealthExample& example) { return example.won; });
}

double brier_score(const std::vector<HealthExample>& examples, const std::vector<double>& scores) {
  double total = 0;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    double error = scores[i] / 100 - (examples[i].won ? 1 : 0);
    total += error * error;
  }
  return total / double(examples.size());
}

// Each band's deals, mean score and share won: a calibrated score of 35
// should see about 35 % of its deals won.
std::array<HealthMeasure::Band, 10> bands_of(const std::vector<HealthExample>& examples,
                                             const std::vector<double>& scores) {
  std::array<HealthMeasure::Band, 10> bands{};
  for (std::size_t i = 0; i < examples.size(); ++i) {
    auto& band = bands[std::size_t(std::clamp(int(scores[i] / 10), 0, 9))];
    ++band.deals;
    band.mean_score += scores[i];
    band.won_share += examples[i].won ? 1 : 0;
  }
  for (auto& band : bands)
    if (band.deals > 0) {
      band.mean_score /= double(band.deals);
      band.won_share /= double(band.deals);
    }
  return bands;
}

HealthMeasure measure(const std::vector<HealthExample>& holdout, const HealthModel& model) {
  std::vector<HealthVector> inputs;
  inputs.reserve(holdout.size());
  for (const auto& example : holdout) inputs.push_back(example.inputs);
  std::vector<double> scores = model.points(inputs);
  std::vector<double> won_scores;
  std::vector<double> lost_scores;
  for (std::size_t i = 0; i < holdout.size(); ++i)
    (holdout[i].won ? won_scores : lost_scores).push_back(scores[i]);
  HealthMeasure result{.auc = area_under_curve(won_scores, lost_scores)};
  if (!holdout.empty()) result.brier = brier_score(holdout, scores);
  result.bands = bands_of(holdout, scores);
  return result;
}

}  // namespace

HealthEvaluation evaluate(const std::vector<OpportunitySnapshot>& closed_deals,
                          const WonCohort& cohort, const AnalysisSettings& settings,
                          double holdout_fraction, std::uint64_t seed) {
  Split parts = split(closed_deals, holdout_fraction, seed);
  std::vector<HealthExample> training = examples_of(parts.training, cohort, settings);
  std::vector<HealthExample> holdout = examples_of(parts.holdout, cohort, settings);
  HealthEvaluation evaluation{.training_deals = static_cast<long long>(training.size()),
                              .training_won = count_won(training),
                              .holdout_deals = static_cast<long long>(holdout.size()),
                              .holdout_won = count_won(holdout),
                              .skipped_deals = parts.skipped};
  evaluation.rules = measure(holdout, HealthModel::rules());
  HealthModel constrained = train_health_model(training, Monotonicity::constrained);
  if (constrained.learned()) {
    evaluation.learned_model = constrained.describe();
    evaluation.constrained = measure(holdout, constrained);
  }
  HealthModel unconstrained = train_health_model(training, Monotonicity::unconstrained);
  if (unconstrained.learned()) evaluation.unconstrained = measure(holdout, unconstrained);
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
