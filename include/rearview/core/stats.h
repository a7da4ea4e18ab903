// The headline numbers of an organisation's data, as `rearview stats` shows them.
#pragma once

#include <optional>

#include "rearview/core/cycle.h"
#include "rearview/core/store.h"

namespace rearview {

struct Stats {
  StoreCounts counts;
  std::optional<double> win_rate;           // won / (won + lost); none when nothing closed
  std::optional<CycleSummary> won_cycle;    // cycle_days() of the won deals that have one
  long long won_cycle_excluded = 0;         // won deals closed before they were created
  long long won_cycle_implausible = 0;      // won deals with a date outside is_plausible()
  long long won_cycle_undated = 0;          // won deals without a created or closed time
};

Result<Stats> compute_stats(Store& store);

}  // namespace rearview
