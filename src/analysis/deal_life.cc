#include "deal_life.h"

#include <algorithm>

#include "rearview/core/time.h"

namespace rearview::analysis {

std::optional<Timestamp> first_touch(const OpportunitySnapshot& snapshot) {
  std::optional<Timestamp> first = snapshot.opportunity.created_at;
  for (const auto& interaction : snapshot.interactions)
    if (!first || interaction.occurred_at < *first) first = interaction.occurred_at;
  return first;
}

std::optional<Timestamp> closed_time(const OpportunitySnapshot& snapshot) {
  if (snapshot.opportunity.outcome == Outcome::open) return std::nullopt;
  if (snapshot.closed_at) return snapshot.closed_at;
  if (snapshot.opportunity.close_date) return Timestamp{*snapshot.opportunity.close_date};
  return std::nullopt;
}

Timestamp end_of_life(const OpportunitySnapshot& snapshot, Timestamp as_of) {
  return closed_time(snapshot).value_or(as_of);
}

std::expected<double, NoCycle> cycle_of(const OpportunitySnapshot& snapshot, Timestamp as_of) {
  bool open = snapshot.opportunity.outcome == Outcome::open;
  return cycle_days(snapshot.opportunity.created_at, open ? as_of : closed_time(snapshot));
}

std::vector<const StageEntry*> entries_in_time_order(const OpportunitySnapshot& snapshot) {
  std::vector<const StageEntry*> entries;
  entries.reserve(snapshot.stage_entries.size());
  for (const auto& entry : snapshot.stage_entries) entries.push_back(&entry);
  std::stable_sort(entries.begin(), entries.end(),
                   [](const StageEntry* left, const StageEntry* right) {
                     return left->entered_at < right->entered_at;
                   });
  return entries;
}

std::vector<StayTimes> stays_of(const std::vector<const StageEntry*>& entries, Timestamp end,
                                const StageCatalogue& catalogue) {
  std::vector<StayTimes> stays;
  stays.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    StayTimes stay{.entry = entries[i], .is_closed = catalogue.is_closed(entries[i]->stage)};
    bool last = i + 1 == entries.size();
    if (!last) stay.left_at = entries[i + 1]->entered_at;
    Timestamp until = last ? end : *stay.left_at;
    bool ended_in_this_closed_stage = last && stay.is_closed;
    if (!ended_in_this_closed_stage)
      stay.days = std::max(0.0, days_between(stay.entry->entered_at, until));
    stays.push_back(stay);
  }
  return stays;
}

}  // namespace rearview::analysis
