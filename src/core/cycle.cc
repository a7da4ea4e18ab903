#include "rearview/core/cycle.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace rearview {

std::expected<double, NoCycle> cycle_days(std::optional<Timestamp> created_at,
                                          std::optional<Timestamp> ended_at) {
  if (!created_at) return std::unexpected(NoCycle::not_created);
  if (!ended_at) return std::unexpected(NoCycle::not_closed);
  if (*ended_at < *created_at) return std::unexpected(NoCycle::ends_before_created);
  if (!is_plausible(*created_at) || !is_plausible(*ended_at))
    return std::unexpected(NoCycle::implausible_date);
  return days_between(*created_at, *ended_at);
}

namespace {

// The q-quantile (0..1) of non-empty sorted values, interpolating between neighbours.
double quantile(const std::vector<double>& sorted_values, double q) {
  double position = q * double(sorted_values.size() - 1);
  auto below = std::size_t(std::floor(position));
  auto above = std::min(below + 1, sorted_values.size() - 1);
  double fraction = position - double(below);
  return sorted_values[below] + (sorted_values[above] - sorted_values[below]) * fraction;
}

}  // namespace

CycleSummary summarize(std::vector<double> values) {
  CycleSummary summary;
  if (values.empty()) return summary;
  std::sort(values.begin(), values.end());
  summary.mean_days = std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
  summary.median_days = quantile(values, 0.5);
  summary.p25_days = quantile(values, 0.25);
  summary.p75_days = quantile(values, 0.75);
  summary.deals = static_cast<long long>(values.size());
  return summary;
}

}  // namespace rearview
