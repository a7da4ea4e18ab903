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
#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/clock.h"
#include "rearview/service/formats.h"
#include "rearview/storage/sqlite_database.h"

namespace rearview::service {

// The database behind a path (SQLite, the embedded engine).
Result<std::unique_ptr<Database>> open_database(const std::filesystem::path& file, OpenMode mode);

// A database with one session on it: what a front-end that does one thing
// at a time needs. The session ends before the database.
struct DatabaseSession {
  std::unique_ptr<Database> database;
  std::unique_ptr<Session> session;
};
Result<DatabaseSession> open_session(const std::filesystem::path& file, OpenMode mode);

// One deal's postmortem, open deals measured up to `as_of`.
Result<PostmortemReport> postmortem(SnapshotSource& snapshots, const AnalysisContext& context,
                                    const Id& id, Timestamp as_of);

// A deal's postmortem and, when a format was asked for, its rendering.
struct AnalysedDeal {
  PostmortemReport report;
  Result<std::string> rendered;
};

// The postmortem of every deal that `filter` admits, analysed (and rendered
// in `format`, unless it is null) on every core, visited one at a time in id
// order on the calling thread; memory stays flat. Returns how many were visited.
Result<long long> for_each_postmortem(SnapshotSource& snapshots, const AnalysisContext& context,
                                      const DealFilter& filter, const OutputFormat* format,
                                      const std::function<Result<void>(AnalysedDeal&)>& visit);

// How many threads analyse many deals at once (one per core).
std::size_t analysis_threads();

// "The tells we missed", over every closed deal, each analysed again.
Result<TellBacktest> backtest_tells(SnapshotSource& snapshots, const AnalysisContext& context);
// The same from the deals' stored analyses when `context` is the stored one
// (current_context of every won deal): only closed deals changed since the
// last refresh are analysed again. Inside one read transaction of `session`.
Result<TellBacktest> backtest_tells(Session& session, const AnalysisContext& context);

// Which tracked phrases were said before the close on lost and won deals
// (the hits kept by the last refresh).
Result<PhraseBacktest> backtest_phrases(SnapshotSource& snapshots);

// The health score measured on held-out closed deals.
Result<HealthEvaluation> evaluate_health(SnapshotSource& snapshots, StageCatalogue& stages,
                                         const Settings& settings, Timestamp as_of,
                                         double holdout_fraction, std::uint64_t seed);

struct RenderedReport {
  Id opportunity_id;
  const OutputFormat* format = nullptr;
  std::string bytes;
};

// A deal's tells as the live engine last stored them (none before its first
// analysis): what lists show without analysing the deal again.
Result<std::vector<Tell>> stored_tells(Session& session, const Id& opportunity_id);

// Changes whenever the deal's stored analysis does, and while it waits in
// the live engine's queue: what a page that keeps itself current compares.
Result<std::string> analysis_version(Session& session, const Id& opportunity_id);

// One database's postmortems for a long-lived front-end (a server): the
// analysis context of each cohort asked for is built once and kept until
// invalidate(). Used by one thread at a time, like its session: one per session.
class Postmortems {
 public:
  Postmortems(Session& session, Settings settings, const Clock& clock);

  Result<const AnalysisContext*> context(const CohortFilter& cohort = {});
  // `opportunity` is an id or a unique part of a name (resolve_opportunity).
  Result<PostmortemReport> report(const std::string& opportunity, const CohortFilter& cohort = {});
  Result<RenderedReport> rendered(const std::string& opportunity, std::string_view format,
                                  const CohortFilter& cohort = {});
  // The deals changed (an import, a milestone): contexts are rebuilt on next use.
  void invalidate() { contexts_.clear(); }

 private:
  Session& session_;
  Settings settings_;
  const Clock& clock_;
  std::vector<std::pair<CohortFilter, std::unique_ptr<AnalysisContext>>> contexts_;
};

}  // namespace rearview::service
