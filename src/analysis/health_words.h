// What changed in a health feature, in plain words with the facts.
#pragma once

#include <string>

#include "rearview/analysis/health.h"

namespace rearview::analysis {

// The feature between two moments, with both values: "meetings with the buyer
// in the last 30 days fell from 3 to 2". `rose`: whether its input
// (HealthFeatures::values()) rose, which the words follow.
std::string change_text(HealthFeature feature, const HealthFeatures& before,
                        const HealthFeatures& after, bool rose);

}  // namespace rearview::analysis
