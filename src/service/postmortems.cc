#include "rearview/service/postmortems.h"

#include <fmt/format.h>

#include <algorithm>

#include "rearview/service/opportunity_lookup.h"

namespace rearview::service {

Result<std::unique_ptr<Database>> open_database(const std::filesystem::path& file, OpenMode mode) {
  return open_sqlite_database(file, mode);
}

Result<DatabaseSession> open_session(const std::filesystem::path& file, OpenMode mode) {
  auto database = open_database(file, mode);
  if (!database) return std::unexpected(database.error());
  auto session = (*database)->open_session();
  if (!session) return std::unexpected(session.error());
  return DatabaseSession{std::move(*database), std::move(*session)};
}

Result<PostmortemReport> postmortem(SnapshotSource& snapshots, const AnalysisContext& context,
                                    const Id& id, Timestamp as_of) {
  auto snapshot = snapshots.snapshot(id);
  if (!snapshot) return std::unexpected(snapshot.error());
  if (!*snapshot) return fail(ErrorCode::not_found, fmt::format("no opportunity has the id {}", id));
  AnalysisSettings settings = context.settings;
  settings.as_of = as_of;
  return analyze(**snapshot, context.cohort, context.model, settings);
}

Result<long long> for_each_postmortem(
    SnapshotSource& snapshots, const AnalysisContext& context, const DealFilter& filter,
    const std::function<Result<void>(const PostmortemReport&)>& visit) {
  return snapshots.for_each_snapshot(filter, [&](const OpportunitySnapshot& deal) -> Result<void> {
    return visit(analyze(deal, context.cohort, context.model, context.settings));
  });
}

Result<TellBacktest> backtest_tells(SnapshotSource& snapshots, const AnalysisContext& context) {
  TellBacktest backtest;
  auto visited = snapshots.for_each_snapshot(
      DealFilter{.outcome = OutcomeFilter::closed},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        backtest.add(analyze(deal, context.cohort, context.model, context.settings));
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!visited) return std::unexpected(visited.error());
  return backtest;
}

Result<HealthEvaluation> evaluate_health(SnapshotSource& snapshots, StageCatalogue& stages,
                                         const Settings& settings, Timestamp as_of,
                                         double holdout_fraction, std::uint64_t seed) {
  auto analysis = analysis_settings(stages, settings, as_of);
  if (!analysis) return std::unexpected(analysis.error());
  std::vector<OpportunitySnapshot> closed;
  auto visited = snapshots.for_each_snapshot(
      DealFilter{.outcome = OutcomeFilter::closed},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        closed.push_back(deal);
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!visited) return std::unexpected(visited.error());
  return evaluate(closed, *analysis, holdout_fraction, seed);
}

Postmortems::Postmortems(Session& session, Settings settings, const Clock& clock)
    : session_(session), settings_(std::move(settings)), clock_(clock) {}

Result<const AnalysisContext*> Postmortems::context(const CohortFilter& cohort) {
  auto cached = std::find_if(contexts_.begin(), contexts_.end(),
                             [&](const auto& entry) { return entry.first == cohort; });
  if (cached != contexts_.end()) return cached->second.get();
  auto built = build_analysis_context(session_.snapshots(), session_.stage_catalogue(), settings_,
                                      clock_.now(), cohort);
  if (!built) return std::unexpected(built.error());
  contexts_.emplace_back(cohort, std::make_unique<AnalysisContext>(std::move(*built)));
  return contexts_.back().second.get();
}

Result<PostmortemReport> Postmortems::report(const std::string& opportunity,
                                             const CohortFilter& cohort) {
  auto id = resolve_opportunity(session_.opportunities(), opportunity);
  if (!id) return std::unexpected(id.error());
  auto analysis = context(cohort);
  if (!analysis) return std::unexpected(analysis.error());
  return postmortem(session_.snapshots(), **analysis, *id, clock_.now());
}

Result<RenderedReport> Postmortems::rendered(const std::string& opportunity,
                                             std::string_view format_name,
                                             const CohortFilter& cohort) {
  auto format = output_format(format_name);
  if (!format) return std::unexpected(format.error());
  auto made = report(opportunity, cohort);
  if (!made) return std::unexpected(made.error());
  auto bytes = render_report(*made, **format);
  if (!bytes) return std::unexpected(bytes.error());
  return RenderedReport{made->opportunity.id, *format, std::move(*bytes)};
}

}  // namespace rearview::service
