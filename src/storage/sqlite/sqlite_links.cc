// Which opportunities an interaction belongs to, and a person's assignment.
#include "link_rows.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {

void bind_link(Statement& insert, const Id& interaction_id, const InteractionLink& link) {
  std::optional<long long> linked_at;
  if (link.linked_at) linked_at = link.linked_at->time_since_epoch().count();
  insert.bind_borrowed(1, interaction_id)
      .bind_borrowed(2, link.opportunity_id)
      .bind_borrowed(3, to_string(link.method))
      .bind(4, std::optional<double>(link.score))
      .bind_borrowed(5, link.rule)
      .bind(6, linked_at)
      .bind_borrowed(7, link.linked_by);
}

InteractionLink read_link(const Statement& row, int method_column, Id opportunity_id) {
  int column = method_column;
  InteractionLink link{.opportunity_id = std::move(opportunity_id),
                       .method = link_method_from_string(row.text(column)).value_or(LinkMethod::crm),
                       .score = row.real(column + 1),
                       .rule = row.text(column + 2),
                       .linked_by = row.text(column + 4)};
  if (!row.is_null(column + 3))
    link.linked_at = Timestamp{std::chrono::seconds{row.integer(column + 3)}};
  return link;
}

Result<void> delete_interaction(Connection& connection, const Id& interaction_id) {
  Statement& remove = connection.statement("DELETE FROM interactions WHERE id = ?1");
  remove.bind(1, interaction_id);
  return remove.run();
}

Result<void> read_participants(Connection& connection, const Id& interaction_id,
                               std::vector<Participant>& out) {
  Statement& participants = connection.statement(
      "SELECT role, address, name, contact_id, user_id FROM interaction_participants "
      "WHERE interaction_id = ?1 ORDER BY position");
  participants.bind(1, interaction_id);
  return for_each_row(participants, [&](const Statement& row) {
    out.push_back(Participant{
        .role = participant_role_from_string(row.text(0)).value_or(ParticipantRole::to),
        .address = row.text(1),
        .name = row.text(2),
        .contact_id = row.optional_text(3),
        .user_id = row.optional_text(4)});
  });
}

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
    links.push_back(read_link(row, 1, row.text(0)));
  });
  if (!read) return std::unexpected(read.error());
  return links;
}

// The manual link is written first: a missing interaction or opportunity
// fails its foreign key there, before any other link is removed.
Result<void> SqliteInteractionLinks::assign(const Id& interaction_id, const InteractionLink& link) {
  Statement& insert = connection_.statement(
      "INSERT INTO interaction_links (interaction_id, opportunity_id, method, score, rule, "
      "linked_at, linked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (opportunity_id, interaction_id) DO UPDATE SET method = excluded.method, "
      "score = excluded.score, rule = excluded.rule, linked_at = excluded.linked_at, "
      "linked_by = excluded.linked_by");
  bind_link(insert, interaction_id, link);
  if (auto done = insert.run(); !done) return done;
  Statement& others = connection_.statement(
      "DELETE FROM interaction_links WHERE interaction_id = ?1 AND opportunity_id <> ?2");
  if (auto done = others.bind(1, interaction_id).bind(2, link.opportunity_id).run(); !done)
    return done;
  // Decided by a person: no longer waiting for review.
  Statement& queued = connection_.statement("DELETE FROM match_outcomes WHERE interaction_id = ?1");
  return queued.bind(1, interaction_id).run();
}

}  // namespace rearview::sqlite
