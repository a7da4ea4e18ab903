// A Session on SQLite: one connection, the roles that work on it, and its
// transactions. Private to the adapter.
#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "connection.h"
#include "rearview/core/database.h"
#include "sqlite_record_writer.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {

enum class Access { read_only, read_write };

class SqliteSession final : public Session, private TransactionControl {
 public:
  // `on_end` runs when the session has let go of its connection.
  static Result<std::unique_ptr<SqliteSession>> open(std::shared_ptr<Connection> connection,
                                                     Access access,
                                                     std::function<void()> on_end = {});
  ~SqliteSession() override;

  Result<WriteTransaction> write_transaction() override;
  Result<ReadTransaction> read_transaction() override;

  SnapshotSource& snapshots() override { return snapshots_; }
  StageCatalogue& stage_catalogue() override { return catalogue_; }
  OpportunityDirectory& opportunities() override { return directory_; }
  DealQueries& deals() override { return deals_; }
  DerivedStore& derived() override { return derived_; }
  MatchingStore& matching() override { return matching_; }
  TrackerStore& trackers() override { return trackers_; }
  AccountStore& accounts() override { return accounts_; }
  InterviewStore& interviews() override { return interviews_; }

 private:
  SqliteSession(std::shared_ptr<Connection> connection, std::function<void()> on_end);
  Result<void> begin(const char* sql);
  Result<void> commit() override;
  void rollback() override;

  // Declared first, so that it runs last: after every statement is finalized.
  struct EndNotice {
    std::function<void()> on_end;
    ~EndNotice() {
      if (on_end) on_end();
    }
  } end_notice_;
  std::shared_ptr<Connection> connection_;
  bool in_transaction_ = false;
  SqliteStageCatalogue catalogue_;
  SqliteSnapshotSource snapshots_;
  SqliteOpportunityDirectory directory_;
  SqliteDealQueries deals_;
  SqliteDerivedStore derived_;
  SqliteMatchingStore matching_;
  SqliteTrackerStore trackers_;
  SqliteAccountStore accounts_;
  SqliteInterviewStore interviews_;
  SqliteMilestoneRecorder milestones_;
  SqliteInteractionLinks links_;
  SqliteCalendarEvents calendar_;
  std::optional<SqliteRecordWriter> records_;  // only when the session may write
};

}  // namespace rearview::sqlite
