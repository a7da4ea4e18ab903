// The role that reads the sales process as the database keeps it: the
// stages an import wrote, with their milestone definitions.
#pragma once

#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

class StageCatalogue {
 public:
  virtual ~StageCatalogue() = default;
  // Ordered by sort order, then name; milestones in their configured order.
  virtual Result<std::vector<Stage>> stages() = 0;
};

}  // namespace rearview
