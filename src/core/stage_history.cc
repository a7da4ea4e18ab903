#include "rearview/core/stage_history.h"

namespace rearview {
namespace {

void enter(StageEntriesAndClose& result, const OpportunityForDerivation& opportunity,
           const std::string& stage, Timestamp at) {
  if (!result.entries.empty() && result.entries.back().stage == stage) return;
  StageEntry entry;
  entry.opportunity_id = opportunity.id;
  entry.sequence = int(result.entries.size());
  entry.stage = stage;
  entry.entered_at = at;
  result.entries.push_back(std::move(entry));
}

// Without history all we know is the current stage: a closed deal has been
// in it since its close date, an open one since its creation.
std::optional<Timestamp> entry_time_without_history(const OpportunityForDerivation& opportunity) {
  std::optional<Timestamp> close;
  if (opportunity.close_date) close = Timestamp{*opportunity.close_date};
  if (opportunity.outcome != Outcome::open && close) return close;
  return opportunity.created_at ? opportunity.created_at : close;
}

}  // namespace

StageEntriesAndClose derive_stage_entries(const OpportunityForDerivation& opportunity,
                                          const IsClosedStage& is_closed_stage) {
  StageEntriesAndClose result;
  for (const auto& row : opportunity.history)
    if (!row.stage.empty()) enter(result, opportunity, row.stage, row.changed_at);

  if (result.entries.empty()) {
    if (auto at = entry_time_without_history(opportunity)) enter(result, opportunity, opportunity.stage, *at);
  } else if (!opportunity.stage.empty() && result.entries.back().stage != opportunity.stage) {
    Timestamp last_known = result.entries.back().entered_at;
    Timestamp at = opportunity.last_stage_change_at && *opportunity.last_stage_change_at >= last_known
                       ? *opportunity.last_stage_change_at
                       : last_known;
    enter(result, opportunity, opportunity.stage, at);
  }

  if (opportunity.outcome != Outcome::open) {
    if (!result.entries.empty() && is_closed_stage(result.entries.back().stage)) {
      result.closed_at = result.entries.back().entered_at;
    } else if (opportunity.close_date) {
      result.closed_at = Timestamp{*opportunity.close_date};
    }
  }
  return result;
}

}  // namespace rearview
