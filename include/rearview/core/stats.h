// The headline numbers of an organisation's data, as `rearview stats` shows them.
#pragma once

#include <optional>

#include "rearview/core/deal_queries.h"

namespace rearview {

struct CycleSummary {
  double mean_days = 0;
  double median_days = 0;
};

struct Stats {
  RecordCounts counts;
  std::optional<double> win_rate;           // won / (won + lost); none when nothing closed
  std::optional<CycleSummary> won_cycle;    // closed time - created time of won deals
  long long won_cycle_excluded = 0;         // won deals closed before they were created
  long long won_cycle_implausible = 0;      // won deals with a date outside is_plausible()
};

Result<Stats> compute_stats(DealQueries& deals);

// Mean and median of a non-empty set of values (the median of an even count
// is the mean of the middle two).
CycleSummary summarize(std::vector<double> values);

}  // namespace rearview
