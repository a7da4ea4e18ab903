// Opening, migrating and transactions of the SQLite store.
#include "sqlite_store.h"

#include <fmt/format.h>

#include <mutex>

#include "migrations.h"
#include "rearview/storage/sqlite_store.h"

namespace rearview {

int sqlite_schema_version() { return int(sqlite::migrations().size()); }

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& file, OpenMode mode) {
  auto store = sqlite::SqliteStore::open(file, mode == OpenMode::create_if_missing);
  if (!store) return std::unexpected(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace rearview

namespace rearview::sqlite {

SqliteStore::SqliteStore(sqlite3* db) : db_(db) {}

SqliteStore::~SqliteStore() {
  statements_.clear();
  users_ = {};
  accounts_ = {};
  contacts_ = {};
  opportunities_ = {};
  history_ = {};
  field_changes_ = {};
  contact_roles_ = {};
  interactions_ = {};
  sqlite3_close(db_);
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file,
                                                       bool create_if_missing) {
  // Memory statistics cost a global mutex on every allocation; we never read them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  if (!create_if_missing && !std::filesystem::exists(file))
    return fail(ErrorCode::not_found, fmt::format("there is no database at {}", file.string()),
                "`rearview import ... --db PATH` creates one");
  sqlite3* db = nullptr;
  // One connection per store, used from one thread: no need for SQLite's mutexes.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create_if_missing ? SQLITE_OPEN_CREATE : 0);
  int code = sqlite3_open_v2(file.c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    Error error = translate(db, code, fmt::format("opening {}", file.string()));
    sqlite3_close(db);
    return std::unexpected(error);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db));
  sqlite3_busy_timeout(db, 3000);
  sqlite3_extended_result_codes(db, 1);
  // WAL keeps readers going during an import; synchronous=NORMAL is safe
  // against a killed process (only a power cut may lose the last commit).
  for (const char* pragma : {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL",
                             "PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536",
                             "PRAGMA temp_store = MEMORY"}) {
    if (auto done = execute(db, pragma); !done) {
      Error error = done.error();
      error.message = fmt::format("{} ({})", error.message, file.string());
      return std::unexpected(error);
    }
  }
  if (auto migrated = store->migrate(file); !migrated) return std::unexpected(migrated.error());
  store->prepare();
  return store;
}

Result<void> SqliteStore::migrate(const std::filesystem::path& file) {
  auto version = scalar("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  auto all = migrations();
  if (*version > static_cast<long long>(all.size()))
    return fail(ErrorCode::database_too_new,
                fmt::format("{} was written by a newer rearview (schema version {}; this rearview "
                            "knows up to {})",
                            file.string(), *version, all.size()),
                "upgrade rearview, or point --db at another file");
  for (auto next = std::size_t(*version); next < all.size(); ++next) {
    if (auto begun = execute(db_, "BEGIN IMMEDIATE"); !begun) return begun;
    auto applied = execute(db_, all[next]);
    if (applied)
      applied = execute(db_, fmt::format("PRAGMA user_version = {}", next + 1).c_str());
    if (applied) applied = execute(db_, "COMMIT");
    if (!applied) {
      execute(db_, "ROLLBACK");
      return applied;
    }
  }
  return {};
}

void SqliteStore::prepare() {
  users_ = RowWriter(db_, "users", {"name", "email", "title", "manager_id", "is_active"});
  accounts_ = RowWriter(db_, "accounts", {"name", "type", "industry", "owner_id", "custom"});
  contacts_ = RowWriter(db_, "contacts",
                        {"account_id", "first_name", "last_name", "email", "title", "custom"});
  opportunities_ = RowWriter(
      db_, "opportunities",
      {"name", "account_id", "owner_id", "amount", "currency", "stage", "created_at", "close_date",
       "outcome", "loss_reason", "win_reason", "competitor", "type", "lead_source",
       "last_stage_change_at", "custom"});
  history_ = RowWriter(db_, "opportunity_history",
                       {"opportunity_id", "changed_at", "stage", "amount", "close_date",
                        "probability", "sequence"});
  field_changes_ = RowWriter(db_, "field_changes", {"opportunity_id", "field", "old_value",
                                                    "new_value", "changed_at", "changed_by"});
  contact_roles_ =
      RowWriter(db_, "contact_roles",
                {"opportunity_id", "contact_id", "role", "is_primary", "created_at"});
  interactions_ = RowWriter(db_, "interactions",
                            {"kind", "direction", "opportunity_id", "account_id", "owner_id",
                             "subject", "body", "occurred_at", "duration_seconds", "thread_id",
                             "source_object"});
}

Statement& SqliteStore::statement(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) found = statements_.emplace(sql, Statement(db_, sql)).first;
  return found->second;
}

Result<long long> SqliteStore::scalar(const char* sql) {
  Statement query(db_, sql);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  return *row ? query.integer(0) : 0;
}

// A large import in WAL mode writes every page twice: into the WAL, then
// into the database at the checkpoint. A rollback journal records only the
// pages that existed before, so while no one else has the database open the
// import runs with one and the database returns to WAL afterwards. A kill
// leaves a hot journal, which SQLite rolls back on the next open.
Result<void> SqliteStore::begin(TransactionSize size) {
  if (size == TransactionSize::bulk) {
    Statement mode(db_, "PRAGMA journal_mode = DELETE");
    auto switched = mode.step();
    bulk_journal_ = switched && *switched && mode.text(0) == "delete";
  }
  auto begun = execute(db_, "BEGIN IMMEDIATE");
  if (!begun) restore_wal();
  return begun;
}

void SqliteStore::restore_wal() {
  if (!bulk_journal_) return;
  execute(db_, "PRAGMA journal_mode = WAL");
  bulk_journal_ = false;
}

Result<void> SqliteStore::commit() {
  auto committed = execute(db_, "COMMIT");
  restore_wal();
  return committed;
}

void SqliteStore::rollback() {
  if (!sqlite3_get_autocommit(db_)) execute(db_, "ROLLBACK");
  restore_wal();
}

}  // namespace rearview::sqlite
