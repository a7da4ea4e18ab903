// The live engine: keeps every deal's analysis in the database current.
// Writers change records; the storage queues every deal whose inputs changed
// (core/derived_store.h); refresh() catches up. It re-analyses only the
// queued deals, unless the analysis context itself is out of date — closed
// deals changed (so the won cohort and the health model must be learned
// again), or the settings or rearview changed — in which case it rebuilds
// the context under a new version and re-analyses every deal.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/derived_store.h"
#include "rearview/core/settings.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/clock.h"
#include "rearview/service/trackers.h"

namespace rearview::service {

struct RefreshResult {
  long long analysed = 0;          // deals whose analysis was computed and stored
  bool context_rebuilt = false;
  std::string rebuilt_because;     // in words, when it was rebuilt
  long long context_version = 0;
  std::string model;               // the health model, described
  long long cohorts_refreshed = 0;  // narrowed comparison cohorts computed again
  TrackerScanReport trackers;       // interactions scanned for phrases first
};

// What refresh is doing: scanning interactions for the trackers' phrases,
// then analysing deals.
enum class RefreshPhase { scanning_interactions, analysing_deals };
using RefreshProgress =
    std::function<void(RefreshPhase phase, long long done, long long total)>;

// Needs a database opened for writing. One write transaction of `session`:
// a kill leaves the derived data as it was, and the next refresh does the
// work again. Every narrowed comparison cohort stored before, and each of
// `cohorts` (from now on), is kept current with the context's version.
Result<RefreshResult> refresh(Session& session, const Settings& settings, const Clock& clock,
                              const RefreshProgress& progress = {},
                              const std::vector<CohortFilter>& cohorts = {});

// The analysis context of every won deal: the stored one when it is current,
// else built from the deals (and not stored: this works on a read-only database).
// A narrowed cohort is read from the store when refresh keeps it for the
// current version, else built (it is cheap next to the model); the model and
// its version are the stored context's when that is current.
Result<AnalysisContext> current_context(Session& session, const Settings& settings, Timestamp as_of,
                                        const CohortFilter& cohort = {});

}  // namespace rearview::service
