#include "statement.h"

#include <fmt/format.h>

#include <stdexcept>
#include <utility>

namespace rearview::sqlite {

Error translate(sqlite3* db, int code, std::string_view doing) {
  int primary = code & 0xff;
  std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    return Error{ErrorCode::database_locked, fmt::format("the database is locked ({})", doing),
                 "another rearview process is writing to it and did not finish in time; run this again "
                 "when it has finished"};
  if (primary == SQLITE_CONSTRAINT && (code == SQLITE_CONSTRAINT_FOREIGNKEY))
    return Error{ErrorCode::missing_reference, fmt::format("{}: {}", doing, detail), ""};
  if (primary == SQLITE_NOTADB)
    return Error{ErrorCode::database, fmt::format("{}: the file is not a rearview database", doing),
                 "check the --db path"};
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY || primary == SQLITE_PERM)
    return Error{ErrorCode::io, fmt::format("{}: {}", doing, detail),
                 "check that the folder exists and is writable"};
  if (primary == SQLITE_FULL)
    return Error{ErrorCode::io, fmt::format("{}: the disk is full", doing), "free some space"};
  return Error{ErrorCode::database, fmt::format("{}: {}", doing, detail), ""};
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int code = sqlite3_prepare_v3(db, sql.data(), int(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                &statement_, nullptr);
  if (code != SQLITE_OK)  // the SQL is ours, so a failure here is a bug
    throw std::logic_error(fmt::format("cannot prepare {}: {}", sql, sqlite3_errmsg(db)));
}

Statement::~Statement() { sqlite3_finalize(statement_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    sqlite3_finalize(statement_);
    db_ = other.db_;
    statement_ = std::exchange(other.statement_, nullptr);
  }
  return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_borrowed(int index, std::string_view text) {
  sqlite3_bind_text(statement_, index, text.data(), int(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind_borrowed(int index, const std::optional<std::string>& text) {
  return text ? bind_borrowed(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
  sqlite3_bind_blob(statement_, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& text) {
  return text ? bind(index, std::string_view(*text)) : bind_null(index);
}

Statement& Statement::bind(int index, long long value) {
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::bind(int index, std::optional<long long> value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, std::optional<double> value) {
  if (value) {
    sqlite3_bind_double(statement_, index, *value);
    return *this;
  }
  return bind_null(index);
}

Statement& Statement::bind_null(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

Result<bool> Statement::step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  Error error = translate(db_, sqlite3_extended_errcode(db_), "writing to the database");
  reset();
  return std::unexpected(error);
}

Result<void> Statement::run() {
  auto stepped = step();
  reset();
  if (!stepped) return std::unexpected(stepped.error());
  return {};
}

void Statement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

bool Statement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}
long long Statement::integer(int column) const { return sqlite3_column_int64(statement_, column); }
double Statement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  return data ? std::string(data, std::size_t(sqlite3_column_bytes(statement_, column)))
              : std::string();
}

std::string Statement::blob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(statement_, column));
  return data ? std::string(data, std::size_t(sqlite3_column_bytes(statement_, column)))
              : std::string();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<long long> Statement::optional_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

Result<void> execute(sqlite3* db, const char* sql) {
  char* message = nullptr;
  int code = sqlite3_exec(db, sql, nullptr, nullptr, &message);
  sqlite3_free(message);
  if (code != SQLITE_OK) return std::unexpected(translate(db, sqlite3_extended_errcode(db), "updating the database"));
  return {};
}

}  // namespace rearview::sqlite
