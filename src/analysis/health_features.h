// Health features read from the deal index, and the timeline items behind each.
#pragma once

#include <vector>

#include "deal_index.h"

namespace rearview::analysis {

// "Recent" for the threading and meeting features.
inline constexpr double kRecentDays = 30;

// Whether the learned model reads the feature (the rules read them all).
bool read_by_learned_model(HealthFeature feature);

// Overwrites every field; reusing one object across a sweep keeps its strings' storage.
void fill_features(const DealIndex& index, Timestamp at, HealthFeatures& features);

// The timeline items a feature's value at `at` rests on.
std::vector<Id> evidence_for(const DealIndex& index, HealthFeature feature, Timestamp at);

}  // namespace rearview::analysis
