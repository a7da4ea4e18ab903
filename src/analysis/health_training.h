// Which moment of a closed deal the health model learns from.
#pragma once

#include <optional>

#include "rearview/analysis/snapshot.h"

namespace rearview::analysis {

// Halfway between creation (else first touch) and close: late enough that the
// deal has a history, early enough that the outcome is not yet written in it.
// None for open deals and deals that closed before they started.
std::optional<Timestamp> mid_life(const OpportunitySnapshot& deal);

}  // namespace rearview::analysis
