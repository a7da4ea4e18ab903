#include "snapshot_reader.h"

#include <fmt/format.h>

#include <algorithm>

#include <boost/json.hpp>

#include "deal_filter_sql.h"
#include "link_rows.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

Timestamp time_at(const Statement& row, int column) {
  return Timestamp{std::chrono::seconds{row.integer(column)}};
}

std::optional<Timestamp> optional_time(const Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return time_at(row, column);
}

std::string child_where(const char* column, bool one) {
  return one ? fmt::format("WHERE {} = ?1", column) : std::string();
}

// Written by us as an object of strings; a cell damaged by another program
// is read as no custom fields rather than stopping every report.
CustomFields custom_fields(const std::string& json) {
  CustomFields fields;
  if (json.size() <= 2) return fields;  // "{}" holds nothing
  boost::system::error_code damaged;
  auto parsed = boost::json::parse(json, damaged);
  if (!damaged && parsed.is_object())
    for (const auto& [name, value] : parsed.get_object())
      if (value.is_string()) fields.emplace_back(name, value.get_string());
  return fields;
}

void read_opportunity(const Statement& row, OpportunitySnapshot& snapshot) {
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
  opportunity.custom = custom_fields(row.text(20));
}

// Columns 21 to 27: the interaction's source and its link to this deal; 28
// to 31: a call's talk.
Interaction read_interaction(const Statement& row, const Id& opportunity_id) {
  Interaction interaction;
  interaction.id = row.text(1);
  interaction.links.push_back(read_link(row, 23, opportunity_id));
  interaction.source = source_kind_from_string(row.text(21)).value_or(SourceKind::crm);
  interaction.source_id = row.text(22);
  interaction.kind = interaction_kind_from_string(row.text(2)).value_or(InteractionKind::note);
  interaction.direction = direction_from_string(row.text(3)).value_or(Direction::unknown);
  interaction.account_id = row.optional_text(4);
  interaction.owner_id = row.optional_text(5);
  interaction.subject = row.text(6);
  interaction.body = row.text(7);
  interaction.occurred_at = time_at(row, 8);
  interaction.duration_seconds = row.optional_integer(9);
  interaction.thread_id = row.text(10);
  interaction.source_object = row.text(11);
  if (auto turns = row.optional_integer(28))
    interaction.talk = CallTalk{.speaker_turns = *turns,
                                .our_seconds = row.integer(29),
                                .buyer_seconds = row.integer(30),
                                .unattributed_seconds = row.integer(31)};
  return interaction;
}

StoredParticipant read_participant(const Statement& row) {
  StoredParticipant stored;
  Participant& participant = stored.participant;
  participant.role = participant_role_from_string(row.text(12)).value_or(ParticipantRole::to);
  participant.address = row.text(13);
  participant.name = row.text(14);
  participant.contact_id = row.optional_text(15);
  participant.user_id = row.optional_text(16);
  stored.contact_first_name = row.text(17);
  stored.contact_last_name = row.text(18);
  stored.contact_title = row.text(19);
  stored.user_name = row.text(20);
  return stored;
}

StoredContactRole read_contact_role(const Statement& row) {
  return StoredContactRole{.contact_id = row.text(1),
                           .role = row.text(2),
                           .created_at = optional_time(row, 3),
                           .first_name = row.text(4),
                           .last_name = row.text(5),
                           .title = row.text(6),
                           .email = row.text(7)};
}

}  // namespace

SnapshotReader::SnapshotReader(sqlite3* db, const DealFilter& filter,
                               const std::optional<Id>& only_id, SnapshotDetail detail,
                               const SnapshotAssembler& assembler)
    : assembler_(assembler) {
  bool one = only_id.has_value();
  DealFilterSql where(filter, 2);  // ?1 is the one id
  opportunities_ = Statement(
      db, fmt::format(
              "SELECT o.id, o.name, o.account_id, o.owner_id, o.amount, o.currency, o.stage, "
              "o.created_at, o.close_date, o.outcome, o.loss_reason, o.win_reason, o.competitor, "
              "o.type, o.lead_source, o.last_stage_change_at, o.closed_at, "
              "coalesce(a.name, ''), coalesce(u.name, ''), coalesce(m.name, ''), o.custom "
              "FROM opportunities o LEFT JOIN accounts a ON a.id = o.account_id "
              "LEFT JOIN users u ON u.id = o.owner_id LEFT JOIN users m ON m.id = u.manager_id "
              "WHERE {} AND {} ORDER BY o.id",
              one ? "o.id = ?1" : "1", where.conditions()));
  where.bind(opportunities_);
  stage_entries_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, sequence, stage, entered_at FROM stage_entries {} "
                      "ORDER BY opportunity_id, sequence",
                      child_where("opportunity_id", one)));
  field_changes_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, id, field, old_value, new_value, changed_at, "
                      "changed_by FROM field_changes {} ORDER BY opportunity_id, changed_at, id",
                      child_where("opportunity_id", one)));
  interactions_.statement = Statement(
      db,
      fmt::format("SELECT l.opportunity_id, i.id, i.kind, i.direction, i.account_id, i.owner_id, "
                  "i.subject, {}, i.occurred_at, i.duration_seconds, i.thread_id, "
                  "i.source_object, p.role, p.address, p.name, p.contact_id, p.user_id, "
                  "coalesce(c.first_name, ''), coalesce(c.last_name, ''), coalesce(c.title, ''), "
                  "coalesce(pu.name, ''), i.source, i.source_id, l.method, l.score, l.rule, "
                  "l.linked_at, l.linked_by, i.speaker_turns, i.our_talk_seconds, "
                  "i.buyer_talk_seconds, i.unattributed_talk_seconds "
                  "FROM interaction_links l JOIN interactions i ON i.id = l.interaction_id "
                  "LEFT JOIN interaction_participants p ON p.interaction_id = i.id "
                  "LEFT JOIN contacts c ON c.id = p.contact_id "
                  "LEFT JOIN users pu ON pu.id = p.user_id {} "
                  "ORDER BY l.opportunity_id, i.occurred_at, i.id, p.position",
                  detail == SnapshotDetail::full ? "i.body" : "''",
                  child_where("l.opportunity_id", one)));
  tracker_hits_.statement = Statement(
      db, fmt::format("SELECT l.opportunity_id, h.interaction_id, h.tracker, h.phrase, h.excerpt, "
                      "h.at, h.cue_seconds, h.speaker, h.said_by, h.mentions "
                      "FROM interaction_links l JOIN tracker_hits h "
                      "ON h.interaction_id = l.interaction_id {} "
                      "ORDER BY l.opportunity_id, h.interaction_id, h.position",
                      child_where("l.opportunity_id", one)));
  contact_roles_.statement = Statement(
      db, fmt::format("SELECT r.opportunity_id, r.contact_id, r.role, r.created_at, c.first_name, "
                      "c.last_name, c.title, c.email FROM contact_roles r "
                      "JOIN contacts c ON c.id = r.contact_id {} "
                      "ORDER BY r.opportunity_id, r.is_primary DESC, r.id",
                      child_where("r.opportunity_id", one)));
  milestones_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, stage, key, value, attained_at, attained_by, source "
                      "FROM milestone_attainments {} ORDER BY opportunity_id, attained_at",
                      child_where("opportunity_id", one)));
  interviews_.statement = Statement(
      db, fmt::format("SELECT opportunity_id, document FROM buyer_interviews {} "
                      "ORDER BY opportunity_id",
                      child_where("opportunity_id", one)));
  if (one) {
    opportunities_.bind(1, *only_id);
    for (Cursor* cursor :
         {&stage_entries_, &field_changes_, &interactions_, &tracker_hits_, &contact_roles_,
          &milestones_, &interviews_})
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

// One row per participant, and one without for an interaction that has none.
void SnapshotReader::read_interaction_row(const Statement& row, OpportunitySnapshot& snapshot) {
  if (snapshot.interactions.empty() || snapshot.interactions.back().id != row.text(1))
    snapshot.interactions.push_back(read_interaction(row, snapshot.opportunity.id));
  if (!row.is_null(12)) assembler_.add_participant(snapshot, read_participant(row));
}

// Hits arrive in interaction id order; the snapshot's interactions are in
// time order, so they are found through `by_id`, sorted by id.
void SnapshotReader::read_tracker_hit(const Statement& row, OpportunitySnapshot& snapshot,
                                      const std::vector<std::pair<Id, std::size_t>>& by_id) {
  std::string interaction_id = row.text(1);
  auto found = std::lower_bound(
      by_id.begin(), by_id.end(), interaction_id,
      [](const std::pair<Id, std::size_t>& entry, const Id& id) { return entry.first < id; });
  if (found == by_id.end() || found->first != interaction_id) return;
  snapshot.interactions[found->second].tracker_hits.push_back(
      TrackerHit{.tracker = row.text(2),
                 .phrase = row.text(3),
                 .excerpt = row.text(4),
                 .at = time_at(row, 5),
                 .cue_seconds = row.optional_integer(6),
                 .speaker = row.text(7),
                 .said_by = said_by_from_string(row.text(8)).value_or(SaidBy::unknown),
                 .mentions = row.integer(9)});
}

Result<void> SnapshotReader::read_children(OpportunitySnapshot& snapshot) {
  const Id& id = snapshot.opportunity.id;
  auto read = rows_of(stage_entries_, id, [&](const Statement& entry) {
    snapshot.stage_entries.push_back(
        StageEntry{id, int(entry.integer(1)), entry.text(2), time_at(entry, 3)});
  });
  if (read)
    read = rows_of(field_changes_, id, [&](const Statement& change) {
      snapshot.field_changes.push_back(FieldChange{change.text(1), id, change.text(2),
                                                   change.text(3), change.text(4),
                                                   time_at(change, 5), change.optional_text(6)});
    });
  if (read)
    read = rows_of(interactions_, id,
                   [&](const Statement& row) { read_interaction_row(row, snapshot); });
  std::vector<std::pair<Id, std::size_t>> by_id;
  for (std::size_t i = 0; i < snapshot.interactions.size(); ++i)
    by_id.emplace_back(snapshot.interactions[i].id, i);
  std::sort(by_id.begin(), by_id.end());
  if (read)
    read = rows_of(tracker_hits_, id,
                   [&](const Statement& row) { read_tracker_hit(row, snapshot, by_id); });
  if (read)
    read = rows_of(contact_roles_, id, [&](const Statement& role) {
      assembler_.add_contact_role(snapshot, read_contact_role(role));
    });
  if (read)
    read = rows_of(milestones_, id, [&](const Statement& milestone) {
      snapshot.milestones.push_back(MilestoneAttainment{milestone.text(1), milestone.text(2),
                                                        milestone.text(3), time_at(milestone, 4),
                                                        milestone.text(5), milestone.text(6)});
    });
  if (read)
    read = rows_of(interviews_, id, [&](const Statement& row) {
      snapshot.interview = interview_from_document(id, row.text(1));
    });
  return read;
}

Result<long long> SnapshotReader::run(const SnapshotSource::Visit& visit) {
  long long visited = 0;
  OpportunitySnapshot snapshot;
  while (true) {
    auto row = opportunities_.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    snapshot = OpportunitySnapshot{};
    read_opportunity(opportunities_, snapshot);
    if (auto read = read_children(snapshot); !read) return std::unexpected(read.error());
    assembler_.finish(snapshot);
    if (auto visited_ok = visit(snapshot); !visited_ok) return std::unexpected(visited_ok.error());
    ++visited;
  }
  return visited;
}

}  // namespace rearview::sqlite
