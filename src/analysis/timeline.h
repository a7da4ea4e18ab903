// The deal's history as one list of dated items, each with a unique id that
// tells and health reasons point to.
#pragma once

#include <vector>

#include "deal_index.h"

namespace rearview::analysis {

// Ordered by time; at equal times the creation comes first and the close last.
std::vector<TimelineItem> build_timeline(const DealIndex& index);

// "Pat Buyer <pat@acme.com> (from)"; a meeting's sender is its "(organizer)".
std::string participant_text(const DealIndex& index, const Participant& participant,
                             InteractionKind kind = InteractionKind::email);

// The label the catalogue gives a milestone key (the key itself when unknown).
std::string milestone_label(const DealIndex& index, const MilestoneAttainment& attainment);

}  // namespace rearview::analysis
