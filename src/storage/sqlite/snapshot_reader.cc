#include "snapshot_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/json.hpp>

namespace rearview::sqlite {
namespace {

Timestamp time_at(const Statement& row, int column) {
  return Timestamp{std::chrono::seconds{row.integer(column)}};
}

std::optional<Timestamp> optional_time(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return time_at(row, column);
}

std::string where_clause(const char* column, OpportunityFilter filter, bool one) {
  std::string condition = one ? fmt::format("{} = ?1", column) : "1";
  switch (filter) {
    case OpportunityFilter::all:
      break;
    case OpportunityFilter::open:
      condition += " AND o.outcome = 'open'";
      break;
    case OpportunityFilter::closed:
      condition += " AND o.outcome <> 'open'";
      break;
    case OpportunityFilter::won:
      condition += " AND o.outcome = 'won'";
      break;
  }
  return condition;
}

std::string child_where(const char* column, bool one) {
  return one ? fmt::format("WHERE {} = ?1", column) : std::string();
}

ContactSummary& contact_in(OpportunitySnapshot& snapshot, const Id& id) {
  auto found = std::find_if(snapshot.contacts.begin(), snapshot.contacts.end(),
                            [&](const ContactSummary& contact) { return contact.id == id; });
  if (found != snapshot.contacts.end()) return *found;
  snapshot.contacts.push_back(ContactSummary{.id = id});
  return snapshot.contacts.back();
}

}  // namespace

SnapshotReader::SnapshotReader(sqlite3* db, OpportunityFilter filter,
                               const std::optional<Id>& only_id, SnapshotDetail detail) {
  bool one = only_id.has_value();
  opportunities_ = Statement(
      db, fmt::format(
              "SELECT o.id, o.name, o.account_id, o.owner_id, o.amount, o.currency, o.stage, "
              "o.created_at, o.close_date, o.outcome, o.loss_reason, o.win_reason, o.competitor, "
              "o.type, o.lead_source, o.last_stage_change_at, o.closed_at, "
              "coalesce(a.name, ''), coalesce(u.name, ''), coalesce(m.name, ''), o.custom "
              "FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id "
              "LEFT JOIN users u ON u.id = o.owner_id LEFT JOIN users m ON m.id = u.manager_id "
              "WHERE {} ORDER BY o.id",
              where_clause("o.id", filter, one)));
  stage_entries_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, sequence, stage, entered_at FROM stage_entries {} "
                      "ORDER BY opportunity_id, sequence",
                      child_where("opportunity_id", one)));
  field_changes_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, id, field, old_value, new_value, changed_at, "
                      "changed_by FROM field_changes {} ORDER BY opportunity_id, changed_at, id",
                      child_where("opportunity_id", one)));
  interactions_.statement = Statement(
      db, fmt::format(
              "SELECT i.opportunity_id, i.id, i.kind, i.direction, i.account_id, i.owner_id, "
              "i.subject, {}, i.occurred_at, i.duration_seconds, i.thread_id, "
              "i.source_object, p.role, p.address, p.name, p.contact_id, p.user_id, "
              "coalesce(c.first_name || ' ' || c.last_name, ''), coalesce(c.title, ''), "
              "coalesce(pu.name, '') "
              "FROM interactions i "
              "LEFT JOIN interaction_participants p ON p.interaction_id = i.id "
              "LEFT JOIN contacts c ON c.id = p.contact_id "
              "LEFT JOIN users pu ON pu.id = p.user_id "
              "WHERE i.opportunity_id IS NOT NULL {} "
              "ORDER BY i.opportunity_id, i.occurred_at, i.id, p.position",
              detail == SnapshotDetail::full ? "i.body" : "''",
              one ? "AND i.opportunity_id = ?1" : ""));
  contact_roles_.statement = Statement(
      db, fmt::format("SELECT r.opportunity_id, r.contact_id, r.role, c.first_name, c.last_name, "
                      "c.title, c.email, r.created_at FROM contact_roles r JOIN contacts c ON c.id = r.contact_id "
                      "{} ORDER BY r.opportunity_id, r.is_primary DESC, r.id",
                      child_where("r.opportunity_id", one)));
  milestones_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, stage, key, value, attained_at, attained_by, source "
                      "FROM milestone_attainments {} ORDER BY opportunity_id, attained_at",
                      child_where("opportunity_id", one)));
  Statement definitions(db, "SELECT stage, key, contact_role FROM milestone_definitions "
                           "WHERE contact_role <> '' ORDER BY stage, position");
  while (definitions.step().value_or(false))
    role_milestones_.push_back({definitions.text(0), definitions.text(1), definitions.text(2)});
  if (one) {
    opportunities_.bind(1, *only_id);
    for (Cursor* cursor :
         {&stage_entries_, &field_changes_, &interactions_, &contact_roles_, &milestones_})
      cursor->statement.bind(1, *only_id);
  }
}

Result<void> SnapshotReader::advance(Cursor& cursor) {
  auto stepped = cursor.statement.step();
  if (!stepped) return std::unexpected(stepped.error());
  cursor.has_row = *stepped;
  cursor.done = !*stepped;
  return {};
}

Result<void> SnapshotReader::rows_of(Cursor& cursor, const Id& id,
                                     const std::function<void(const Statement&)>& read) {
  while (!cursor.done) {
    if (!cursor.has_row) {
      if (auto advanced = advance(cursor); !advanced) return advanced;
      continue;
    }
    std::string row_id = cursor.statement.text(0);
    if (row_id > id) break;
    if (row_id == id) read(cursor.statement);
    cursor.has_row = false;
  }
  return {};
}

void SnapshotReader::read_opportunity(const Statement& row, OpportunitySnapshot& snapshot) const {
  Opportunity& opportunity = snapshot.opportunity;
  opportunity.id = row.text(0);
  opportunity.name = row.text(1);
  opportunity.account_id = row.optional_text(2);
  opportunity.owner_id = row.optional_text(3);
  if (!row.is_null(4)) opportunity.amount = row.real(4);
  opportunity.currency = row.text(5);
  opportunity.stage = row.text(6);
  opportunity.created_at = optional_time(row, 7);
  if (auto close_date = row.optional_text(8)) opportunity.close_date = parse_date(*close_date);
  opportunity.outcome = outcome_from_string(row.text(9)).value_or(Outcome::open);
  opportunity.loss_reason = row.text(10);
  opportunity.win_reason = row.text(11);
  opportunity.competitor = row.text(12);
  opportunity.type = row.text(13);
  opportunity.source = row.text(14);
  opportunity.last_stage_change_at = optional_time(row, 15);
  snapshot.closed_at = optional_time(row, 16);
  snapshot.account_name = row.text(17);
  snapshot.owner_name = row.text(18);
  snapshot.manager_name = row.text(19);
  std::string custom = row.text(20);
  if (custom.size() > 2) {  // "{}" holds nothing
    // Written by us as an object of strings; a cell damaged by another
    // program is read as no custom fields rather than stopping every report.
    boost::system::error_code damaged;
    auto fields = boost::json::parse(custom, damaged);
    if (!damaged && fields.is_object())
      for (const auto& [name, value] : fields.get_object())
        if (value.is_string()) opportunity.custom.emplace_back(name, value.get_string());
  }
}

void SnapshotReader::attain_by_role(const Statement& role, const std::string& contact_name,
                                    OpportunitySnapshot& snapshot) const {
  std::string role_name = role.text(2);
  for (const auto& milestone : role_milestones_) {
    if (milestone.role != role_name) continue;
    // Without the role's own time, the deal's creation is the latest it can be.
    auto at = optional_time(role, 7);
    if (!at) at = snapshot.opportunity.created_at;
    if (!at) continue;
    snapshot.milestones.push_back(MilestoneAttainment{milestone.stage, milestone.key, "true", *at,
                                                      contact_name,
                                                      "crm:contact role " + role_name});
  }
}

Result<long long> SnapshotReader::run(
    const std::function<Result<void>(const OpportunitySnapshot&)>& visit) {
  long long visited = 0;
  OpportunitySnapshot snapshot;
  while (true) {
    auto row = opportunities_.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    snapshot = OpportunitySnapshot{};
    read_opportunity(opportunities_, snapshot);
    const Id& id = snapshot.opportunity.id;

    auto read = rows_of(stage_entries_, id, [&](const Statement& entry) {
      snapshot.stage_entries.push_back(StageEntry{id, int(entry.integer(1)), entry.text(2),
                                                  time_at(entry, 3)});
    });
    if (read) read = rows_of(field_changes_, id, [&](const Statement& change) {
      snapshot.field_changes.push_back(FieldChange{change.text(1), id, change.text(2),
                                                   change.text(3), change.text(4),
                                                   time_at(change, 5), change.optional_text(6)});
    });
    if (read) read = rows_of(interactions_, id, [&](const Statement& item) {
      std::string interaction_id = item.text(1);
      if (snapshot.interactions.empty() || snapshot.interactions.back().id != interaction_id) {
        Interaction interaction;
        interaction.id = interaction_id;
        interaction.opportunity_id = id;
        interaction.kind = interaction_kind_from_string(item.text(2)).value_or(InteractionKind::note);
        interaction.direction = direction_from_string(item.text(3)).value_or(Direction::unknown);
        interaction.account_id = item.optional_text(4);
        interaction.owner_id = item.optional_text(5);
        interaction.subject = item.text(6);
        interaction.body = item.text(7);
        interaction.occurred_at = time_at(item, 8);
        interaction.duration_seconds = item.optional_integer(9);
        interaction.thread_id = item.text(10);
        interaction.source_object = item.text(11);
        snapshot.interactions.push_back(std::move(interaction));
      }
      if (item.is_null(12)) return;
      Participant participant;
      participant.role = participant_role_from_string(item.text(12)).value_or(ParticipantRole::to);
      participant.address = item.text(13);
      participant.contact_id = item.optional_text(15);
      participant.user_id = item.optional_text(16);
      participant.name = item.text(14);
      if (participant.contact_id) {
        std::string contact_name = item.text(17);
        if (participant.name.empty()) participant.name = contact_name;
        auto& contact = contact_in(snapshot, *participant.contact_id);
        if (contact.name.empty()) contact.name = contact_name;
        if (contact.title.empty()) contact.title = item.text(18);
        if (contact.email.empty()) contact.email = participant.address;
      } else if (participant.user_id && participant.name.empty()) {
        participant.name = item.text(19);
      }
      snapshot.interactions.back().participants.push_back(std::move(participant));
    });
    if (read) read = rows_of(contact_roles_, id, [&](const Statement& role) {
      auto& contact = contact_in(snapshot, role.text(1));
      contact.roles.push_back(role.text(2));
      std::string name = role.text(3) + " " + role.text(4);
      if (contact.name.empty()) contact.name = name;
      attain_by_role(role, name, snapshot);
      if (contact.title.empty()) contact.title = role.text(5);
      if (contact.email.empty()) contact.email = role.text(6);
    });
    if (read) read = rows_of(milestones_, id, [&](const Statement& milestone) {
      snapshot.milestones.push_back(MilestoneAttainment{milestone.text(1), milestone.text(2),
                                                        milestone.text(3), time_at(milestone, 4),
                                                        milestone.text(5), milestone.text(6)});
    });
    if (!read) return std::unexpected(read.error());
    std::stable_sort(snapshot.milestones.begin(), snapshot.milestones.end(),
                     [](const MilestoneAttainment& a, const MilestoneAttainment& b) {
                       return a.attained_at < b.attained_at;
                     });
    if (auto visited_ok = visit(snapshot); !visited_ok) return std::unexpected(visited_ok.error());
    ++visited;
  }
  return visited;
}

}  // namespace rearview::sqlite
