// Each stay in each stage, against won deals, with the stage's milestones.
#pragma once

#include <string>
#include <vector>

#include "deal_index.h"

namespace rearview::analysis {

std::vector<StageStay> stage_history(const DealIndex& index);

// The open stage furthest along the sales process the deal ever entered;
// empty when it never entered an open stage.
std::string furthest_stage(const DealIndex& index);

}  // namespace rearview::analysis
