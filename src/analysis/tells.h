// The early-warning tells of one deal, each with when it first fired and when
// it cleared.
#pragma once

#include <vector>

#include "deal_index.h"

namespace rearview::analysis {

// Every tell is a condition on the deal's state at a moment, and the state
// only changes at known moments (an event, or a threshold after one: 14 days
// after the last interaction, ...). Evaluating at exactly those moments gives
// the exact times a tell fired and cleared, with no daily rounding. Open
// deals are evaluated up to as_of; closed deals up to, not at, their close.
// A tell that clears and fires again gives a separate entry.
std::vector<Tell> evaluate_tells(const DealIndex& index);

}  // namespace rearview::analysis
