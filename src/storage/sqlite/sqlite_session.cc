#include "sqlite_session.h"

#include <fmt/format.h>

namespace rearview::sqlite {

SqliteSession::SqliteSession(std::shared_ptr<Connection> connection, std::function<void()> on_end)
    : end_notice_{std::move(on_end)},
      connection_(std::move(connection)),
      catalogue_(*connection_),
      snapshots_(*connection_, catalogue_),
      directory_(*connection_),
      deals_(*connection_),
      derived_(*connection_),
      matching_(*connection_),
      trackers_(*connection_),
      accounts_(*connection_),
      interviews_(*connection_),
      milestones_(*connection_),
      links_(*connection_),
      calendar_(*connection_) {}

Result<std::unique_ptr<SqliteSession>> SqliteSession::open(std::shared_ptr<Connection> connection,
                                                           Access access,
                                                           std::function<void()> on_end) {
  std::unique_ptr<SqliteSession> session(
      new SqliteSession(std::move(connection), std::move(on_end)));
  if (access == Access::read_write) {
    try {
      session->records_.emplace(*session->connection_);
    } catch (const std::exception& damaged) {
      return fail(ErrorCode::database,
                  fmt::format("{} is damaged: {}", session->connection_->name(), damaged.what()),
                  "restore it from a backup, or import into a new file");
    }
  }
  return session;
}

SqliteSession::~SqliteSession() {
  if (in_transaction_) rollback();
}

Result<void> SqliteSession::begin(const char* sql) {
  if (in_transaction_)
    return fail(ErrorCode::database, "this session has a transaction open already",
                "end it before beginning another (one transaction at a time per session)");
  if (auto begun = connection_->execute(sql); !begun) return begun;
  in_transaction_ = true;
  return {};
}

// Always WAL on a file, also for a bulk import: readers keep reading the data
// as it was before while a writer works, and a kill leaves a WAL that the next
// open rolls back. IMMEDIATE takes the write lock at once, so a second
// writer waits here (up to the writer wait) rather than failing midway.
Result<WriteTransaction> SqliteSession::write_transaction() {
  if (!records_)
    return fail(ErrorCode::database, "the database was opened for reading only",
                "open it for writing to change it");
  if (auto begun = begin("BEGIN IMMEDIATE"); !begun) return std::unexpected(begun.error());
  return WriteTransaction(*this, *records_, milestones_, links_, calendar_);
}

// A deferred transaction takes its snapshot at its first read: reading the
// schema at once pins it to the moment the transaction begins.
Result<ReadTransaction> SqliteSession::read_transaction() {
  if (auto begun = begin("BEGIN DEFERRED"); !begun) return std::unexpected(begun.error());
  if (auto pinned = connection_->scalar("SELECT count(*) FROM sqlite_master"); !pinned) {
    rollback();
    return std::unexpected(pinned.error());
  }
  return ReadTransaction(*this);
}

Result<void> SqliteSession::commit() {
  if (records_)
    if (auto finished = records_->before_commit(); !finished) return finished;
  if (auto committed = connection_->execute("COMMIT"); !committed) return committed;
  in_transaction_ = false;
  return {};
}

// SQLite ends some failed transactions by itself (a full disk, say); then
// there is nothing left to roll back.
void SqliteSession::rollback() {
  if (!sqlite3_get_autocommit(connection_->get())) connection_->execute("ROLLBACK");
  if (records_) records_->after_rollback();
  in_transaction_ = false;
}

}  // namespace rearview::sqlite
