// Lookups, derived stage history and counts.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "sqlite_store.h"

namespace rearview::sqlite {
namespace {

std::optional<Date> date_column(const Statement& statement, int column) {
  auto text = statement.optional_text(column);
  if (!text) return std::nullopt;
  return parse_date(*text);
}

std::optional<Timestamp> time_column(const Statement& statement, int column) {
  auto seconds = statement.optional_integer(column);
  if (!seconds) return std::nullopt;
  return Timestamp{std::chrono::seconds{*seconds}};
}

constexpr int kDerivationBatch = 1000;

}  // namespace

Result<bool> SqliteStore::exists(RecordKind kind, const Id& id) {
  const char* sql = nullptr;
  switch (kind) {
    case RecordKind::user:
      sql = "SELECT 1 FROM users WHERE id = ?1";
      break;
    case RecordKind::account:
      sql = "SELECT 1 FROM accounts WHERE id = ?1";
      break;
    case RecordKind::contact:
      sql = "SELECT 1 FROM contacts WHERE id = ?1";
      break;
    case RecordKind::opportunity:
      sql = "SELECT 1 FROM opportunities WHERE id = ?1";
      break;
  }
  Statement& query = statement(sql);
  query.bind(1, id);
  auto found = query.step();
  query.reset();
  return found;
}

Result<std::optional<Id>> SqliteStore::find_one(Statement& query, const std::string& key) {
  query.bind(1, key);
  auto found = query.step();
  if (!found) return std::unexpected(found.error());
  std::optional<Id> id;
  if (*found) id = query.text(0);
  query.reset();
  return id;
}

Result<std::optional<Id>> SqliteStore::contact_by_email(const std::string& address) {
  return find_one(statement("SELECT id FROM contacts WHERE email = ?1 ORDER BY id LIMIT 1"),
                  address);
}

Result<std::optional<Id>> SqliteStore::user_by_email(const std::string& address) {
  return find_one(statement("SELECT id FROM users WHERE email = ?1 ORDER BY id LIMIT 1"), address);
}

Result<std::optional<Id>> SqliteStore::user_by_name(const std::string& name) {
  return find_one(statement("SELECT id FROM users WHERE name = ?1 ORDER BY id LIMIT 1"), name);
}

Result<std::optional<Id>> SqliteStore::account_by_name(const std::string& name) {
  return find_one(statement("SELECT id FROM accounts WHERE name = ?1 ORDER BY id LIMIT 1"), name);
}

Result<std::vector<Stage>> SqliteStore::stages() {
  Statement query(db_,
                  "SELECT name, sort_order, probability, is_closed, is_won FROM stages "
                  "ORDER BY sort_order, name");
  std::vector<Stage> result;
  while (true) {
    auto row = query.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    Stage stage;
    stage.name = query.text(0);
    stage.sort_order = int(query.integer(1));
    stage.probability = query.real(2);
    stage.is_closed = query.integer(3) != 0;
    stage.is_won = query.integer(4) != 0;
    result.push_back(std::move(stage));
  }
  Statement milestones(db_,
                       "SELECT key, label, kind, options, contact_role FROM milestone_definitions "
                       "WHERE stage = ?1 ORDER BY position");
  for (auto& stage : result) {
    milestones.bind(1, stage.name);
    while (true) {
      auto row = milestones.step();
      if (!row) return std::unexpected(row.error());
      if (!*row) break;
      MilestoneDefinition definition;
      definition.key = milestones.text(0);
      definition.label = milestones.text(1);
      definition.kind = milestone_kind_from_string(milestones.text(2)).value_or(MilestoneKind::toggle);
      boost::system::error_code damaged;
      auto options = boost::json::parse(milestones.text(3), damaged);
      if (damaged || !options.is_array())
        return fail(ErrorCode::database,
                    fmt::format("the options of milestone {} are damaged in the database",
                                definition.key),
                    "run `rearview import` again to rewrite the stage catalogue");
      for (const auto& option : options.get_array())
        if (option.is_string()) definition.options.emplace_back(option.get_string());
      definition.contact_role = milestones.text(4);
      stage.milestones.push_back(std::move(definition));
    }
    milestones.reset();
  }
  return result;
}

Result<std::vector<Id>> SqliteStore::next_derivation_batch(const std::string& after) {
  Statement& query = statement(
      "SELECT opportunity_id FROM derive_queue WHERE opportunity_id > ?1 "
      "ORDER BY opportunity_id LIMIT ?2");
  query.bind(1, after).bind(2, static_cast<long long>(kDerivationBatch));
  std::vector<Id> ids;
  while (true) {
    auto row = query.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    ids.push_back(query.text(0));
  }
  query.reset();
  return ids;
}

Result<std::optional<OpportunityForDerivation>> SqliteStore::load_for_derivation(const Id& id) {
  Statement& opportunity = statement(
      "SELECT stage, outcome, created_at, close_date, last_stage_change_at "
      "FROM opportunities WHERE id = ?1");
  opportunity.bind(1, id);
  auto found = opportunity.step();
  if (!found) return std::unexpected(found.error());
  if (!*found) {
    opportunity.reset();
    return std::optional<OpportunityForDerivation>();
  }
  OpportunityForDerivation result;
  result.id = id;
  result.stage = opportunity.text(0);
  result.outcome = outcome_from_string(opportunity.text(1)).value_or(Outcome::open);
  result.created_at = time_column(opportunity, 2);
  result.close_date = date_column(opportunity, 3);
  result.last_stage_change_at = time_column(opportunity, 4);
  opportunity.reset();

  Statement& history = statement(
      "SELECT id, changed_at, stage, amount, close_date, probability, sequence "
      "FROM opportunity_history WHERE opportunity_id = ?1 ORDER BY changed_at, sequence");
  history.bind(1, id);
  while (true) {
    auto row = history.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    OpportunityHistoryRow entry;
    entry.id = history.text(0);
    entry.opportunity_id = id;
    entry.changed_at = Timestamp{std::chrono::seconds{history.integer(1)}};
    entry.stage = history.text(2);
    if (!history.is_null(3)) entry.amount = history.real(3);
    entry.close_date = date_column(history, 4);
    if (!history.is_null(5)) entry.probability = history.real(5);
    entry.sequence = history.integer(6);
    result.history.push_back(std::move(entry));
  }
  history.reset();
  return std::optional<OpportunityForDerivation>(std::move(result));
}

Result<void> SqliteStore::store_derivation(const Id& id, const StageEntriesAndClose& derived) {
  if (auto done = statement("DELETE FROM stage_entries WHERE opportunity_id = ?1").bind(1, id).run();
      !done)
    return done;
  Statement& insert = statement(
      "INSERT INTO stage_entries (opportunity_id, sequence, stage, entered_at) "
      "VALUES (?1, ?2, ?3, ?4)");
  for (const auto& entry : derived.entries) {
    insert.bind(1, id).bind(2, static_cast<long long>(entry.sequence)).bind(3, entry.stage)
        .bind(4, static_cast<long long>(entry.entered_at.time_since_epoch().count()));
    if (auto done = insert.run(); !done) return done;
  }
  std::optional<long long> closed_at;
  if (derived.closed_at) closed_at = derived.closed_at->time_since_epoch().count();
  return statement("UPDATE opportunities SET closed_at = ?2 WHERE id = ?1")
      .bind(1, id)
      .bind(2, closed_at)
      .run();
}

Result<long long> SqliteStore::rederive_changed_opportunities(
    const std::function<StageEntriesAndClose(const OpportunityForDerivation&)>& derive) {
  long long derived_count = 0;
  std::string after;
  while (true) {
    auto batch = next_derivation_batch(after);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) break;
    for (const auto& id : *batch) {
      auto opportunity = load_for_derivation(id);
      if (!opportunity) return std::unexpected(opportunity.error());
      if (!*opportunity) continue;
      if (auto stored = store_derivation(id, derive(**opportunity)); !stored)
        return std::unexpected(stored.error());
      ++derived_count;
    }
    after = batch->back();
  }
  if (auto cleared = execute(db_, "DELETE FROM derive_queue"); !cleared)
    return std::unexpected(cleared.error());
  return derived_count;
}

Result<StoreCounts> SqliteStore::counts() {
  StoreCounts counts;
  struct Count {
    const char* sql;
    long long* into;
  };
  const Count simple[] = {
      {"SELECT count(*) FROM users", &counts.users},
      {"SELECT count(*) FROM accounts", &counts.accounts},
      {"SELECT count(*) FROM contacts", &counts.contacts},
      {"SELECT count(*) FROM stage_entries", &counts.stage_entries},
      {"SELECT count(*) FROM field_changes", &counts.field_changes},
      {"SELECT count(*) FROM contact_roles", &counts.contact_roles},
  };
  for (const auto& count : simple) {
    auto value = scalar(count.sql);
    if (!value) return std::unexpected(value.error());
    *count.into = *value;
  }
  Statement outcomes(db_, "SELECT outcome, count(*) FROM opportunities GROUP BY outcome");
  while (true) {
    auto row = outcomes.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auto outcome = outcome_from_string(outcomes.text(0));
    long long number = outcomes.integer(1);
    if (outcome == Outcome::open) counts.opportunities_open = number;
    if (outcome == Outcome::won) counts.opportunities_won = number;
    if (outcome == Outcome::lost) counts.opportunities_lost = number;
  }
  Statement kinds(db_, "SELECT kind, count(*) FROM interactions GROUP BY kind");
  while (true) {
    auto row = kinds.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    auto kind = interaction_kind_from_string(kinds.text(0));
    long long number = kinds.integer(1);
    if (kind == InteractionKind::email) counts.emails = number;
    if (kind == InteractionKind::meeting) counts.meetings = number;
    if (kind == InteractionKind::call) counts.calls = number;
    if (kind == InteractionKind::note) counts.notes = number;
  }
  return counts;
}

Result<std::vector<OpportunitySpan>> SqliteStore::won_opportunity_spans() {
  Statement query(db_,
                  "SELECT created_at, closed_at FROM opportunities WHERE outcome = 'won' "
                  "AND created_at IS NOT NULL AND closed_at IS NOT NULL");
  std::vector<OpportunitySpan> spans;
  while (true) {
    auto row = query.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    spans.push_back({Timestamp{std::chrono::seconds{query.integer(0)}},
                     Timestamp{std::chrono::seconds{query.integer(1)}}});
  }
  return spans;
}

}  // namespace rearview::sqlite
