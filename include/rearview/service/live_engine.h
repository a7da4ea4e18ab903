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

#include "rearview/core/settings.h"
#include "rearview/core/store.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/clock.h"

namespace rearview::service {

struct RefreshResult {
  long long analysed = 0;          // deals whose analysis was computed and stored
  bool context_rebuilt = false;
  std::string rebuilt_because;     // in words, when it was rebuilt
  long long context_version = 0;
  std::string model;               // the health model, described
};

using RefreshProgress = std::function<void(long long done, long long total)>;

// Needs a store opened for writing. One transaction: a kill leaves the
// derived data as it was, and the next refresh does the work again.
Result<RefreshResult> refresh(Store& store, const Settings& settings, const Clock& clock,
                              const RefreshProgress& progress = {});

// The analysis context of every won deal: the stored one when it is current,
// else built from the deals (and not stored: this works on a read-only store).
// A narrowed cohort is always built (it is cheap next to the model), with the
// model and its version taken from the stored context when that is current.
Result<AnalysisContext> current_context(Store& store, const Settings& settings, Timestamp as_of,
                                        const CohortFilter& cohort = {});

}  // namespace rearview::service
