// The configured sales process, looked up by stage name.
#pragma once

#include <limits>
#include <string_view>
#include <vector>

#include "rearview/core/model.h"

namespace rearview::analysis {

// Stages the catalogue lacks come before every known one in the order.
inline constexpr int kUnknownStageOrder = std::numeric_limits<int>::min();

class StageCatalogue {
 public:
  explicit StageCatalogue(const std::vector<Stage>& stages) : stages_(&stages) {}

  const Stage* find(std::string_view name) const;
  // Unknown stages are guessed from their name ("Closed Lost" is closed).
  bool is_closed(std::string_view name) const;
  int order(std::string_view name) const;
  // The configured stage when it is one of the catalogue's open stages; else
  // (also when nothing is configured) the first open stage with at least this
  // probability. None when there is no such stage.
  const Stage* threshold_stage(std::string_view configured, double probability) const;

 private:
  const std::vector<Stage>* stages_;
};

}  // namespace rearview::analysis
