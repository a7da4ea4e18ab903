// Keeping the trackers' hits current (docs/trackers.md): every interaction
// not yet scanned under the trackers as configured now is read and its hits
// kept. The live engine's refresh runs it first, so the tells and the
// back-test see every phrase.
#pragma once

#include <functional>

#include "rearview/core/database.h"
#include "rearview/core/settings.h"

namespace rearview::service {

struct TrackerScanReport {
  long long scanned = 0;    // interactions read
  long long with_hits = 0;  // of those, with at least one hit
  long long hits = 0;       // hits kept for them
};

using ScanProgress = std::function<void(long long done, long long total)>;

// Inside the caller's write transaction.
Result<TrackerScanReport> scan_trackers(Session& session, const Settings& settings,
                                        const ScanProgress& progress = {});

}  // namespace rearview::service
