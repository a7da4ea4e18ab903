// The span of a deal's life and its stays in the stages, computed one way for
// reports and for the won cohort alike.
#pragma once

#include <optional>
#include <vector>

#include "catalogue.h"
#include "rearview/analysis/snapshot.h"

namespace rearview::analysis {

// The earlier of creation and the first interaction; none without either.
std::optional<Timestamp> first_touch(const OpportunitySnapshot& snapshot);

// Where the deal's life ends: its closed time (else its close date) when it
// is closed, `as_of` while it is open.
Timestamp end_of_life(const OpportunitySnapshot& snapshot, Timestamp as_of);

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
