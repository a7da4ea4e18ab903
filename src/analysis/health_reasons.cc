#include "health_reasons.h"

#include <algorithm>
#include <cmath>

#include "health_words.h"

namespace rearview::analysis {
namespace {

constexpr std::size_t kLoweringReasons = 3;
constexpr std::size_t kRaisingReasons = 2;

// The counterfactual rows: `before` with one changed input moved to its
// `after` value. When only one input changed, that row is `after` itself,
// already scored.
struct Counterfactuals {
  std::vector<HealthVector> rows;
  std::vector<std::size_t> befores;  // which scored moment each row varies
  std::vector<std::size_t> effects;  // which effect each row is for
};

std::vector<std::size_t> changed_inputs(const HealthModel& model, const HealthVector& before,
                                        const HealthVector& after) {
  std::vector<std::size_t> changed;
  for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
    if (before[i] != after[i] && model.reads(health_feature(i))) changed.push_back(i);
  return changed;
}

Counterfactuals counterfactuals(const HealthModel& model, std::span<const HealthVector> inputs,
                                std::span<const double> scores,
                                std::span<const Comparison> comparisons, ChangeEffects& effects) {
  Counterfactuals result;
  effects.starts.reserve(comparisons.size() + 1);
  for (const Comparison& comparison : comparisons) {
    effects.starts.push_back(effects.effects.size());
    const HealthVector& before = inputs[comparison.before];
    const HealthVector& after = inputs[comparison.after];
    std::vector<std::size_t> changed = changed_inputs(model, before, after);
    for (std::size_t i : changed) {
      InputEffect effect{.feature = health_feature(i), .rose = after[i] > before[i]};
      if (changed.size() == 1) {
        effect.effect = scores[comparison.after] - scores[comparison.before];
      } else {
        HealthVector row = before;
        row[i] = after[i];
        result.rows.push_back(row);
        result.befores.push_back(comparison.before);
        result.effects.push_back(effects.effects.size());
      }
      effects.effects.push_back(effect);
    }
  }
  effects.starts.push_back(effects.effects.size());
  return result;
}

}  // namespace

std::span<const InputEffect> ChangeEffects::of(std::size_t comparison) const {
  return std::span(effects).subspan(starts[comparison],
                                    starts[comparison + 1] - starts[comparison]);
}

ChangeEffects effects_of_changes(const HealthModel& model, std::span<const HealthVector> inputs,
                                 std::span<const double> scores,
                                 std::span<const Comparison> comparisons) {
  ChangeEffects effects;
  Counterfactuals varied = counterfactuals(model, inputs, scores, comparisons, effects);
  std::vector<double> varied_scores = model.points(varied.rows);
  for (std::size_t i = 0; i < varied_scores.size(); ++i)
    effects.effects[varied.effects[i]].effect = varied_scores[i] - scores[varied.befores[i]];
  return effects;
}

std::vector<HealthReason> reasons_for(std::span<const InputEffect> effects,
                                      const HealthFeatures& before, const HealthFeatures& after) {
  std::vector<HealthReason> reasons;
  for (const InputEffect& effect : effects) {
    if (std::fabs(effect.effect) < kSmallestEffect) continue;
    reasons.push_back(HealthReason{.text = change_text(effect.feature, before, after, effect.rose),
                                   .effect = effect.effect,
                                   .feature = std::string(to_string(effect.feature))});
  }
  std::stable_sort(reasons.begin(), reasons.end(),
                   [](const HealthReason& left, const HealthReason& right) {
                     return std::fabs(left.effect) > std::fabs(right.effect);
                   });
  reasons.shrink_to_fit();  // reports keep thousands of these: no slack
  return reasons;
}

std::vector<HealthReason> strongest(std::vector<HealthReason> reasons) {
  std::vector<HealthReason> chosen;
  auto take = [&](auto keeps, std::size_t limit) {
    std::size_t taken = 0;
    for (auto& reason : reasons)
      if (taken < limit && keeps(reason.effect)) {
        chosen.push_back(std::move(reason));
        ++taken;
      }
  };
  chosen.reserve(kLoweringReasons + kRaisingReasons);
  take([](double effect) { return effect < 0; }, kLoweringReasons);
  take([](double effect) { return effect > 0; }, kRaisingReasons);
  chosen.shrink_to_fit();
  return chosen;
}

}  // namespace rearview::analysis

namespace rearview {

std::vector<HealthReason> explain_change(const HealthModel& model, const HealthFeatures& before,
                                         const HealthFeatures& after) {
  const HealthVector inputs[] = {before.values(), after.values()};
  std::vector<double> scores = model.points(inputs);
  const analysis::Comparison comparison[] = {{.before = 0, .after = 1}};
  analysis::ChangeEffects effects = analysis::effects_of_changes(model, inputs, scores, comparison);
  return analysis::reasons_for(effects.of(0), before, after);
}

}  // namespace rearview
