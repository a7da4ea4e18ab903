// Why a score moved between two moments, input by input.
#pragma once

#include <span>
#include <vector>

#include "rearview/analysis/health.h"

namespace rearview::analysis {

// Moves smaller than this many points are noise and are not given as reasons.
inline constexpr double kSmallestEffect = 0.5;

// Two scored moments: positions into the inputs and scores of a sweep.
struct Comparison {
  std::size_t before = 0;
  std::size_t after = 0;
};

// How much one input's change moved the score: the score at `before` with
// only that input moved to its `after` value, minus the score at `before`.
// (Holding the others at their `after` values instead would let a deal that
// is hopeless for several reasons show each of them as hardly mattering.) A
// model that follows the declared directions moves the score with the input
// for a feature that raises it and against it for one that lowers it, so the
// sign always agrees with the words. The effects of several changes need not
// add up to the whole move.
struct InputEffect {
  HealthFeature feature{};
  bool rose = false;  // the input rose from `before` to `after`
  double effect = 0;  // points
};

struct ChangeEffects {
  std::vector<InputEffect> effects;  // comparison by comparison, inputs in feature order
  std::vector<std::size_t> starts;   // comparison c: effects[starts[c], starts[c + 1])
  std::span<const InputEffect> of(std::size_t comparison) const;
};

// Every changed input of every comparison, scored in one call to the model.
ChangeEffects effects_of_changes(const HealthModel& model, std::span<const HealthVector> inputs,
                                 std::span<const double> scores,
                                 std::span<const Comparison> comparisons);

// The effects of at least kSmallestEffect as reasons in words, largest first
// (equal ones in feature order); no evidence yet.
std::vector<HealthReason> reasons_for(std::span<const InputEffect> effects,
                                      const HealthFeatures& before, const HealthFeatures& after);

// The few that explain a score best: the three that lowered it most, then
// the two that raised it most.
std::vector<HealthReason> strongest(std::vector<HealthReason> reasons);

}  // namespace rearview::analysis
