#include "schema.h"

#include <fmt/format.h>

#include "migrations.h"

namespace rearview::sqlite {
namespace {

// "rvw1" in PRAGMA application_id marks a file as rearview's, so that a
// database another program made is never migrated or switched to WAL.
constexpr long long kApplicationId = 0x72767731;

long long known_version() { return static_cast<long long>(migrations().size()); }

std::unexpected<Error> too_new(const std::filesystem::path& file, long long version) {
  return std::unexpected<Error>(Error{
      ErrorCode::database_too_new,
      fmt::format("{} was written by a newer rearview (schema version {}; this rearview knows up "
                  "to {})",
                  file.string(), version, known_version()),
      "upgrade rearview, or point --db at another file"});
}

}  // namespace

// Databases from before the application id was written are recognised by
// their schema version and their tables.
Result<Ownership> ownership(Connection& connection) {
  // Prepared by hand: on a file that is not a database at all, preparing
  // fails, which Statement treats as a bug in our SQL.
  const char* sql =
      "SELECT (SELECT application_id FROM pragma_application_id), "
      "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master), "
      "(SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
      "name IN ('opportunities', 'interactions', 'derive_queue'))";
  sqlite3* db = connection.get();
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

std::unexpected<Error> with_file(Error error, const std::filesystem::path& file) {
  error.message = fmt::format("{} ({})", error.message, file.string());
  return std::unexpected(std::move(error));
}

Result<void> check_current(Connection& connection, const std::filesystem::path& file) {
  auto version = connection.scalar("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version > known_version()) return too_new(file, *version);
  if (*version < known_version())
    return fail(ErrorCode::database,
                fmt::format("{} has schema version {}; this rearview reads version {}",
                            file.string(), *version, known_version()),
                fmt::format("`rearview upgrade --db {}` brings it up to date (reading never "
                            "changes a database)",
                            file.string()));
  return {};
}

namespace {

// The migrations after `from_version`, in one transaction.
Result<void> apply_migrations(Connection& connection, const std::filesystem::path& file,
                              std::size_t from_version) {
  const auto& all = migrations();
  if (auto begun = connection.execute("BEGIN IMMEDIATE"); !begun)
    return with_file(begun.error(), file);
  Result<void> applied;
  for (auto next = from_version; applied && next < all.size(); ++next) {
    applied = connection.execute(all[next].c_str());
    if (applied)
      applied = connection.execute(fmt::format("PRAGMA user_version = {}", next + 1).c_str());
  }
  if (applied)
    applied = connection.execute(fmt::format("PRAGMA application_id = {}", kApplicationId).c_str());
  if (applied) applied = connection.execute("COMMIT");
  if (!applied) {
    connection.execute("ROLLBACK");
    return with_file(applied.error(), file);
  }
  return {};
}

}  // namespace

Result<void> migrate(Connection& connection, const std::filesystem::path& file) {
  auto version = connection.scalar("PRAGMA user_version");
  if (!version) return std::unexpected(version.error());
  if (*version > known_version()) return too_new(file, *version);
  auto id = connection.scalar("PRAGMA application_id");
  if (!id) return std::unexpected(id.error());
  if (*version == known_version() && *id == kApplicationId) return {};
  // A migration that rebuilds a table drops the old one: with foreign keys
  // on, that would delete the rows that refer to it. The switch only takes
  // effect outside a transaction; the copied rows keep their references.
  if (auto off = connection.execute("PRAGMA foreign_keys = OFF"); !off)
    return with_file(off.error(), file);
  auto applied = apply_migrations(connection, file, std::size_t(*version));
  if (auto on = connection.execute("PRAGMA foreign_keys = ON"); !on && applied)
    return with_file(on.error(), file);
  return applied;
}

}  // namespace rearview::sqlite
