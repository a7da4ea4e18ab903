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
