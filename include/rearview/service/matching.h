// Running matching over the database: every interaction from outside the
// CRM decided again against what the CRM knows now (docs/matching.md), and
// the review queue people work through.
#pragma once

#include <optional>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/importers/import.h"
#include "rearview/service/clock.h"

namespace rearview::service {

struct MatchingReport {
  long long considered = 0;  // interactions read
  long long kept = 0;        // on a deal by the CRM or by hand: left as they are
  long long linked = 0;
  long long review = 0;
  long long unmatched = 0;
  long long changed = 0;  // whose link or queue entry this run changed
};

// One write transaction: a kill leaves the previous run's decisions whole.
// `progress` counts interactions, not bytes.
Result<MatchingReport> run_matching(Session& session, const Settings& settings,
                                    const Clock& clock, ImportProgress* progress = nullptr);

// The review queue (then the unmatched), oldest first; `only` narrows it.
Result<std::vector<QueuedInteraction>> matching_queue(Session& session,
                                                      std::optional<MatchStatus> only,
                                                      std::size_t limit);

}  // namespace rearview::service
