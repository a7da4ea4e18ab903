#include "rearview/core/stats.h"

namespace rearview {

Result<Stats> compute_stats(Store& store) {
  Stats stats;
  auto counts = store.counts();
  if (!counts) return std::unexpected(counts.error());
  stats.counts = *counts;
  long long closed = counts->opportunities_won + counts->opportunities_lost;
  if (closed > 0) stats.win_rate = double(counts->opportunities_won) / double(closed);

  // The store only returns won deals with both times; the others are undated.
  auto spans = store.won_opportunity_spans();
  if (!spans) return std::unexpected(spans.error());
  stats.won_cycle_undated = counts->opportunities_won - static_cast<long long>(spans->size());
  std::vector<double> cycles;
  cycles.reserve(spans->size());
  for (const auto& span : *spans) {
    auto cycle = cycle_days(span.created_at, span.closed_at);
    if (cycle) {
      cycles.push_back(*cycle);
      continue;
    }
    switch (cycle.error()) {
      case NoCycle::ends_before_created:
        ++stats.won_cycle_excluded;
        break;
      case NoCycle::implausible_date:
        ++stats.won_cycle_implausible;
        break;
      case NoCycle::not_created:
      case NoCycle::not_closed:
        ++stats.won_cycle_undated;
        break;
    }
  }
  if (!cycles.empty()) stats.won_cycle = summarize(std::move(cycles));
  return stats;
}

}  // namespace rearview
