// The parts of a learned health model: the trees and how they were learned.
#pragma once

#include <span>
#include <vector>

#include "boosted_trees.h"
#include "rearview/analysis/health.h"

namespace rearview {

struct LearnedHealthModel {
  analysis::BoostedTrees trees;
  Monotonicity monotonicity = Monotonicity::constrained;
  long long examples = 0;  // closed deals it learned from

  // The trees' probability of winning x 100, for every row in one call to
  // XGBoost.
  std::vector<double> points(std::span<const HealthVector> inputs) const;
};

namespace analysis {

// The features the trees read, in order.
const std::vector<HealthFeature>& tree_features();
// The trees' inputs: those features of each HealthVector as floats, one row
// after the other.
std::vector<float> tree_rows(std::span<const HealthVector> inputs);
// XGBoost's monotone constraints: each tree feature's declared direction.
std::vector<int> declared_directions();

}  // namespace analysis
}  // namespace rearview
