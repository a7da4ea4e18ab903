// train_health_model(): closed deals' examples to a model.
#include "health_training.h"

#include <algorithm>

#include "deal_life.h"
#include "learned_health_model.h"
#include "rearview/analysis/analysis.h"

namespace rearview {
namespace {

// The trees' inputs and outcomes (1 won, 0 lost).
struct TreeData {
  std::vector<float> rows;
  std::vector<float> outcomes;
};

TreeData tree_data(const std::vector<HealthExample>& examples) {
  std::vector<HealthVector> inputs;
  TreeData data;
  inputs.reserve(examples.size());
  data.outcomes.reserve(examples.size());
  for (const HealthExample& example : examples) {
    inputs.push_back(example.inputs);
    data.outcomes.push_back(example.won ? 1.0f : 0.0f);
  }
  data.rows = analysis::tree_rows(inputs);
  return data;
}

bool enough_of_each_outcome(const std::vector<HealthExample>& examples) {
  auto won = std::count_if(examples.begin(), examples.end(),
                           [](const HealthExample& example) { return example.won; });
  auto lost = static_cast<long long>(examples.size()) - won;
  return won >= kMinimumPerOutcome && lost >= kMinimumPerOutcome;
}

analysis::TreeSettings tree_settings(Monotonicity monotonicity) {
  analysis::TreeSettings settings;
  if (monotonicity == Monotonicity::constrained)
    settings.monotone = analysis::declared_directions();
  return settings;
}

}  // namespace

namespace analysis {

std::optional<Timestamp> mid_life(const OpportunitySnapshot& deal) {
  if (deal.opportunity.outcome == Outcome::open) return std::nullopt;
  auto start = deal.opportunity.created_at ? deal.opportunity.created_at : first_touch(deal);
  if (!start) return std::nullopt;
  Timestamp end = end_of_life(deal, Timestamp{});
  if (end <= *start) return std::nullopt;
  return *start + (end - *start) / 2;
}

}  // namespace analysis

HealthModel train_health_model(const std::vector<HealthExample>& examples,
                               Monotonicity monotonicity) {
  if (!enough_of_each_outcome(examples)) return HealthModel::rules();
  TreeData data = tree_data(examples);
  auto trees = analysis::BoostedTrees::train(data.rows, analysis::tree_features().size(),
                                             data.outcomes, tree_settings(monotonicity));
  // XGBoost refusing checked rows would be a bug; reports still get a score.
  if (!trees) return HealthModel::rules();
  return HealthModel(std::make_shared<const LearnedHealthModel>(
      LearnedHealthModel{.trees = std::move(*trees),
                         .monotonicity = monotonicity,
                         .examples = static_cast<long long>(examples.size())}));
}

std::optional<HealthExample> health_example(const OpportunitySnapshot& closed_deal,
                                            const WonCohort& cohort,
                                            const AnalysisSettings& settings) {
  auto middle = analysis::mid_life(closed_deal);
  if (!middle) return std::nullopt;
  return HealthExample{.inputs = features_at(closed_deal, *middle, cohort, settings).values(),
                       .won = closed_deal.opportunity.outcome == Outcome::won};
}

std::vector<HealthExample> training_examples(const std::vector<OpportunitySnapshot>& closed_deals,
                                             const WonCohort& cohort,
                                             const AnalysisSettings& settings) {
  std::vector<HealthExample> examples;
  for (const auto& deal : closed_deals)
    if (auto example = health_example(deal, cohort, settings)) examples.push_back(*example);
  return examples;
}

}  // namespace rearview
