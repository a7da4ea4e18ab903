// The derivation queue: the opportunities whose record or history an import
// changed, and the stage entries derived from them.
#include "sqlite_record_writer.h"

namespace rearview::sqlite {
namespace {

std::optional<Date> date_column(const Statement& row, int column) {
  auto text = row.optional_text(column);
  if (!text) return std::nullopt;
  return parse_date(*text);
}

std::optional<Timestamp> time_column(const Statement& row, int column) {
  auto seconds = row.optional_integer(column);
  if (!seconds) return std::nullopt;
  return Timestamp{std::chrono::seconds{*seconds}};
}

OpportunityHistoryRow history_row(const Statement& row, const Id& opportunity_id) {
  OpportunityHistoryRow entry;
  entry.id = row.text(0);
  entry.opportunity_id = opportunity_id;
  entry.changed_at = Timestamp{std::chrono::seconds{row.integer(1)}};
  entry.stage = row.text(2);
  if (!row.is_null(3)) entry.amount = row.real(3);
  entry.close_date = date_column(row, 4);
  if (!row.is_null(5)) entry.probability = row.real(5);
  entry.sequence = row.integer(6);
  return entry;
}

}  // namespace

Result<long long> SqliteRecordWriter::rederive_changed_opportunities(
    const DeriveStageEntries& derive) {
  return rederive_queued(*this, derive);
}

Result<void> SqliteRecordWriter::mark_for_derivation(const Id& opportunity_id) {
  return connection_.statement("INSERT OR IGNORE INTO derive_queue (opportunity_id) VALUES (?1)")
      .bind(1, opportunity_id)
      .run();
}

Result<std::vector<Id>> SqliteRecordWriter::next_batch(const Id& after, int limit) {
  Statement& query = connection_.statement(
      "SELECT opportunity_id FROM derive_queue WHERE opportunity_id > ?1 "
      "ORDER BY opportunity_id LIMIT ?2");
  query.bind(1, after).bind(2, static_cast<long long>(limit));
  std::vector<Id> ids;
  auto read = for_each_row(query, [&](const Statement& row) { ids.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return ids;
}

Result<std::optional<OpportunityForDerivation>> SqliteRecordWriter::load(const Id& id) {
  Statement& query = connection_.statement(
      "SELECT stage, outcome, created_at, close_date, last_stage_change_at "
      "FROM opportunities WHERE id = ?1");
  query.bind(1, id);
  std::optional<OpportunityForDerivation> loaded;
  auto read = for_each_row(query, [&](const Statement& row) {
    loaded = OpportunityForDerivation{
        .id = id,
        .stage = row.text(0),
        .outcome = outcome_from_string(row.text(1)).value_or(Outcome::open),
        .created_at = time_column(row, 2),
        .close_date = date_column(row, 3),
        .last_stage_change_at = time_column(row, 4)};
  });
  if (read && loaded) read = read_history(id, loaded->history);
  if (!read) return std::unexpected(read.error());
  return loaded;
}

Result<void> SqliteRecordWriter::read_history(const Id& id,
                                              std::vector<OpportunityHistoryRow>& history) {
  Statement& query = connection_.statement(
      "SELECT id, changed_at, stage, amount, close_date, probability, sequence "
      "FROM opportunity_history WHERE opportunity_id = ?1 ORDER BY changed_at, sequence");
  query.bind(1, id);
  return for_each_row(query,
                      [&](const Statement& row) { history.push_back(history_row(row, id)); });
}

Result<void> SqliteRecordWriter::keep(const Id& id, const StageEntriesAndClose& derived) {
  Statement& remove = connection_.statement("DELETE FROM stage_entries WHERE opportunity_id = ?1");
  if (auto done = remove.bind(1, id).run(); !done) return done;
  Statement& insert = connection_.statement(
      "INSERT INTO stage_entries (opportunity_id, sequence, stage, entered_at) "
      "VALUES (?1, ?2, ?3, ?4)");
  for (const auto& entry : derived.entries) {
    insert.bind(1, id)
        .bind(2, static_cast<long long>(entry.sequence))
        .bind(3, entry.stage)
        .bind(4, static_cast<long long>(entry.entered_at.time_since_epoch().count()));
    if (auto done = insert.run(); !done) return done;
  }
  std::optional<long long> closed_at;
  if (derived.closed_at) closed_at = derived.closed_at->time_since_epoch().count();
  return connection_.statement("UPDATE opportunities SET closed_at = ?2 WHERE id = ?1")
      .bind(1, id)
      .bind(2, closed_at)
      .run();
}

Result<void> SqliteRecordWriter::clear() { return connection_.execute("DELETE FROM derive_queue"); }

}  // namespace rearview::sqlite
