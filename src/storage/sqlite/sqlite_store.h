// The SQLite implementation of Store. Private to the adapter.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "rearview/core/derived_store.h"
#include "rearview/core/store.h"
#include "rearview/storage/sqlite_store.h"
#include "row_writer.h"
#include "statement.h"

namespace rearview::sqlite {

// Whose file a database is, read before anything is written to it.
enum class Ownership { ours, empty, legacy_ours, foreign };

class SqliteStore final : public Store, public DerivedStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> open(const std::filesystem::path& file,
                                                   OpenMode mode,
                                                   std::chrono::milliseconds writer_wait);
  ~SqliteStore() override;

  Result<void> begin(TransactionSize size) override;
  Result<void> commit() override;
  void rollback() override;

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
  Result<std::optional<Id>> account_by_name(const std::string& name) override;
  Result<std::vector<Stage>> stages() override;

  Result<long long> rederive_changed_opportunities(
      const std::function<StageEntriesAndClose(const OpportunityForDerivation&)>& derive) override;

  Result<StoreCounts> counts() override;

  Result<std::optional<OpportunitySnapshot>> snapshot(const Id& id) override;
  Result<long long> for_each_snapshot(
      OpportunityFilter filter,
      const std::function<Result<void>(const OpportunitySnapshot&)>& visit,
      SnapshotDetail detail) override;
  Result<std::vector<OpportunityName>> find_opportunities(const std::string& text,
                                                          int limit) override;
  Result<std::vector<OpportunityName>> opportunity_names() override;
  Result<void> record_milestone(const Id& opportunity_id,
                                const MilestoneAttainment& attainment) override;
  Result<std::vector<OpportunitySpan>> won_opportunity_spans() override;
  DerivedStore& derived() override { return *this; }

  // DerivedStore (derived_store.cc)
  Result<std::vector<QueuedDeal>> queued_deals() override;
  Result<long long> queued_count() override;
  Result<long long> queued_outcome_changes() override;
  Result<void> dequeue(std::span<const QueuedDeal> done) override;
  Result<std::optional<StoredContext>> context(const std::string& cohort_key) override;
  Result<void> save_context(const StoredContext& context) override;
  Result<std::optional<StoredAnalysis>> analysis(const Id& opportunity_id) override;
  Result<void> save_analysis(const StoredAnalysis& analysis) override;
  Result<long long> stale_analyses(long long context_version) override;

 private:
  explicit SqliteStore(sqlite3* db);
  Result<void> make_ready(const std::filesystem::path& file, OpenMode mode);
  Result<Ownership> reopen_immutable(const std::filesystem::path& file);
  Result<void> check_current(const std::filesystem::path& file);
  Result<void> migrate(const std::filesystem::path& file);
  static std::unexpected<Error> too_new(const std::filesystem::path& file, long long version);
  void prepare();
  Result<void> mark_for_derivation(const Id& opportunity_id);
  Result<std::optional<Id>> find_one(Statement& statement, const std::string& key);
  Result<long long> scalar(const char* sql);
  Result<std::vector<Id>> next_derivation_batch(const std::string& after);
  Result<std::optional<OpportunityForDerivation>> load_for_derivation(const Id& id);
  Result<void> store_derivation(const Id& id, const StageEntriesAndClose& derived);
  Result<void> replace_participants(const Interaction& interaction, WriteOutcome outcome);
  Result<void> replace_domains(const Account& account, WriteOutcome outcome);

  sqlite3* db_;
  RowValues row_;
  std::string custom_buffer_;
  RowWriter users_, accounts_, contacts_, opportunities_, history_, field_changes_,
      contact_roles_, interactions_;
  std::map<const char*, Statement> statements_;  // keyed by the literal SQL text
  Statement& statement(const char* sql);
};

}  // namespace rearview::sqlite
