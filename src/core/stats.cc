#include "rearview/core/stats.h"

#include <algorithm>
#include <numeric>

namespace rearview {

CycleSummary summarize(std::vector<double> values) {
  CycleSummary summary;
  if (values.empty()) return summary;
  summary.mean_days = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  auto middle = values.begin() + std::ptrdiff_t(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  double upper = *middle;
  if (values.size() % 2 == 1) {
    summary.median_days = upper;
  } else {
    double lower = *std::max_element(values.begin(), middle);
    summary.median_days = (lower + upper) / 2;
  }
  return summary;
}

Result<Stats> compute_stats(DealQueries& deals) {
  Stats stats;
  auto counts = deals.counts();
  if (!counts) return std::unexpected(counts.error());
  stats.counts = *counts;
  long long closed = counts->opportunities_won + counts->opportunities_lost;
  if (closed > 0) stats.win_rate = double(counts->opportunities_won) / double(closed);

  auto spans = deals.spans(DealFilter{.outcome = OutcomeFilter::won});
  if (!spans) return std::unexpected(spans.error());
  std::vector<double> cycles;
  cycles.reserve(spans->size());
  for (const auto& span : *spans) {
    // Data entered after the fact (a CRM loaded from elsewhere) can close a
    // deal before its creation; such a cycle says nothing about speed.
    if (span.closed_at < span.created_at) {
      ++stats.won_cycle_excluded;
      continue;
    }
    if (!is_plausible(span.created_at) || !is_plausible(span.closed_at)) {
      ++stats.won_cycle_implausible;
      continue;
    }
    cycles.push_back(days_between(span.created_at, span.closed_at));
  }
  if (!cycles.empty()) stats.won_cycle = summarize(std::move(cycles));
  return stats;
}

}  // namespace rearview
