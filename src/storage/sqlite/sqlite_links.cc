// Which opportunities an interaction belongs to, and a person's assignment.
#include <fmt/format.h>

#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

// Whether `sql` (a query of one parameter) finds a row for `key`.
Result<bool> finds(Connection& connection, const char* sql, const Id& key) {
  Statement& query = connection.statement(sql);
  query.bind(1, key);
  bool found = false;
  auto read = for_each_row(query, [&](const Statement&) { found = true; });
  if (!read) return std::unexpected(read.error());
  return found;
}

}  // namespace

// A CRM interaction's id is its source's id; other sources' ids are indexed.
Result<std::optional<Id>> SqliteInteractionLinks::find_interaction(const std::string& text) {
  Statement& query = connection_.statement(
      "SELECT id FROM interactions WHERE id = ?1 UNION "
      "SELECT id FROM interactions WHERE source <> 'crm' AND source_id = ?1 ORDER BY 1 LIMIT 1");
  query.bind(1, text);
  std::optional<Id> found;
  auto read = for_each_row(query, [&](const Statement& row) { found = row.text(0); });
  if (!read) return std::unexpected(read.error());
  return found;
}

Result<std::vector<InteractionLink>> SqliteInteractionLinks::links_of(const Id& interaction_id) {
  Statement& query = connection_.statement(
      "SELECT opportunity_id, method, score, rule, linked_at, linked_by FROM interaction_links "
      "WHERE interaction_id = ?1 ORDER BY opportunity_id");
  query.bind(1, interaction_id);
  std::vector<InteractionLink> links;
  auto read = for_each_row(query, [&](const Statement& row) {
    links.push_back(InteractionLink{
        .opportunity_id = row.text(0),
        .method = link_method_from_string(row.text(1)).value_or(LinkMethod::crm),
        .score = row.real(2),
        .rule = row.text(3),
        .linked_at = row.is_null(4) ? std::nullopt
                                    : std::optional(Timestamp{std::chrono::seconds{row.integer(4)}}),
        .linked_by = row.text(5)});
  });
  if (!read) return std::unexpected(read.error());
  return links;
}

Result<void> SqliteInteractionLinks::assign(const Id& interaction_id, const InteractionLink& link) {
  auto interaction = finds(connection_, "SELECT 1 FROM interactions WHERE id = ?1", interaction_id);
  if (!interaction) return std::unexpected(interaction.error());
  if (!*interaction)
    return fail(ErrorCode::missing_reference,
                fmt::format("there is no interaction {}", interaction_id));
  // The insert below would fail on a missing opportunity too, but only after
  // the delete: checked first, so that a failed assignment changes nothing.
  auto opportunity =
      finds(connection_, "SELECT 1 FROM opportunities WHERE id = ?1", link.opportunity_id);
  if (!opportunity) return std::unexpected(opportunity.error());
  if (!*opportunity)
    return fail(ErrorCode::missing_reference,
                fmt::format("there is no opportunity {}", link.opportunity_id));
  Statement& remove =
      connection_.statement("DELETE FROM interaction_links WHERE interaction_id = ?1");
  if (auto done = remove.bind(1, interaction_id).run(); !done) return done;
  Statement& insert = connection_.statement(
      "INSERT INTO interaction_links (interaction_id, opportunity_id, method, score, rule, "
      "linked_at, linked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  std::optional<long long> linked_at;
  if (link.linked_at) linked_at = link.linked_at->time_since_epoch().count();
  insert.bind(1, interaction_id)
      .bind(2, link.opportunity_id)
      .bind(3, to_string(link.method))
      .bind(4, std::optional<double>(link.score))
      .bind(5, link.rule)
      .bind(6, linked_at)
      .bind(7, link.linked_by);
  return insert.run();
}

}  // namespace rearview::sqlite
