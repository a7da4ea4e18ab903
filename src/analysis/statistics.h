// Order statistics and ranks over plain numbers.
#pragma once

#include <vector>

#include "rearview/analysis/postmortem.h"

namespace rearview::analysis {

// The q-quantile (0..1) of sorted values, interpolating between neighbours
// (so the median of an even count is the mean of the middle two).
double quantile(const std::vector<double>& sorted_values, double q);

// Median and quartiles of non-empty values.
Distribution distribution_of(std::vector<double> values);

double median_of(std::vector<double> values);  // of non-empty values

}  // namespace rearview::analysis
