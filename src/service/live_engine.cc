#include "rearview/service/live_engine.h"

#include <algorithm>

#include "derived_codec.h"
#include "parallel_snapshots.h"

namespace rearview::service {
namespace {

// Why the stored context cannot be used; empty when it can. A queued deal
// that closed, reopened or changed its outcome since it was last analysed
// (or a closed deal never analysed) puts the cohort and the model, learned
// from closed deals, out of date. A late change to a deal that stays closed
// (an activity logged afterwards) re-analyses that deal only; the cohort and
// the model take it in at their next rebuild.
Result<std::string> staleness(Session& session, const std::optional<StoredContext>& stored,
                              std::uint64_t fingerprint) {
  if (!stored) return std::string("no analysis was stored yet");
  if (stored->inputs_fingerprint != fingerprint)
    return std::string("the settings or rearview changed");
  auto changed = session.derived().queued_outcome_changes();
  if (!changed) return std::unexpected(changed.error());
  if (*changed > 0) return std::string("closed deals changed");
  return std::string();
}

Result<AnalysisContext> context_from(const StoredContext& stored, AnalysisSettings settings) {
  auto cohort = cohort_from_json(stored.cohort, settings.stages);
  if (!cohort) return std::unexpected(cohort.error());
  auto model = HealthModel::load(stored.model);
  if (!model) return std::unexpected(model.error());
  AnalysisContext context{.settings = std::move(settings),
                          .cohort = std::move(*cohort),
                          .model = std::move(*model),
                          .version = stored.version,
                          .built_at = stored.built_at,
                          .closed_deals = stored.closed_deals};
  return context;
}

StoredContext stored_form(const AnalysisContext& context, long long version,
                          std::uint64_t fingerprint) {
  return StoredContext{.cohort_key = "",
                       .version = version,
                       .inputs_fingerprint = fingerprint,
                       .built_at = context.built_at,
                       .closed_deals = context.closed_deals,
                       .cohort = cohort_to_json(context.cohort),
                       .model = context.model.save(),
                       .model_description = context.model.describe()};
}

StoredAnalysis analysis_of(const AnalysisContext& context, const OpportunitySnapshot& deal,
                           Timestamp now) {
  PostmortemReport report = analyze(deal, context.cohort, context.model, context.settings);
  std::optional<double> latest;
  if (!report.health.empty()) latest = report.health.back().score;
  return StoredAnalysis{
      .opportunity_id = deal.opportunity.id,
      .context_version = context.version,
      .computed_at = now,
      .outcome = deal.opportunity.outcome,
      .health_score = latest,
      .analysis = analysis_to_json(report, context.version),
  };
}

Result<long long> analyse_every_deal(Session& session, const AnalysisContext& context,
                                     Timestamp now, long long total,
                                     const RefreshProgress& progress) {
  long long done = 0;
  return for_each_snapshot_in_parallel<StoredAnalysis>(
      session.snapshots(), DealFilter{}, SnapshotDetail::without_bodies,
      [&](const OpportunitySnapshot& deal) { return analysis_of(context, deal, now); },
      [&](const StoredAnalysis& analysis) -> Result<void> {
        if (auto stored = session.derived().save_analysis(analysis); !stored) return stored;
        if (progress && ++done % 1000 == 0) progress(RefreshPhase::analysing_deals, done, total);
        return {};
      });
}

Result<long long> analyse_queued_deals(Session& session, const AnalysisContext& context,
                                       Timestamp now, const std::vector<QueuedDeal>& queued) {
  long long analysed = 0;
  for (const auto& deal : queued) {
    auto snapshot = session.snapshots().snapshot(deal.opportunity_id);
    if (!snapshot) return std::unexpected(snapshot.error());
    if (!*snapshot) continue;  // deleted since it was queued
    if (auto stored = session.derived().save_analysis(analysis_of(context, **snapshot, now));
        !stored)
      return std::unexpected(stored.error());
    ++analysed;
  }
  return analysed;
}

// Every narrowed cohort that is stored or asked for, computed again when it
// was computed under another version of the context (won deals changed since).
Result<long long> refresh_narrowed_cohorts(Session& session, const AnalysisContext& context,
                                           std::uint64_t fingerprint, Timestamp now,
                                           const std::vector<CohortFilter>& wanted) {
  auto keys = session.derived().cohort_keys();
  if (!keys) return std::unexpected(keys.error());
  for (const auto& filter : wanted)
    if (filter != CohortFilter{}) keys->push_back(cohort_key(filter));
  std::sort(keys->begin(), keys->end());
  keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
  long long refreshed = 0;
  for (const auto& key : *keys) {
    auto filter = cohort_filter_from_key(key);
    if (!filter) continue;  // written by another rearview: left as it is
    auto stored = session.derived().context(key);
    if (!stored) return std::unexpected(stored.error());
    if (*stored && (*stored)->version == context.version &&
        (*stored)->inputs_fingerprint == fingerprint)
      continue;
    auto cohort = build_cohort(session.snapshots(), context.settings, *filter);
    if (!cohort) return std::unexpected(cohort.error());
    StoredContext narrowed{.cohort_key = key,
                           .version = context.version,
                           .inputs_fingerprint = fingerprint,
                           .built_at = now,
                           .cohort = cohort_to_json(*cohort)};
    if (auto saved = session.derived().save_context(narrowed); !saved)
      return std::unexpected(saved.error());
    ++refreshed;
  }
  return refreshed;
}

// Inside the caller's transaction.
Result<RefreshResult> refresh_within(Session& session, const Settings& settings, Timestamp now,
                                     const RefreshProgress& progress,
                                     const std::vector<CohortFilter>& cohorts) {
  // First, so that the deals whose phrases changed are in the queue.
  auto scanned = scan_trackers(session, settings, [&](long long done, long long total) {
    if (progress) progress(RefreshPhase::scanning_interactions, done, total);
  });
  if (!scanned) return std::unexpected(scanned.error());
  auto analysis = analysis_settings(session.stage_catalogue(), settings, now);
  if (!analysis) return std::unexpected(analysis.error());
  std::uint64_t fingerprint = analysis_inputs_fingerprint(*analysis);
  auto stored = session.derived().context("");
  if (!stored) return std::unexpected(stored.error());
  auto queued = session.derived().queued_deals();
  if (!queued) return std::unexpected(queued.error());
  auto stale = staleness(session, *stored, fingerprint);
  if (!stale) return std::unexpected(stale.error());

  RefreshResult result;
  Result<AnalysisContext> context = std::unexpected(Error{});
  if (stale->empty()) {
    context = context_from(**stored, std::move(*analysis));
    if (!context) return std::unexpected(context.error());
    auto analysed = analyse_queued_deals(session, *context, now, *queued);
    if (!analysed) return std::unexpected(analysed.error());
    result = {.analysed = *analysed, .context_version = context->version,
              .model = context->model.describe()};
  } else {
    context =
        build_analysis_context(session.snapshots(), session.stage_catalogue(), settings, now);
    if (!context) return std::unexpected(context.error());
    context->version = *stored ? (*stored)->version + 1 : 1;
    if (auto saved =
            session.derived().save_context(stored_form(*context, context->version, fingerprint));
        !saved)
      return std::unexpected(saved.error());
    auto counts = session.deals().counts();
    if (!counts) return std::unexpected(counts.error());
    long long total =
        counts->opportunities_open + counts->opportunities_won + counts->opportunities_lost;
    auto analysed = analyse_every_deal(session, *context, now, total, progress);
    if (!analysed) return std::unexpected(analysed.error());
    result = {.analysed = *analysed, .context_rebuilt = true, .rebuilt_because = *stale,
              .context_version = context->version, .model = context->model.describe()};
  }
  auto narrowed = refresh_narrowed_cohorts(session, *context, fingerprint, now, cohorts);
  if (!narrowed) return std::unexpected(narrowed.error());
  result.cohorts_refreshed = *narrowed;
  result.trackers = *scanned;
  if (auto dequeued = session.derived().dequeue(*queued); !dequeued)
    return std::unexpected(dequeued.error());
  return result;
}

// The narrowed cohort stored for `filter` under the context's version, if any.
Result<std::optional<WonCohort>> stored_narrowed_cohort(Session& session,
                                                         const AnalysisContext& context,
                                                         const CohortFilter& filter) {
  auto stored = session.derived().context(cohort_key(filter));
  if (!stored) return std::unexpected(stored.error());
  if (!*stored || (*stored)->version != context.version) return std::optional<WonCohort>();
  auto cohort = cohort_from_json((*stored)->cohort, context.settings.stages);
  if (!cohort) return std::unexpected(cohort.error());
  return std::optional(std::move(*cohort));
}

}  // namespace

Result<RefreshResult> refresh(Session& session, const Settings& settings, const Clock& clock,
                              const RefreshProgress& progress,
                              const std::vector<CohortFilter>& cohorts) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  auto result = refresh_within(session, settings, clock.now(), progress, cohorts);
  if (!result) return result;  // the transaction rolls back as it ends
  if (auto committed = transaction->commit(); !committed) return std::unexpected(committed.error());
  return result;
}

Result<AnalysisContext> current_context(Session& session, const Settings& settings, Timestamp as_of,
                                        const CohortFilter& cohort) {
  auto analysis = analysis_settings(session.stage_catalogue(), settings, as_of);
  if (!analysis) return std::unexpected(analysis.error());
  auto stored = session.derived().context("");
  if (!stored) return std::unexpected(stored.error());
  auto stale = staleness(session, *stored, analysis_inputs_fingerprint(*analysis));
  if (!stale) return std::unexpected(stale.error());
  if (!stale->empty())
    return build_analysis_context(session.snapshots(), session.stage_catalogue(), settings, as_of,
                                  cohort);
  auto context = context_from(**stored, std::move(*analysis));
  if (!context || cohort == CohortFilter{}) return context;
  // A narrowed cohort compares with fewer won deals; the model stays the one
  // learned from every closed deal.
  context->filter = cohort;
  auto kept = stored_narrowed_cohort(session, *context, cohort);
  if (!kept) return std::unexpected(kept.error());
  if (*kept) {
    context->cohort = std::move(**kept);
    return context;
  }
  auto narrowed = build_cohort(session.snapshots(), context->settings, cohort);
  if (!narrowed) return std::unexpected(narrowed.error());
  context->cohort = std::move(*narrowed);
  return context;
}

}  // namespace rearview::service
