// The live engine's derived data in SQLite (core/derived_store.h). The queue
// is filled by the triggers of schema version 4 (migrations.cc).
#include <fmt/format.h>

#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

// A row of (opportunity_id, context_version, computed_at, outcome, health_score, analysis).
StoredAnalysis stored_analysis(const Statement& row) {
  return StoredAnalysis{
      .opportunity_id = row.text(0),
      .context_version = row.integer(1),
      .computed_at = Timestamp{std::chrono::seconds{row.integer(2)}},
      .outcome = outcome_from_string(row.text(3)).value_or(Outcome::open),
      .health_score = row.is_null(4) ? std::nullopt : std::optional(row.real(4)),
      .analysis = row.text(5),
  };
}

}  // namespace

Result<std::vector<QueuedDeal>> SqliteDerivedStore::queued_deals() {
  Statement& query = connection_.statement(
      "SELECT opportunity_id, stamp FROM analysis_queue ORDER BY opportunity_id");
  std::vector<QueuedDeal> queued;
  while (true) {
    auto row = query.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    queued.push_back(QueuedDeal{query.text(0), query.integer(1)});
  }
  query.reset();
  return queued;
}

Result<long long> SqliteDerivedStore::queued_count() {
  return connection_.scalar("SELECT count(*) FROM analysis_queue");
}

Result<std::optional<long long>> SqliteDerivedStore::queued_stamp(const Id& opportunity_id) {
  Statement& query =
      connection_.statement("SELECT stamp FROM analysis_queue WHERE opportunity_id = ?1");
  query.bind(1, opportunity_id);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  std::optional<long long> stamp;
  if (*row) stamp = query.integer(0);
  query.reset();
  return stamp;
}

Result<long long> SqliteDerivedStore::queued_outcome_changes() {
  return connection_.scalar(
      "SELECT count(*) FROM analysis_queue q "
      "LEFT JOIN opportunities o ON o.id = q.opportunity_id "
      "LEFT JOIN deal_analyses a ON a.opportunity_id = q.opportunity_id "
      "WHERE coalesce(o.outcome, 'open') <> coalesce(a.outcome, 'open')");
}

Result<void> SqliteDerivedStore::dequeue(std::span<const QueuedDeal> done) {
  Statement& remove =
      connection_.statement("DELETE FROM analysis_queue WHERE opportunity_id = ?1 AND stamp = ?2");
  for (const auto& deal : done)
    if (auto removed = remove.bind(1, deal.opportunity_id).bind(2, deal.stamp).run(); !removed)
      return removed;
  return {};
}

Result<std::optional<StoredContext>> SqliteDerivedStore::context(const std::string& cohort_key) {
  Statement& query = connection_.statement(
      "SELECT version, inputs_fingerprint, built_at, closed_deals, cohort, model, "
      "model_description FROM analysis_contexts WHERE cohort_key = ?1");
  query.bind(1, cohort_key);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) {
    query.reset();
    return std::optional<StoredContext>();
  }
  StoredContext stored{
      .cohort_key = cohort_key,
      .version = query.integer(0),
      .inputs_fingerprint = static_cast<std::uint64_t>(query.integer(1)),
      .built_at = Timestamp{std::chrono::seconds{query.integer(2)}},
      .closed_deals = query.integer(3),
      .cohort = query.text(4),
      .model = query.blob(5),
      .model_description = query.text(6),
  };
  query.reset();
  return std::optional(std::move(stored));
}

Result<void> SqliteDerivedStore::save_context(const StoredContext& context) {
  return connection_.statement(
             "INSERT INTO analysis_contexts (cohort_key, version, inputs_fingerprint, built_at, "
             "closed_deals, cohort, model, model_description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
             "ON CONFLICT (cohort_key) DO UPDATE SET version = excluded.version, "
             "inputs_fingerprint = excluded.inputs_fingerprint, built_at = excluded.built_at, "
             "closed_deals = excluded.closed_deals, cohort = excluded.cohort, "
             "model = excluded.model, model_description = excluded.model_description")
      .bind(1, context.cohort_key)
      .bind(2, context.version)
      .bind(3, static_cast<long long>(context.inputs_fingerprint))
      .bind(4, static_cast<long long>(context.built_at.time_since_epoch().count()))
      .bind(5, context.closed_deals)
      .bind(6, context.cohort)
      .bind_blob(7, context.model)
      .bind(8, context.model_description)
      .run();
}

Result<std::vector<std::string>> SqliteDerivedStore::cohort_keys() {
  Statement& query = connection_.statement(
      "SELECT cohort_key FROM analysis_contexts WHERE cohort_key <> '' ORDER BY cohort_key");
  std::vector<std::string> keys;
  auto read = for_each_row(query, [&](const Statement& row) { keys.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return keys;
}

Result<std::optional<StoredAnalysis>> SqliteDerivedStore::analysis(const Id& opportunity_id) {
  Statement& query = connection_.statement(
      "SELECT opportunity_id, context_version, computed_at, outcome, health_score, analysis "
      "FROM deal_analyses WHERE opportunity_id = ?1");
  query.bind(1, opportunity_id);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  std::optional<StoredAnalysis> stored;
  if (*row) stored = stored_analysis(query);
  query.reset();
  return stored;
}

Result<void> SqliteDerivedStore::save_analysis(const StoredAnalysis& analysis) {
  return connection_.statement(
             "INSERT INTO deal_analyses (opportunity_id, context_version, computed_at, outcome, "
             "health_score, analysis) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
             "ON CONFLICT (opportunity_id) DO UPDATE SET context_version = excluded.context_version, "
             "computed_at = excluded.computed_at, outcome = excluded.outcome, "
             "health_score = excluded.health_score, analysis = excluded.analysis")
      .bind(1, analysis.opportunity_id)
      .bind(2, analysis.context_version)
      .bind(3, static_cast<long long>(analysis.computed_at.time_since_epoch().count()))
      .bind(4, to_string(analysis.outcome))
      .bind(5, analysis.health_score)
      .bind(6, analysis.analysis)
      .run();
}

Result<long long> SqliteDerivedStore::stale_analyses(long long context_version) {
  Statement& query =
      connection_.statement("SELECT count(*) FROM deal_analyses WHERE context_version <> ?1");
  query.bind(1, context_version);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  long long count = *row ? query.integer(0) : 0;
  query.reset();
  return count;
}

Result<long long> SqliteDerivedStore::for_each_current_closed_analysis(
    long long context_version, const std::function<Result<void>(const StoredAnalysis&)>& visit) {
  Statement& query = connection_.statement(
      "SELECT a.opportunity_id, a.context_version, a.computed_at, a.outcome, a.health_score, "
      "a.analysis FROM deal_analyses a "
      "JOIN opportunities o ON o.id = a.opportunity_id AND o.outcome = a.outcome "
      "WHERE a.outcome <> 'open' AND a.context_version = ?1 "
      "AND NOT EXISTS (SELECT 1 FROM analysis_queue q WHERE q.opportunity_id = a.opportunity_id) "
      "ORDER BY a.opportunity_id");
  query.bind(1, context_version);
  long long visited = 0;
  while (true) {
    auto row = query.step();  // resets on an error
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    if (auto done = visit(stored_analysis(query)); !done) {
      query.reset();
      return std::unexpected(done.error());
    }
    ++visited;
  }
  query.reset();
  return visited;
}

Result<std::vector<Id>> SqliteDerivedStore::closed_deals_without_current_analysis(
    long long context_version) {
  Statement& query = connection_.statement(
      "SELECT o.id FROM opportunities o "
      "LEFT JOIN deal_analyses a ON a.opportunity_id = o.id AND a.context_version = ?1 "
      "AND a.outcome = o.outcome "
      "WHERE o.outcome <> 'open' AND (a.opportunity_id IS NULL "
      "OR EXISTS (SELECT 1 FROM analysis_queue q WHERE q.opportunity_id = o.id)) "
      "ORDER BY o.id");
  query.bind(1, context_version);
  std::vector<Id> deals;
  auto read = for_each_row(query, [&](const Statement& row) { deals.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return deals;
}

}  // namespace rearview::sqlite
