// Counts and spans over many deals, computed by the database.
#include <fmt/format.h>

#include "deal_filter_sql.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

void count_outcome(const Statement& row, RecordCounts& counts) {
  auto outcome = outcome_from_string(row.text(0));
  long long number = row.integer(1);
  if (outcome == Outcome::open) counts.opportunities_open = number;
  if (outcome == Outcome::won) counts.opportunities_won = number;
  if (outcome == Outcome::lost) counts.opportunities_lost = number;
}

void count_kind(const Statement& row, RecordCounts& counts) {
  auto kind = interaction_kind_from_string(row.text(0));
  long long number = row.integer(1);
  if (kind == InteractionKind::email) counts.emails = number;
  if (kind == InteractionKind::meeting) counts.meetings = number;
  if (kind == InteractionKind::call) counts.calls = number;
  if (kind == InteractionKind::note) counts.notes = number;
}

}  // namespace

Result<RecordCounts> SqliteDealQueries::counts() {
  RecordCounts counts;
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
      {"SELECT (SELECT count(*) FROM interactions) - "
       "(SELECT count(DISTINCT interaction_id) FROM interaction_links)",
       &counts.unlinked_interactions},
  };
  for (const auto& count : simple) {
    auto value = connection_.scalar(count.sql);
    if (!value) return std::unexpected(value.error());
    *count.into = *value;
  }
  auto outcomes = for_each_row(
      connection_.statement("SELECT outcome, count(*) FROM opportunities GROUP BY outcome"),
      [&](const Statement& row) { count_outcome(row, counts); });
  if (!outcomes) return std::unexpected(outcomes.error());
  auto kinds =
      for_each_row(connection_.statement("SELECT kind, count(*) FROM interactions GROUP BY kind"),
                   [&](const Statement& row) { count_kind(row, counts); });
  if (!kinds) return std::unexpected(kinds.error());
  return counts;
}

Result<std::vector<OpportunitySpan>> SqliteDealQueries::spans(const DealFilter& filter) {
  DealFilterSql where(filter, 1);
  Statement query(connection_.get(),
                  fmt::format("SELECT o.created_at, o.closed_at FROM opportunities o "
                              "WHERE o.created_at IS NOT NULL AND o.closed_at IS NOT NULL AND {}",
                              where.conditions()));
  where.bind(query);
  std::vector<OpportunitySpan> spans;
  auto read = for_each_row(query, [&](const Statement& row) {
    spans.push_back({Timestamp{std::chrono::seconds{row.integer(0)}},
                     Timestamp{std::chrono::seconds{row.integer(1)}}});
  });
  if (!read) return std::unexpected(read.error());
  return spans;
}

}  // namespace rearview::sqlite

namespace rearview::sqlite {
namespace {

// The scope as a condition on o (parameters ?1 and ?2), and the recursive
// team it needs, if any. Each kind gets SQL of its own so that the planner
// uses the owner index for a rep instead of walking every deal.
struct ScopeSql {
  std::string with;
  std::string condition;
};

ScopeSql scope_sql(const DealScope& scope) {
  switch (scope.kind) {
    case DealScope::Kind::everything:
      return {"", "?1 IS NOT NULL AND ?2 IS NOT NULL"};
    case DealScope::Kind::owned_by:
      return {"", "o.owner_id = ?1 AND ?2 IS NOT NULL"};
    case DealScope::Kind::team_of:
      return {"WITH RECURSIVE team(id) AS (SELECT ?1 UNION SELECT u.id FROM users u "
              "JOIN team t ON u.manager_id = t.id) ",
              "o.owner_id IN (SELECT id FROM team) AND ?2 IS NOT NULL"};
    case DealScope::Kind::interviews_of:
      return {"", "?1 IS NOT NULL AND o.id IN (SELECT opportunity_id FROM interview_assignments "
                  "WHERE user_id = ?2)"};
    case DealScope::Kind::nothing:
      break;
  }
  return {"", "0 AND ?1 IS NOT NULL AND ?2 IS NOT NULL"};
}

void bind_scope(Statement& statement, const DealScope& scope) {
  statement.bind(1, scope.crm_user_id).bind(2, scope.app_user_id);
}

std::optional<Timestamp> optional_time(const Statement& row, int column) {
  auto seconds = row.optional_integer(column);
  if (!seconds) return std::nullopt;
  return Timestamp{std::chrono::seconds{*seconds}};
}

DealSummary summary_of(const Statement& row) {
  DealSummary deal;
  deal.id = row.text(0);
  deal.name = row.text(1);
  deal.account = row.text(2);
  deal.owner_id = row.text(3);
  deal.owner = row.text(4);
  deal.stage = row.text(5);
  if (!row.is_null(6)) deal.amount = row.real(6);
  deal.currency = row.text(7);
  deal.outcome = outcome_from_string(row.text(8)).value_or(Outcome::open);
  deal.created_at = optional_time(row, 9);
  deal.closed_at = optional_time(row, 10);
  deal.close_date = row.text(11);
  if (!row.is_null(12)) deal.health_score = row.real(12);
  return deal;
}

}  // namespace

Result<std::vector<DealSummary>> SqliteDealQueries::list_deals(const DealListQuery& query) {
  ScopeSql scope = scope_sql(query.scope);
  Statement statement(
      connection_.get(),
      fmt::format(
          "{}SELECT o.id, o.name, coalesce(a.name, ''), coalesce(o.owner_id, ''), "
          "coalesce(u.name, ''), o.stage, o.amount, o.currency, o.outcome, o.created_at, "
          "o.closed_at, coalesce(o.close_date, ''), d.health_score FROM opportunities o "
          "LEFT JOIN accounts a ON a.id = o.account_id LEFT JOIN users u ON u.id = o.owner_id "
          "LEFT JOIN deal_analyses d ON d.opportunity_id = o.id "
          "WHERE {} AND o.id > ?3 AND (?4 = '' OR o.outcome = ?4) "
          "AND (?5 = '' OR o.owner_id = ?5) "
          "AND (?6 = '' OR instr(lower(o.name), lower(?6)) > 0 "
          "OR instr(lower(coalesce(a.name, '')), lower(?6)) > 0) "
          "ORDER BY o.id LIMIT ?7",
          scope.with, scope.condition));
  bind_scope(statement, query.scope);
  statement.bind(3, query.after_id)
      .bind(4, query.outcome ? std::string(to_string(*query.outcome)) : std::string())
      .bind(5, query.owner_id)
      .bind(6, query.text)
      .bind(7, static_cast<long long>(query.limit));
  std::vector<DealSummary> deals;
  auto read = for_each_row(statement, [&](const Statement& row) { deals.push_back(summary_of(row)); });
  if (!read) return std::unexpected(read.error());
  return deals;
}

Result<bool> SqliteDealQueries::in_scope(const Id& opportunity_id, const DealScope& scope) {
  ScopeSql sql = scope_sql(scope);
  Statement statement(connection_.get(),
                      fmt::format("{}SELECT count(*) FROM opportunities o WHERE o.id = ?3 AND {}",
                                  sql.with, sql.condition));
  bind_scope(statement, scope);
  statement.bind(3, opportunity_id);
  long long count = 0;
  auto read = for_each_row(statement, [&](const Statement& row) { count = row.integer(0); });
  if (!read) return std::unexpected(read.error());
  return count > 0;
}

}  // namespace rearview::sqlite
