#include "rearview/service/live_engine.h"

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
Result<std::string> staleness(Store& store, const std::optional<StoredContext>& stored,
                              std::uint64_t fingerprint) {
  if (!stored) return std::string("no analysis was stored yet");
  if (stored->inputs_fingerprint != fingerprint)
    return std::string("the settings or rearview changed");
  auto changed = store.derived().queued_outcome_changes();
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

Result<long long> analyse_every_deal(Store& store, const AnalysisContext& context, Timestamp now,
                                     long long total, const RefreshProgress& progress) {
  long long done = 0;
  return for_each_snapshot_in_parallel<StoredAnalysis>(
      store, OpportunityFilter::all, SnapshotDetail::without_bodies,
      [&](const OpportunitySnapshot& deal) { return analysis_of(context, deal, now); },
      [&](const StoredAnalysis& analysis) -> Result<void> {
        if (auto stored = store.derived().save_analysis(analysis); !stored) return stored;
        if (progress && ++done % 1000 == 0) progress(done, total);
        return {};
      });
}

Result<long long> analyse_queued_deals(Store& store, const AnalysisContext& context, Timestamp now,
                                       const std::vector<QueuedDeal>& queued) {
  long long analysed = 0;
  for (const auto& deal : queued) {
    auto snapshot = store.snapshot(deal.opportunity_id);
    if (!snapshot) return std::unexpected(snapshot.error());
    if (!*snapshot) continue;  // deleted since it was queued
    if (auto stored = store.derived().save_analysis(analysis_of(context, **snapshot, now)); !stored)
      return std::unexpected(stored.error());
    ++analysed;
  }
  return analysed;
}

// Inside the caller's transaction.
Result<RefreshResult> refresh_within(Store& store, const Settings& settings, Timestamp now,
                                     const RefreshProgress& progress) {
  auto analysis = analysis_settings(store, settings, now);
  if (!analysis) return std::unexpected(analysis.error());
  std::uint64_t fingerprint = analysis_inputs_fingerprint(*analysis);
  auto stored = store.derived().context("");
  if (!stored) return std::unexpected(stored.error());
  auto queued = store.derived().queued_deals();
  if (!queued) return std::unexpected(queued.error());
  auto stale = staleness(store, *stored, fingerprint);
  if (!stale) return std::unexpected(stale.error());

  RefreshResult result;
  if (stale->empty()) {
    auto context = context_from(**stored, std::move(*analysis));
    if (!context) return std::unexpected(context.error());
    auto analysed = analyse_queued_deals(store, *context, now, *queued);
    if (!analysed) return std::unexpected(analysed.error());
    result = {.analysed = *analysed, .context_version = context->version,
              .model = context->model.describe()};
  } else {
    auto context = build_analysis_context(store, settings, now);
    if (!context) return std::unexpected(context.error());
    context->version = *stored ? (*stored)->version + 1 : 1;
    if (auto saved = store.derived().save_context(stored_form(*context, context->version, fingerprint));
        !saved)
      return std::unexpected(saved.error());
    auto counts = store.counts();
    if (!counts) return std::unexpected(counts.error());
    long long total =
        counts->opportunities_open + counts->opportunities_won + counts->opportunities_lost;
    auto analysed = analyse_every_deal(store, *context, now, total, progress);
    if (!analysed) return std::unexpected(analysed.error());
    result = {.analysed = *analysed, .context_rebuilt = true, .rebuilt_because = *stale,
              .context_version = context->version, .model = context->model.describe()};
  }
  if (auto dequeued = store.derived().dequeue(*queued); !dequeued)
    return std::unexpected(dequeued.error());
  return result;
}

}  // namespace

Result<RefreshResult> refresh(Store& store, const Settings& settings, const Clock& clock,
                              const RefreshProgress& progress) {
  if (auto begun = store.begin(); !begun) return std::unexpected(begun.error());
  auto result = refresh_within(store, settings, clock.now(), progress);
  if (!result) {
    store.rollback();
    return result;
  }
  if (auto committed = store.commit(); !committed) {
    store.rollback();
    return std::unexpected(committed.error());
  }
  return result;
}

Result<AnalysisContext> current_context(Store& store, const Settings& settings, Timestamp as_of,
                                        const CohortFilter& cohort) {
  auto analysis = analysis_settings(store, settings, as_of);
  if (!analysis) return std::unexpected(analysis.error());
  auto stored = store.derived().context("");
  if (!stored) return std::unexpected(stored.error());
  auto stale = staleness(store, *stored, analysis_inputs_fingerprint(*analysis));
  if (!stale) return std::unexpected(stale.error());
  if (!stale->empty()) return build_analysis_context(store, settings, as_of, cohort);
  auto context = context_from(**stored, std::move(*analysis));
  if (!context || cohort == CohortFilter{}) return context;
  // A narrowed cohort compares with fewer won deals; the model stays the one
  // learned from every closed deal.
  auto narrowed = build_cohort(store, context->settings, cohort);
  if (!narrowed) return std::unexpected(narrowed.error());
  context->cohort = std::move(*narrowed);
  context->filter = cohort;
  return context;
}

}  // namespace rearview::service
