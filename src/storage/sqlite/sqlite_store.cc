// Opening, migrating and transactions of the SQLite store.
#include "sqlite_store.h"

#include <fmt/format.h>

#include <mutex>
#include <vector>

#include "migrations.h"
#include "rearview/storage/sqlite_store.h"

namespace rearview {

int sqlite_schema_version() { return int(sqlite::migrations().size()); }

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& file, OpenMode mode,
                                                 std::chrono::milliseconds writer_wait) {
  auto store = sqlite::SqliteStore::open(file, mode, writer_wait);
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

namespace {

// "rvw1" in PRAGMA application_id marks a file as rearview's, so that a
// database another program made is never migrated or switched to WAL.
constexpr long long kApplicationId = 0x72767731;

// Databases from before the application id was written are recognised by
// their schema version and their tables.
Result<Ownership> ownership(sqlite3* db) {
  // Prepared by hand: on a file that is not a database at all, preparing
  // fails, which Statement treats as a bug in our SQL.
  const char* sql =
      "SELECT (SELECT application_id FROM pragma_application_id), "
      "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
      "name IN ('opportunities', 'interactions', 'derive_queue'))";
  sqlite3_stmt* raw = nullptr;
  int code = sqlite3_prepare_v2(db, sql, -1, &raw, nullptr);
  std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> header(raw, sqlite3_finalize);
  if (code == SQLITE_OK) code = sqlite3_step(raw);
  if (code != SQLITE_ROW)
    return std::unexpected(translate(db, sqlite3_extended_errcode(db), "reading the database"));
  auto column = [&](int index) { return sqlite3_column_int64(raw, index); };
  long long application_id = column(0);
  long long version = column(1);
  long long objects = column(2);
  long long our_tables = column(3);
  if (application_id == kApplicationId) return Ownership::ours;
  if (application_id == 0 && version == 0 && objects == 0) return Ownership::empty;
  if (application_id == 0 && version > 0 && our_tables == 3) return Ownership::legacy_ours;
  return Ownership::foreign;
}

Error foreign_database(const std::filesystem::path& file) {
  return Error{ErrorCode::database,
               fmt::format("{} is not a rearview database: another program made it", file.string()),
               "rearview left it untouched; point --db at a rearview database or at a new file"};
}

// The message names the file, which SQLite's own messages do not.
std::unexpected<Error> with_file(Error error, const std::filesystem::path& file) {
  error.message = fmt::format("{} ({})", error.message, file.string());
  return std::unexpected(std::move(error));
}

// SQLite reads '?' and '#' in a URI as the start of parameters, and '%' as
// an escape; everything else of a path can stand as it is.
std::string file_uri(const std::filesystem::path& file, std::string_view parameters = {}) {
  std::string uri = "file:";
  std::error_code no_working_folder;
  std::filesystem::path absolute = std::filesystem::absolute(file, no_working_folder);
  for (char c : (no_working_folder ? file : absolute).string()) {
    if (c == '?' || c == '#' || c == '%') uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else uri += c;
  }
  uri += parameters;
  return uri;
}

Result<sqlite3*> open_connection(const std::filesystem::path& file, OpenMode mode,
                                 std::chrono::milliseconds writer_wait) {
  sqlite3* db = nullptr;
  // One connection per store, used from one thread: no need for SQLite's mutexes.
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  if (mode == OpenMode::read_only) flags |= SQLITE_OPEN_READONLY;
  else flags |= SQLITE_OPEN_READWRITE | (mode == OpenMode::create_if_missing ? SQLITE_OPEN_CREATE : 0);
  int code = sqlite3_open_v2(file_uri(file).c_str(), &db, flags, nullptr);
  if (code != SQLITE_OK) {
    Error error = translate(db, sqlite3_extended_errcode(db), fmt::format("opening {}", file.string()));
    sqlite3_close(db);
    return std::unexpected(error);
  }
  sqlite3_busy_timeout(db, int(writer_wait.count()));
  sqlite3_extended_result_codes(db, 1);
  return db;
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::filesystem::path& file,
                                                       OpenMode mode,
                                                       std::chrono::milliseconds writer_wait) {
  // Memory statistics cost a global mutex on every allocation; we never read them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  std::error_code missing;
  if (mode != OpenMode::create_if_missing && !std::filesystem::exists(file, missing))
    return fail(ErrorCode::not_found, fmt::format("there is no database at {}", file.string()),
                "`rearview import ... --db PATH` creates one");
  auto db = open_connection(file, mode, writer_wait);
  if (!db) return std::unexpected(db.error());
  std::unique_ptr<SqliteStore> store(new SqliteStore(*db));
  if (auto ready = store->make_ready(file, mode); !ready) return std::unexpected(ready.error());
  return store;
}

// Checks whose file it is before anything is written, then configures the
// connection and brings the schema up to date (writers only).
Result<void> SqliteStore::make_ready(const std::filesystem::path& file, OpenMode mode) {
  auto owner = ownership(db_);
  if (!owner && owner.error().code == ErrorCode::io && mode == OpenMode::read_only)
    owner = reopen_immutable(file);
  if (!owner) return with_file(owner.error(), file);
  if (*owner == Ownership::foreign) return std::unexpected(foreign_database(file));
  if (*owner == Ownership::empty && mode == OpenMode::read_only)
    return fail(ErrorCode::not_found, fmt::format("{} is an empty database", file.string()),
                "`rearview import ... --db PATH` fills it");
  // WAL keeps readers going during an import; synchronous=NORMAL is safe
  // against a killed process (only a power cut may lose the last commit).
  std::vector<const char*> pragmas = {"PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536",
                                      "PRAGMA temp_store = MEMORY"};
  if (mode != OpenMode::read_only) {
    pragmas.push_back("PRAGMA journal_mode = WAL");
    pragmas.push_back("PRAGMA synchronous = NORMAL");
  }
  for (const char* pragma : pragmas)
    if (auto done = execute(db_, pragma); !done) return with_file(done.error(), file);
  if (mode == OpenMode::read_only) {
    if (auto current = check_current(file); !current) return current;
  } else if (auto migrated = migrate(file); !migrated) {
    return migrated;
  }
  try {
    prepare();
  } catch (const std::exception& damaged) {
    return fail(ErrorCode::database,
                fmt::format("{} is damaged: {}", file.string(), damaged.what()),
                "restore it from a backup, or import into a new file");
  }
  return {};
}

// A reader of a WAL database needs its -shm file; in a folder it may not
// write, where no writer can be at work either, the file is read as it is.
Result<Ownership> SqliteStore::reopen_immutable(const std::filesystem::path& file) {
  sqlite3_close(db_);
  db_ = nullptr;
  int code = sqlite3_open_v2(file_uri(file, "?immutable=1").c_str(), &db_,
                             SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
  if (code != SQLITE_OK)
    return std::unexpected(translate(db_, code, fmt::format("opening {}", file.string())));
  sqlite3_extended_result_codes(db_, 1);
  return ownership(db_);
}

Result<void> SqliteStore::check_current(const std::filesystem::path& file) {
  auto version = scalar("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  auto known = static_cast<long long>(migrations().size());
  if (*version > known) return too_new(file, *version);
  if (*version < known)
    return fail(ErrorCode::database,
                fmt::format("{} has schema version {}; this rearview reads version {}",
                            file.string(), *version, known),
                fmt::format("`rearview upgrade --db {}` brings it up to date (reading never "
                            "changes a database)",
                            file.string()));
  return {};
}

std::unexpected<Error> SqliteStore::too_new(const std::filesystem::path& file, long long version) {
  return std::unexpected<Error>(Error{ErrorCode::database_too_new,
               fmt::format("{} was written by a newer rearview (schema version {}; this rearview "
                           "knows up to {})",
                           file.string(), version, migrations().size()),
               "upgrade rearview, or point --db at another file"});
}

Result<void> SqliteStore::migrate(const std::filesystem::path& file) {
  auto version = scalar("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  auto all = migrations();
  if (*version > static_cast<long long>(all.size())) return too_new(file, *version);
  auto id = scalar("PRAGMA application_id");
  if (!id) return std::unexpected(id.error());
  if (*version == static_cast<long long>(all.size()) && *id == kApplicationId) return {};
  if (auto begun = execute(db_, "BEGIN IMMEDIATE"); !begun) return with_file(begun.error(), file);
  Result<void> applied;
  for (auto next = std::size_t(*version); applied && next < all.size(); ++next) {
    applied = execute(db_, all[next]);
    if (applied) applied = execute(db_, fmt::format("PRAGMA user_version = {}", next + 1).c_str());
  }
  if (applied)
    applied = execute(db_, fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
  if (applied) applied = execute(db_, "COMMIT");
  if (!applied) {
    execute(db_, "ROLLBACK");
    return with_file(applied.error(), file);
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

// Always WAL, also for a bulk import: readers keep reading the data as it
// was before while a writer works, and a kill leaves a WAL that the next
// open rolls back. A second writer waits up to its writer_wait.
Result<void> SqliteStore::begin(TransactionSize) { return execute(db_, "BEGIN IMMEDIATE"); }

Result<void> SqliteStore::commit() { return execute(db_, "COMMIT"); }

void SqliteStore::rollback() {
  if (!sqlite3_get_autocommit(db_)) execute(db_, "ROLLBACK");
}

}  // namespace rearview::sqlite
