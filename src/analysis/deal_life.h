// The span of a deal's life and its stays in the stages, computed one way for
// reports and for the won cohort alike.
#pragma once

#include <expected>
#include <optional>
#include <vector>

#include "catalogue.h"
#include "rearview/analysis/snapshot.h"
#include "rearview/core/cycle.h"

namespace rearview::analysis {

// The earlier of creation and the first interaction; none without either.
std::optional<Timestamp> first_touch(const OpportunitySnapshot& snapshot);

// When a closed deal closed: its closed time, else its close date (midnight
// UTC), as the import derives it; none for an open deal or without either.
std::optional<Timestamp> closed_time(const OpportunitySnapshot& snapshot);

// Where the deal's life ends: its closed time when it is closed, `as_of`
// while it is open (and for a closed deal without a closed time).
Timestamp end_of_life(const OpportunitySnapshot& snapshot, Timestamp as_of);

// cycle_days() of the deal: creation to its closed time, or to `as_of` while
// it is open. Reports and the won cohort both measure it here.
std::expected<double, NoCycle> cycle_of(const OpportunitySnapshot& snapshot, Timestamp as_of);

// The stage entries in time order (entries at the same time keep their order).
std::vector<const StageEntry*> entries_in_time_order(const OpportunitySnapshot& snapshot);

struct StayTimes {
  const StageEntry* entry = nullptr;
  std::optional<Timestamp> left_at;  // when the next stay began
  double days = 0;
  bool is_closed = false;
};

// Each stay runs until the next entry; the last one until `end`, except that
// a closed stage the deal ended in has 0 days (the deal was over). Entries
// after `end` and out-of-order times give 0, never negative, days.
std::vector<StayTimes> stays_of(const std::vector<const StageEntry*>& entries, Timestamp end,
                                const StageCatalogue& catalogue);

}  // namespace rearview::analysis
