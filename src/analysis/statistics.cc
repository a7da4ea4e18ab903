#include "statistics.h"

#include <algorithm>
#include <cmath>

#include "rearview/analysis/health.h"

namespace rearview::analysis {

Distribution distribution_of(const CycleSummary& summary) {
  return Distribution{.median_days = summary.median_days,
                      .p25_days = summary.p25_days,
                      .p75_days = summary.p75_days,
                      .deals = summary.deals};
}

Distribution distribution_of(std::vector<double> values) {
  return distribution_of(summarize(std::move(values)));
}

double median_of(std::vector<double> values) { return summarize(std::move(values)).median_days; }

}  // namespace rearview::analysis

namespace rearview {

// Sorting both sides together, the rank sum of the positives gives U; tied
// scores share the mean of their ranks, which counts each tie as half.
std::optional<double> area_under_curve(const std::vector<double>& positive_scores,
                                       const std::vector<double>& negative_scores) {
  if (positive_scores.empty() || negative_scores.empty()) return std::nullopt;
  std::vector<std::pair<double, bool>> scored;
  scored.reserve(positive_scores.size() + negative_scores.size());
  // A NaN has no rank, and sorting with one is undefined behaviour.
  for (double score : positive_scores)
    if (!std::isnan(score)) scored.emplace_back(score, true);
  for (double score : negative_scores)
    if (!std::isnan(score)) scored.emplace_back(score, false);
  std::sort(scored.begin(), scored.end(),
            [](const auto& left, const auto& right) { return left.first < right.first; });
  double positive_rank_sum = 0;
  for (std::size_t first = 0; first < scored.size();) {
    std::size_t last = first;
    while (last + 1 < scored.size() && scored[last + 1].first == scored[first].first) ++last;
    double mean_rank = (double(first) + double(last)) / 2 + 1;
    for (std::size_t i = first; i <= last; ++i)
      if (scored[i].second) positive_rank_sum += mean_rank;
    first = last + 1;
  }
  auto positives = double(std::count_if(scored.begin(), scored.end(),
                                        [](const auto& entry) { return entry.second; }));
  double negatives = double(scored.size()) - positives;
  if (positives == 0 || negatives == 0) return std::nullopt;
  double u = positive_rank_sum - positives * (positives + 1) / 2;
  return u / (positives * negatives);
}

}  // namespace rearview
