// How an opportunity moved through the stages, derived from the CRM's
// history snapshots. Pure functions: no storage, no clock.
#pragma once

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "rearview/core/model.h"

namespace rearview {

// What deriving the stage history of one opportunity needs to know.
struct OpportunityForDerivation {
  Id id;
  std::string stage;
  Outcome outcome = Outcome::open;
  std::optional<Timestamp> created_at;
  std::optional<Date> close_date;
  std::optional<Timestamp> last_stage_change_at;
  std::vector<OpportunityHistoryRow> history;  // ordered by time, then export position
};

struct StageEntriesAndClose {
  std::vector<StageEntry> entries;
  std::optional<Timestamp> closed_at;
};

using IsClosedStage = std::function<bool(std::string_view stage)>;

// Each time the opportunity entered a stage, the stage it was created in
// included. When the CRM's current stage differs from the last snapshot the
// history is incomplete; the current stage is then entered at its last stage
// change (or the last snapshot's time when that is unknown). Without any
// history, a closed deal entered its stage on its close date and an open one
// at its creation.
// The closed time of a closed deal is when it last entered its final closed
// stage according to the history, else its close date (midnight UTC).
StageEntriesAndClose derive_stage_entries(const OpportunityForDerivation& opportunity,
                                          const IsClosedStage& is_closed_stage);

}  // namespace rearview
