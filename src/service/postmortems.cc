#include "rearview/service/postmortems.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "derived_codec.h"
#include "parallel_snapshots.h"
#include "rearview/service/live_engine.h"
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

namespace {

// The report says which model scored it and what it learned from.
PostmortemReport labelled(PostmortemReport report, const AnalysisContext& context) {
  if (context.version > 0)
    report.health_model = fmt::format("{}; version {}, learned {}", report.health_model,
                                      context.version, format_timestamp(context.built_at));
  return report;
}

}  // namespace

Result<PostmortemReport> postmortem(SnapshotSource& snapshots, const AnalysisContext& context,
                                    const Id& id, Timestamp as_of) {
  auto snapshot = snapshots.snapshot(id);
  if (!snapshot) return std::unexpected(snapshot.error());
  if (!*snapshot) return fail(ErrorCode::not_found, fmt::format("no opportunity has the id {}", id));
  AnalysisSettings settings = context.settings;
  settings.as_of = as_of;
  return labelled(analyze(**snapshot, context.cohort, context.model, settings), context);
}

Result<long long> for_each_postmortem(SnapshotSource& snapshots, const AnalysisContext& context,
                                      const DealFilter& filter, const OutputFormat* format,
                                      const std::function<Result<void>(AnalysedDeal&)>& visit) {
  // cairo and Pango are not shared across threads here: PDFs render on the
  // calling thread, the text formats on the workers.
  bool render_on_workers = format && format->name != "pdf";
  auto work = [&](const OpportunitySnapshot& deal) {
    AnalysedDeal analysed{
        labelled(analyze(deal, context.cohort, context.model, context.settings), context),
        std::string()};
    if (render_on_workers) analysed.rendered = render_report(analysed.report, *format);
    return analysed;
  };
  auto consume = [&](AnalysedDeal& analysed) {
    if (format && !render_on_workers) analysed.rendered = render_report(analysed.report, *format);
    return visit(analysed);
  };
  return for_each_snapshot_in_parallel<AnalysedDeal>(snapshots, filter, SnapshotDetail::full, work,
                                                     consume);
}

std::size_t analysis_threads() {
  return std::max<std::size_t>(1, std::thread::hardware_concurrency());
}

Result<TellBacktest> backtest_tells(SnapshotSource& snapshots, const AnalysisContext& context) {
  TellBacktest backtest;
  auto visited = for_each_snapshot_in_parallel<PostmortemReport>(
      snapshots, DealFilter{.outcome = OutcomeFilter::closed}, SnapshotDetail::without_bodies,
      [&](const OpportunitySnapshot& deal) {
        return analyze(deal, context.cohort, context.model, context.settings);
      },
      [&](const PostmortemReport& report) -> Result<void> {
        backtest.add(report);
        return {};
      });
  if (!visited) return std::unexpected(visited.error());
  return backtest;
}

namespace {

// Reads every closed deal's current stored analysis, then analyses the
// closed deals that have none (queued since the last refresh, or never analysed).
Result<TellBacktest> backtest_from_stored_analyses(Session& session, const AnalysisContext& context) {
  TellBacktest backtest;
  auto read = session.derived().for_each_current_closed_analysis(
      context.version, [&](const StoredAnalysis& stored) -> Result<void> {
        auto tells = tells_from_json(stored.analysis);
        if (!tells) return std::unexpected(tells.error());
        backtest.add(stored.outcome, *tells);
        return {};
      });
  if (!read) return std::unexpected(read.error());
  auto rest = session.derived().closed_deals_without_current_analysis(context.version);
  if (!rest) return std::unexpected(rest.error());
  for (const auto& id : *rest) {
    auto deal = session.snapshots().snapshot(id);
    if (!deal) return std::unexpected(deal.error());
    if (*deal) backtest.add(analyze(**deal, context.cohort, context.model, context.settings));
  }
  return backtest;
}

}  // namespace

Result<TellBacktest> backtest_tells(Session& session, const AnalysisContext& context) {
  // Stored analyses were computed with the stored context of every won deal;
  // a context built in memory or narrowed to a cohort needs its own.
  bool stored_context = context.version > 0 && context.filter == CohortFilter{};
  if (stored_context) return backtest_from_stored_analyses(session, context);
  return backtest_tells(session.snapshots(), context);
}

Result<PhraseBacktest> backtest_phrases(SnapshotSource& snapshots) {
  PhraseBacktest backtest;
  auto visited = snapshots.for_each_snapshot(
      DealFilter{.outcome = OutcomeFilter::closed},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        backtest.add(deal);
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
  auto built = current_context(session_, settings_, clock_.now(), cohort);
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

namespace rearview::service {

Result<std::vector<Tell>> stored_tells(Session& session, const Id& opportunity_id) {
  auto stored = session.derived().analysis(opportunity_id);
  if (!stored) return std::unexpected(stored.error());
  if (!*stored) return std::vector<Tell>{};
  return tells_from_json((*stored)->analysis);
}

Result<std::string> analysis_version(Session& session, const Id& opportunity_id) {
  auto transaction = session.read_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto stored = session.derived().analysis(opportunity_id);
  if (!stored) return std::unexpected(stored.error());
  auto queued = session.derived().queued_stamp(opportunity_id);
  if (!queued) return std::unexpected(queued.error());
  std::string version = "none";
  if (*stored)
    version = fmt::format("{}-{}-{:x}", (*stored)->context_version,
                          (*stored)->computed_at.time_since_epoch().count(),
                          std::hash<std::string>{}((*stored)->analysis));
  if (*queued) version += fmt::format("-q{:x}", static_cast<unsigned long long>(**queued));
  return version;
}

}  // namespace rearview::service
