// A deal's cycle, defined once: `rearview stats`, the won cohort every report
// compares with, and each report's own cycle all measure it here, so their
// figures cannot drift apart.
#pragma once

#include <expected>
#include <optional>
#include <vector>

#include "rearview/core/time.h"

namespace rearview {

// Why a deal has no cycle. Such a deal is left out of the won deals'
// figures, and its report says why it shows none.
enum class NoCycle {
  not_created,          // its creation time is not recorded
  not_closed,           // closed, but neither its closed time nor its close date is recorded
  ends_before_created,  // closed (or, open, measured as of a time) before its creation:
                        // data entered after the fact, which says nothing about speed
  implausible_date,     // a time outside is_plausible() (year 0001, 9999)
};

// The cycle in days: the closed time minus the created time. For a deal that
// is still open, `ended_at` is the time it is measured at (as_of), which
// gives its cycle so far. The first touch, when it came before the creation,
// is not part of the cycle: a CRM records creation for every deal, but an
// e-mail before it only for some.
std::expected<double, NoCycle> cycle_days(std::optional<Timestamp> created_at,
                                          std::optional<Timestamp> ended_at);

// Mean, median and quartiles of a set of day counts (cycles, stays in a
// stage). The values are sorted before they are summed, so the figures do
// not depend on the order they were collected in: `stats` and the won cohort
// read the same deals in different orders and still agree to the last digit.
struct CycleSummary {
  double mean_days = 0;
  double median_days = 0;
  double p25_days = 0;
  double p75_days = 0;
  long long deals = 0;  // how many values
};

// Of non-empty values; quartiles interpolate between neighbours, so the
// median of an even count is the mean of the middle two.
CycleSummary summarize(std::vector<double> values);

}  // namespace rearview
