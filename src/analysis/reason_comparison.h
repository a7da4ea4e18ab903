// The buyer's reasons beside the rep's: what the interview says drove the
// outcome against what the CRM's loss or win reason and competitor say.
#pragma once

#include <optional>

#include "rearview/analysis/postmortem.h"

namespace rearview::analysis {

// None while the deal is open or has no interview.
std::optional<ReasonComparison> compare_reasons(const Opportunity& opportunity,
                                                const std::optional<BuyerInterview>& interview);

}  // namespace rearview::analysis
