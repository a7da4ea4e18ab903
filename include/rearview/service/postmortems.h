// The postmortems of a database: what a front-end calls to show one deal's
// report, walk every deal's, back-test the tells or measure the health
// score. Front-ends parse their input, call these, and render or write what
// comes back; errors come back as values for them to map (an exit status, an
// HTTP status).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "rearview/analysis/backtest.h"
#include "rearview/analysis/health.h"
#include "rearview/core/settings.h"
#include "rearview/core/store.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/clock.h"
#include "rearview/service/formats.h"
#include "rearview/storage/sqlite_store.h"

namespace rearview::service {

// The database behind a path (SQLite, the embedded engine).
Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& database, OpenMode mode);

// One deal's postmortem, open deals measured up to `as_of`.
Result<PostmortemReport> postmortem(Store& store, const AnalysisContext& context, const Id& id,
                                    Timestamp as_of);

// A deal's postmortem and, when a format was asked for, its rendering.
struct AnalysedDeal {
  PostmortemReport report;
  Result<std::string> rendered;
};

// The postmortem of every deal that `filter` admits, analysed (and rendered
// in `format`, unless it is null) on every core, visited one at a time in id
// order on the calling thread; memory stays flat. Returns how many were visited.
Result<long long> for_each_postmortem(Store& store, const AnalysisContext& context,
                                      OpportunityFilter filter, const OutputFormat* format,
                                      const std::function<Result<void>(AnalysedDeal&)>& visit);

// How many threads analyse many deals at once (one per core).
std::size_t analysis_threads();

// "The tells we missed", over every closed deal.
Result<TellBacktest> backtest_tells(Store& store, const AnalysisContext& context);

// The health score measured on held-out closed deals.
Result<HealthEvaluation> evaluate_health(Store& store, const Settings& settings, Timestamp as_of,
                                         double holdout_fraction, std::uint64_t seed);

struct RenderedReport {
  Id opportunity_id;
  const OutputFormat* format = nullptr;
  std::string bytes;
};

// One database's postmortems for a long-lived front-end (a server): the
// analysis context of each cohort asked for is built once and kept until
// invalidate(). Not thread-safe: one per connection to the store.
class Postmortems {
 public:
  Postmortems(Store& store, Settings settings, const Clock& clock);

  Result<const AnalysisContext*> context(const CohortFilter& cohort = {});
  // `opportunity` is an id or a unique part of a name (resolve_opportunity).
  Result<PostmortemReport> report(const std::string& opportunity, const CohortFilter& cohort = {});
  Result<RenderedReport> rendered(const std::string& opportunity, std::string_view format,
                                  const CohortFilter& cohort = {});
  // The deals changed (an import, a milestone): contexts are rebuilt on next use.
  void invalidate() { contexts_.clear(); }

 private:
  Store& store_;
  Settings settings_;
  const Clock& clock_;
  std::vector<std::pair<CohortFilter, std::unique_ptr<AnalysisContext>>> contexts_;
};

}  // namespace rearview::service
