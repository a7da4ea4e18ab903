// Gradient-boosted trees for a yes/no outcome: the one place that talks to
// XGBoost (its header stays in boosted_trees.cc).
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::analysis {

// Chosen on generated companies of 300 to 130,000 deals: shallow trees are
// enough for a dozen inputs, and 60 rounds at 0.2 score held-out deals as
// well as 120 at 0.1 (AUC and Brier within 0.001) in two thirds
// of the time, which every report pays at every point.
struct TreeSettings {
  int rounds = 60;
  int max_depth = 3;
  double learning_rate = 0.2;
  double min_child_weight = 2;
  // Per column: 1 the output may only rise with it, -1 only fall, 0 either.
  std::vector<int> monotone;
};

class BoostedTrees {
 public:
  // `rows`: row-major, `columns` values each; `outcomes`: 1 yes, 0 no.
  static Result<BoostedTrees> train(std::span<const float> rows, std::size_t columns,
                                    std::span<const float> outcomes, const TreeSettings& settings);
  // XGBoost's own model format (universal binary JSON).
  static Result<BoostedTrees> load(std::string_view bytes);
  std::string save() const;

  std::size_t columns() const { return columns_; }
  // The log-odds of "yes" for each row, in one call. Throws std::runtime_error
  // if XGBoost fails, which is a bug: the rows were checked. Several threads
  // may call it at once: XGBoost's in-place prediction keeps its results per
  // thread and booster (since 1.1), and load() has configured the booster.
  std::vector<double> log_odds(std::span<const float> rows) const;

 private:
  struct Booster;
  BoostedTrees(std::shared_ptr<const Booster> booster, std::size_t columns)
      : booster_(std::move(booster)), columns_(columns) {}
  std::shared_ptr<const Booster> booster_;
  std::size_t columns_ = 0;
};

}  // namespace rearview::analysis
