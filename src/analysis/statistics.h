// Order statistics and ranks over plain numbers.
#pragma once

#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/cycle.h"

namespace rearview::analysis {

// Median and quartiles of non-empty values, as summarize() computes them.
Distribution distribution_of(std::vector<double> values);
Distribution distribution_of(const CycleSummary& summary);

double median_of(std::vector<double> values);  // of non-empty values

}  // namespace rearview::analysis
