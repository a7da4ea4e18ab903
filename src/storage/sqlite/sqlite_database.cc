// Opening databases: checking and migrating a file once, then a connection
// per session.
#include "rearview/storage/sqlite_database.h"

#include <fmt/format.h>

#include <atomic>
#include <vector>

#include "migrations.h"
#include "schema.h"
#include "sqlite_session.h"

namespace rearview::sqlite {
namespace {

// Pragmas that hold per connection. synchronous = NORMAL is safe in WAL
// against a killed process (only a power cut may lose the last commit).
Result<void> configure(Connection& connection, Access access) {
  std::vector<const char*> pragmas = {"PRAGMA foreign_keys = ON", "PRAGMA cache_size = -65536",
                                      "PRAGMA temp_store = MEMORY"};
  if (access == Access::read_write) pragmas.push_back("PRAGMA synchronous = NORMAL");
  for (const char* pragma : pragmas)
    if (auto done = connection.execute(pragma); !done) return done;
  return {};
}

Access access_of(OpenMode mode) {
  return mode == OpenMode::read_only ? Access::read_only : Access::read_write;
}

int open_flags(OpenMode mode) {
  switch (mode) {
    case OpenMode::read_only:
      return SQLITE_OPEN_READONLY;
    case OpenMode::must_exist:
      return SQLITE_OPEN_READWRITE;
    case OpenMode::create_if_missing:
      return SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  }
  return SQLITE_OPEN_READONLY;
}

class FileDatabase final : public Database {
 public:
  static Result<std::unique_ptr<FileDatabase>> open(const std::filesystem::path& file,
                                                    OpenMode mode,
                                                    std::chrono::milliseconds writer_wait);

  Result<std::unique_ptr<Session>> open_session() override {
    auto connection = open_connection();
    if (!connection) return std::unexpected(connection.error());
    auto session = SqliteSession::open(std::move(*connection), access_of(mode_));
    if (!session) return std::unexpected(session.error());
    return std::unique_ptr<Session>(std::move(*session));
  }

 private:
  FileDatabase(const std::filesystem::path& file, OpenMode mode,
               std::chrono::milliseconds writer_wait)
      : file_(file), uri_(file_uri(file)), mode_(mode), writer_wait_(writer_wait) {}
  Result<std::unique_ptr<Connection>> open_connection();
  Result<void> make_ready();

  std::filesystem::path file_;
  std::string uri_;
  OpenMode mode_;
  std::chrono::milliseconds writer_wait_;
};

Result<std::unique_ptr<Connection>> FileDatabase::open_connection() {
  auto connection = Connection::open(uri_, open_flags(mode_), writer_wait_, file_.string());
  if (!connection) return std::unexpected(connection.error());
  if (auto configured = configure(**connection, access_of(mode_)); !configured)
    return with_file(configured.error(), file_);
  return connection;
}

Result<std::unique_ptr<FileDatabase>> FileDatabase::open(const std::filesystem::path& file,
                                                         OpenMode mode,
                                                         std::chrono::milliseconds writer_wait) {
  std::error_code missing;
  if (mode != OpenMode::create_if_missing && !std::filesystem::exists(file, missing))
    return fail(ErrorCode::not_found, fmt::format("there is no database at {}", file.string()),
                "`rearview import ... --db PATH` creates one");
  std::unique_ptr<FileDatabase> database(new FileDatabase(file, mode, writer_wait));
  if (auto ready = database->make_ready(); !ready) return std::unexpected(ready.error());
  return database;
}

// Checks whose file it is before anything is written, then brings the schema
// up to date (writers) or checks that it is (readers).
Result<void> FileDatabase::make_ready() {
  auto connection = Connection::open(uri_, open_flags(mode_), writer_wait_, file_.string());
  if (!connection) return std::unexpected(connection.error());
  auto owner = ownership(**connection);
  // A reader of a WAL database needs its -shm file; in a folder it may not
  // write, where no writer can be at work either, the file is read as it is.
  if (!owner && owner.error().code == ErrorCode::io && mode_ == OpenMode::read_only) {
    uri_ = file_uri(file_, "?immutable=1");
    connection = Connection::open(uri_, open_flags(mode_), writer_wait_, file_.string());
    if (!connection) return std::unexpected(connection.error());
    owner = ownership(**connection);
  }
  if (!owner) return with_file(owner.error(), file_);
  if (*owner == Ownership::foreign) return std::unexpected(foreign_database(file_));
  if (*owner == Ownership::empty && mode_ == OpenMode::read_only)
    return fail(ErrorCode::not_found, fmt::format("{} is an empty database", file_.string()),
                "`rearview import ... --db PATH` fills it");
  if (auto configured = configure(**connection, access_of(mode_)); !configured)
    return with_file(configured.error(), file_);
  if (mode_ == OpenMode::read_only) return check_current(**connection, file_);
  // The journal mode is kept in the file: set once, it holds for every session.
  if (auto wal = (*connection)->execute("PRAGMA journal_mode = WAL"); !wal)
    return with_file(wal.error(), file_);
  return migrate(**connection, file_);
}

class MemoryDatabase final : public Database {
 public:
  static Result<std::unique_ptr<MemoryDatabase>> open() {
    const char* name = "an in-memory database";
    auto connection = Connection::open(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                       std::chrono::milliseconds(0), name);
    if (!connection) return std::unexpected(connection.error());
    if (auto configured = configure(**connection, Access::read_write); !configured)
      return std::unexpected(configured.error());
    if (auto migrated = migrate(**connection, name); !migrated)
      return std::unexpected(migrated.error());
    return std::unique_ptr<MemoryDatabase>(new MemoryDatabase(std::move(*connection)));
  }

  Result<std::unique_ptr<Session>> open_session() override {
    if (in_use_.exchange(true))
      return fail(ErrorCode::database, "an in-memory database has one session at a time",
                  "end the other session first, or use a database file");
    auto session =
        SqliteSession::open(connection_, Access::read_write, [this] { in_use_ = false; });
    if (!session) return std::unexpected(session.error());
    return std::unique_ptr<Session>(std::move(*session));
  }

 private:
  explicit MemoryDatabase(std::unique_ptr<Connection> connection)
      : connection_(std::move(connection)) {}
  // The data lives as long as this connection, which each session borrows.
  std::shared_ptr<Connection> connection_;
  std::atomic<bool> in_use_{false};
};

}  // namespace
}  // namespace rearview::sqlite

namespace rearview {

int sqlite_schema_version() { return int(sqlite::migrations().size()); }

Result<std::unique_ptr<Database>> open_sqlite_database(const std::filesystem::path& file,
                                                       OpenMode mode,
                                                       std::chrono::milliseconds writer_wait) {
  auto database = sqlite::FileDatabase::open(file, mode, writer_wait);
  if (!database) return std::unexpected(database.error());
  return std::unique_ptr<Database>(std::move(*database));
}

Result<std::unique_ptr<Database>> open_sqlite_memory_database() {
  auto database = sqlite::MemoryDatabase::open();
  if (!database) return std::unexpected(database.error());
  return std::unique_ptr<Database>(std::move(*database));
}

}  // namespace rearview
