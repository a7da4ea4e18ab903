// What a health feature's value means, in plain words with the facts.
#pragma once

#include <string>

#include "rearview/analysis/health.h"

namespace rearview::analysis {

// `favourable`: whether the feature helps the score, which picks the wording
// ("the buyer replied 2 days ago" rather than "no reply for 2 days").
std::string feature_text(HealthFeature feature, const HealthFeatures& features, bool favourable);

}  // namespace rearview::analysis
