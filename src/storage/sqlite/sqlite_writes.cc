// Writing imported records.
#include <fmt/format.h>

#include <boost/json.hpp>

#include "link_rows.h"
#include "sqlite_record_writer.h"

namespace rearview::sqlite {
namespace {

std::optional<std::string> optional_date(const std::optional<Date>& date) {
  if (!date) return std::nullopt;
  return format_date(*date);
}

std::optional<long long> optional_seconds(const std::optional<Timestamp>& time) {
  if (!time) return std::nullopt;
  return time->time_since_epoch().count();
}

long long seconds(Timestamp time) { return time.time_since_epoch().count(); }

std::string custom_json(const CustomFields& fields) {
  boost::json::object object;
  for (const auto& [name, value] : fields) object[name] = value;
  return boost::json::serialize(object);
}

// Runs `on_change(outcome)` after a row was inserted or updated, for the
// data kept beside it.
Result<WriteOutcome> then(Result<WriteOutcome> written, auto&& on_change) {
  if (written && *written != WriteOutcome::unchanged) {
    if (auto done = on_change(*written); !done) return std::unexpected(done.error());
  }
  return written;
}

}  // namespace

SqliteRecordWriter::SqliteRecordWriter(Connection& connection)
    : connection_(connection),
      users_(connection.get(), "users", {"name", "email", "title", "manager_id", "is_active"}),
      accounts_(connection.get(), "accounts", {"name", "type", "industry", "owner_id", "custom"}),
      contacts_(connection.get(), "contacts",
                {"account_id", "first_name", "last_name", "email", "title", "custom"}),
      opportunities_(connection.get(), "opportunities",
                     {"name", "account_id", "owner_id", "amount", "currency", "stage", "created_at",
                      "close_date", "outcome", "loss_reason", "win_reason", "competitor", "type",
                      "lead_source", "last_stage_change_at", "custom"}),
      history_(connection.get(), "opportunity_history",
               {"opportunity_id", "changed_at", "stage", "amount", "close_date", "probability",
                "sequence"}),
      field_changes_(
          connection.get(), "field_changes",
          {"opportunity_id", "field", "old_value", "new_value", "changed_at", "changed_by"}),
      contact_roles_(connection.get(), "contact_roles",
                     {"opportunity_id", "contact_id", "role", "is_primary", "created_at"}),
      interactions_(connection.get(), "interactions",
                    {"kind", "direction", "account_id", "owner_id", "subject", "body",
                     "occurred_at", "duration_seconds", "thread_id", "source_object", "source",
                     "source_id", "automated", "speaker_turns", "our_talk_seconds",
                     "buyer_talk_seconds", "unattributed_talk_seconds", "message_id"}),
      bulk_load_(connection) {}

// Interactions are most of an import's rows (and each e-mail's participants
// several more): into empty tables they are loaded in bulk. Their triggers
// queue the deal of every link written; the catch-up queues them all.
Result<void> SqliteRecordWriter::bulk_load_interactions() {
  return bulk_load_.begin_if_empty(
      {"interactions", "interaction_participants", "interaction_links"},
      {"interactions_source", "interactions_message_id"},
      "INSERT INTO analysis_queue (opportunity_id, stamp) SELECT DISTINCT opportunity_id, "
      "random() FROM interaction_links WHERE true "
      "ON CONFLICT (opportunity_id) DO UPDATE SET stamp = excluded.stamp");
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const User& user) {
  row_.clear();
  row_.text(user.name).text(user.email).text(user.title).text(user.manager_id)
      .integer(user.is_active ? 1 : 0);
  return users_.write(user.id, row_);
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const Account& account) {
  custom_buffer_ = custom_json(account.custom);
  row_.clear();
  row_.text(account.name).text(account.type).text(account.industry).text(account.owner_id)
      .text(custom_buffer_);
  std::uint64_t domains = 0;
  for (const auto& domain : account.email_domains) domains = stable_hash(domain, domains ^ 0x9e37);
  return then(accounts_.write(account.id, row_, domains),
                       [&](WriteOutcome outcome) { return replace_domains(account, outcome); });
}

Result<void> SqliteRecordWriter::replace_domains(const Account& account, WriteOutcome outcome) {
  if (outcome == WriteOutcome::updated) {
    Statement& remove = connection_.statement("DELETE FROM account_domains WHERE account_id = ?1");
    if (auto done = remove.bind(1, account.id).run(); !done) return done;
  }
  Statement& insert = connection_.statement(
      "INSERT OR IGNORE INTO account_domains (domain, account_id) VALUES (?1, ?2)");
  for (const auto& domain : account.email_domains)
    if (auto done = insert.bind(1, domain).bind(2, account.id).run(); !done) return done;
  return {};
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const Contact& contact) {
  custom_buffer_ = custom_json(contact.custom);
  row_.clear();
  row_.text(contact.account_id).text(contact.first_name).text(contact.last_name)
      .text(contact.email).text(contact.title).text(custom_buffer_);
  return contacts_.write(contact.id, row_);
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const Opportunity& opportunity) {
  custom_buffer_ = custom_json(opportunity.custom);
  auto close_date = optional_date(opportunity.close_date);
  row_.clear();
  row_.text(opportunity.name).text(opportunity.account_id).text(opportunity.owner_id)
      .real(opportunity.amount).text(opportunity.currency).text(opportunity.stage)
      .integer(optional_seconds(opportunity.created_at)).text(close_date)
      .text(to_string(opportunity.outcome)).text(opportunity.loss_reason)
      .text(opportunity.win_reason).text(opportunity.competitor).text(opportunity.type)
      .text(opportunity.source).integer(optional_seconds(opportunity.last_stage_change_at))
      .text(custom_buffer_);
  return then(opportunities_.write(opportunity.id, row_),
                           [&](WriteOutcome) { return mark_for_derivation(opportunity.id); });
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const OpportunityHistoryRow& history) {
  auto close_date = optional_date(history.close_date);
  row_.clear();
  row_.text(history.opportunity_id).integer(seconds(history.changed_at)).text(history.stage)
      .real(history.amount).text(close_date).real(history.probability)
      .integer(history.sequence);
  return then(history_.write(history.id, row_),
                                     [&](WriteOutcome) { return mark_for_derivation(history.opportunity_id); });
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const FieldChange& change) {
  row_.clear();
  row_.text(change.opportunity_id).text(change.field).text(change.old_value)
      .text(change.new_value).integer(seconds(change.changed_at)).text(change.changed_by);
  return field_changes_.write(change.id, row_);
}

Result<WriteOutcome> SqliteRecordWriter::upsert(const ContactRole& role) {
  row_.clear();
  row_.text(role.opportunity_id).text(role.contact_id).text(role.role)
      .integer(role.is_primary ? 1 : 0).integer(optional_seconds(role.created_at));
  return contact_roles_.write(role.id, row_);
}

namespace {

// A call's talk as four columns; none for what was not read from a transcript.
void append_talk(RowValues& row, const std::optional<CallTalk>& talk) {
  if (!talk) {
    for (int i = 0; i < 4; ++i) row.integer(std::nullopt);
    return;
  }
  row.integer(talk->speaker_turns).integer(talk->our_seconds).integer(talk->buyer_seconds)
      .integer(talk->unattributed_seconds);
}

// What a re-import compares besides the row: the participants and the links.
std::uint64_t interaction_children_hash(const Interaction& interaction) {
  std::uint64_t hash = 0x51ed;
  for (const auto& participant : interaction.participants) {
    hash = stable_hash(to_string(participant.role), hash);
    hash = stable_hash(participant.address, hash ^ 1);
    hash = stable_hash(participant.name, hash ^ 2);
    hash = stable_hash(participant.contact_id.value_or(""), hash ^ 3);
    hash = stable_hash(participant.user_id.value_or(""), hash ^ 4);
  }
  for (const auto& link : interaction.links) {
    hash = stable_hash(link.opportunity_id, hash ^ 5);
    hash = stable_hash(to_string(link.method), hash ^ 6);
    hash = stable_hash(link.rule, hash ^ 7);
    hash = stable_hash(fmt::format("{}", link.score), hash ^ 8);
  }
  return hash;
}

}  // namespace

Result<WriteOutcome> SqliteRecordWriter::upsert(const Interaction& interaction) {
  if (auto bulk = bulk_load_interactions(); !bulk) return std::unexpected(bulk.error());
  // Checked before the row is written, so that a bad link writes nothing.
  for (const auto& link : interaction.links) {
    auto known = exists(RecordKind::opportunity, link.opportunity_id);
    if (!known) return std::unexpected(known.error());
    if (!*known)
      return fail(ErrorCode::missing_reference,
                  fmt::format("interaction {} is linked to opportunity {}, which does not exist",
                              interaction.id, link.opportunity_id),
                  "");
  }
  row_.clear();
  row_.text(to_string(interaction.kind)).text(to_string(interaction.direction))
      .text(interaction.account_id).text(interaction.owner_id)
      .text(interaction.subject).text(interaction.body)
      .integer(seconds(interaction.occurred_at)).integer(interaction.duration_seconds)
      .text(interaction.thread_id).text(interaction.source_object)
      .text(to_string(interaction.source)).text(interaction.source_id)
      .integer(interaction.automated ? 1 : 0);
  append_talk(row_, interaction.talk);
  row_.text(interaction.message_id);
  return then(interactions_.write(interaction.id, row_, interaction_children_hash(interaction)),
              [&](WriteOutcome outcome) -> Result<void> {
                if (auto done = replace_participants(interaction, outcome); !done) return done;
                return replace_links(interaction, outcome);
              });
}

// An importer's links replace the ones it wrote before; links that matching
// or a person made stay, and while a person's assignment stands no automatic
// link is added beside it.
Result<void> SqliteRecordWriter::replace_links(const Interaction& interaction,
                                               WriteOutcome outcome) {
  bool new_interaction = outcome == WriteOutcome::inserted;
  if (!new_interaction) {
    Statement& remove = connection_.statement(
        "DELETE FROM interaction_links WHERE interaction_id = ?1 AND method = 'crm'");
    if (auto done = remove.bind(1, interaction.id).run(); !done) return done;
  }
  // A new interaction has no links yet: no probe, which matters while the
  // links' index is deferred in a bulk load.
  Statement& insert = new_interaction
      ? connection_.statement(
            "INSERT INTO interaction_links (interaction_id, opportunity_id, method, score, rule, "
            "linked_at, linked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      : connection_.statement(
            "INSERT INTO interaction_links (interaction_id, opportunity_id, method, score, rule, "
            "linked_at, linked_by) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE NOT EXISTS (SELECT 1 "
            "FROM interaction_links WHERE interaction_id = ?1 AND method = 'manual') "
            "ON CONFLICT (opportunity_id, interaction_id) DO UPDATE SET method = excluded.method, "
            "score = excluded.score, rule = excluded.rule, linked_at = excluded.linked_at, "
            "linked_by = excluded.linked_by WHERE method <> 'manual'");
  for (const auto& link : interaction.links) {
    bind_link(insert, interaction.id, link);
    if (auto done = insert.run(); !done) return done;
  }
  return {};
}

Result<void> SqliteRecordWriter::replace_participants(const Interaction& interaction,
                                                      WriteOutcome outcome) {
  if (outcome == WriteOutcome::updated) {
    Statement& remove =
        connection_.statement("DELETE FROM interaction_participants WHERE interaction_id = ?1");
    if (auto done = remove.bind(1, interaction.id).run(); !done) return done;
  }
  Statement& insert = connection_.statement(
      "INSERT INTO interaction_participants (interaction_id, position, role, address, name, "
      "contact_id, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  long long position = 0;
  for (const auto& participant : interaction.participants) {
    insert.bind_borrowed(1, interaction.id).bind(2, position++)
        .bind_borrowed(3, to_string(participant.role)).bind_borrowed(4, participant.address)
        .bind_borrowed(5, participant.name).bind_borrowed(6, participant.contact_id)
        .bind_borrowed(7, participant.user_id);
    if (auto done = insert.run(); !done) return done;
  }
  return {};
}

// A stage's milestone definitions are replaced on every write; whether it
// changed says only whether its place and meaning in the process did.
Result<WriteOutcome> SqliteRecordWriter::upsert(const Stage& stage) {
  auto stored = stored_stage(stage.name);
  if (!stored) return std::unexpected(stored.error());
  bool same = *stored && (*stored)->sort_order == stage.sort_order &&
              (*stored)->probability == stage.probability &&
              (*stored)->is_closed == stage.is_closed && (*stored)->is_won == stage.is_won;
  if (!same)
    if (auto written = write_stage(stage); !written) return std::unexpected(written.error());
  if (auto replaced = replace_milestone_definitions(stage); !replaced)
    return std::unexpected(replaced.error());
  if (!*stored) return WriteOutcome::inserted;
  return same ? WriteOutcome::unchanged : WriteOutcome::updated;
}

Result<std::optional<Stage>> SqliteRecordWriter::stored_stage(const std::string& name) {
  Statement& find = connection_.statement(
      "SELECT sort_order, probability, is_closed, is_won FROM stages WHERE name = ?1");
  find.bind(1, name);
  std::optional<Stage> stored;
  auto read = for_each_row(find, [&](const Statement& row) {
    stored = Stage{.name = name,
                   .sort_order = int(row.integer(0)),
                   .probability = row.real(1),
                   .is_closed = row.integer(2) != 0,
                   .is_won = row.integer(3) != 0};
  });
  if (!read) return std::unexpected(read.error());
  return stored;
}

Result<void> SqliteRecordWriter::write_stage(const Stage& stage) {
  Statement& write = connection_.statement(
      "INSERT INTO stages (name, sort_order, probability, is_closed, is_won) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (name) DO UPDATE SET sort_order = "
      "excluded.sort_order, probability = excluded.probability, is_closed = excluded.is_closed, "
      "is_won = excluded.is_won");
  return write.bind(1, stage.name)
      .bind(2, static_cast<long long>(stage.sort_order))
      .bind(3, std::optional<double>(stage.probability))
      .bind(4, static_cast<long long>(stage.is_closed))
      .bind(5, static_cast<long long>(stage.is_won))
      .run();
}

Result<void> SqliteRecordWriter::replace_milestone_definitions(const Stage& stage) {
  Statement& remove = connection_.statement("DELETE FROM milestone_definitions WHERE stage = ?1");
  if (auto done = remove.bind(1, stage.name).run(); !done) return done;
  Statement& insert = connection_.statement(
      "INSERT INTO milestone_definitions (stage, key, label, kind, options, position, "
      "contact_role) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  long long position = 0;
  for (const auto& milestone : stage.milestones) {
    boost::json::array options;
    for (const auto& option : milestone.options) options.emplace_back(boost::json::string(option));
    insert.bind(1, stage.name).bind(2, milestone.key).bind(3, milestone.label)
        .bind(4, to_string(milestone.kind)).bind(5, boost::json::serialize(options))
        .bind(6, position++).bind(7, milestone.contact_role);
    if (auto done = insert.run(); !done) return done;
  }
  return {};
}

}  // namespace rearview::sqlite
