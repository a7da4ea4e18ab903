// The deal's health over its life, as a compact series of points.
#pragma once

#include <vector>

#include "deal_index.h"

namespace rearview::analysis {

// The score is computed at every timeline event and every day from the first
// touch to the close (or as_of), all in one call to the model. A point is
// kept at each event, on a day only when the score (in whole points)
// changed, and at the end. A point's `changes` say what moved the score since
// the previous point, its `reasons` what moved it since the first point (the
// deal at its first touch); both as changes of inputs, each with the points
// it moved the score.
std::vector<HealthPoint> health_over_time(const DealIndex& index,
                                          const std::vector<TimelineItem>& timeline,
                                          const HealthModel& model);

}  // namespace rearview::analysis
