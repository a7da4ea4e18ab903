// The RecordWriter on SQLite: what importers write, and the derivation queue
// that rederive_changed_opportunities walks. Private to the adapter.
#pragma once

#include "bulk_load.h"
#include "connection.h"
#include "rearview/core/derivation_queue.h"
#include "rearview/core/record_writer.h"
#include "row_writer.h"

namespace rearview::sqlite {

class SqliteRecordWriter final : public RecordWriter, private DerivationQueue {
 public:
  // Prepares its statements: throws std::logic_error on a schema that lacks
  // what they need (a damaged database).
  explicit SqliteRecordWriter(Connection& connection);

  Result<WriteOutcome> upsert(const User& user) override;
  Result<WriteOutcome> upsert(const Account& account) override;
  Result<WriteOutcome> upsert(const Contact& contact) override;
  Result<WriteOutcome> upsert(const Opportunity& opportunity) override;
  Result<WriteOutcome> upsert(const OpportunityHistoryRow& row) override;
  Result<WriteOutcome> upsert(const FieldChange& change) override;
  Result<WriteOutcome> upsert(const ContactRole& role) override;
  Result<WriteOutcome> upsert(const Interaction& interaction) override;
  Result<WriteOutcome> upsert(const Stage& stage) override;

  Result<bool> exists(RecordKind kind, const Id& id) override;
  Result<std::optional<Id>> contact_by_email(const std::string& address) override;
  Result<std::optional<Id>> user_by_email(const std::string& address) override;
  Result<std::optional<Id>> user_by_name(const std::string& name) override;
  Result<std::optional<Id>> crm_email_of_message(const std::string& message_id) override;
  Result<std::vector<Id>> captured_emails_of_message(const std::string& message_id) override;
  Result<void> remove_interaction(const Id& id) override;
  Result<std::optional<Id>> account_by_name(const std::string& name) override;
  Result<std::optional<SourceCursor>> source_cursor(SourceKind source,
                                                    const std::string& location) override;
  Result<void> save_source_cursor(SourceKind source, const SourceCursor& cursor) override;

  Result<long long> rederive_changed_opportunities(const DeriveStageEntries& derive) override;

  // The transaction these writes are in is about to commit, or has rolled
  // back: a bulk load is finished, or forgotten.
  Result<void> before_commit() { return bulk_load_.finish(); }
  void after_rollback() { bulk_load_.forget(); }

 private:
  // DerivationQueue
  Result<std::vector<Id>> next_batch(const Id& after, int limit) override;
  Result<std::optional<OpportunityForDerivation>> load(const Id& id) override;
  Result<void> keep(const Id& id, const StageEntriesAndClose& derived) override;
  Result<void> clear() override;

  Result<void> mark_for_derivation(const Id& opportunity_id);
  Result<void> bulk_load_interactions();
  Result<void> replace_participants(const Interaction& interaction, WriteOutcome outcome);
  Result<void> replace_links(const Interaction& interaction, WriteOutcome outcome);
  Result<void> replace_domains(const Account& account, WriteOutcome outcome);
  Result<std::optional<Stage>> stored_stage(const std::string& name);
  Result<void> write_stage(const Stage& stage);
  Result<void> replace_milestone_definitions(const Stage& stage);
  Result<std::optional<Id>> find_one(const char* sql, const std::string& key);
  Result<void> read_history(const Id& id, std::vector<OpportunityHistoryRow>& history);

  Connection& connection_;
  RowValues row_;
  std::string custom_buffer_;
  RowWriter users_, accounts_, contacts_, opportunities_, history_, field_changes_, contact_roles_,
      interactions_;
  BulkLoad bulk_load_;
};

}  // namespace rearview::sqlite
