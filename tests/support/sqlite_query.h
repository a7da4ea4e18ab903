// Reads single values straight from a test database file, for what only SQL
// can see: the file itself (PRAGMAs) and what no storage role reads back;
// and plants what no importer would write.
#pragma once

#include <sqlite3.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace rearview::testing {

inline std::string query_value(const std::filesystem::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open " + database.string());
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(message + " in " + sql);
  }
  std::string value = "<no row>";
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const auto* text = sqlite3_column_text(statement, 0);
    value = text ? reinterpret_cast<const char*>(text) : "<null>";
  }
  sqlite3_finalize(statement);
  sqlite3_close(db);
  return value;
}

// Runs SQL that changes the file behind the code's back: what a test plants.
inline void execute_sql(const std::filesystem::path& database, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(database.c_str(), &db) != SQLITE_OK)
    throw std::runtime_error("cannot open " + database.string());
  sqlite3_busy_timeout(db, 5000);
  char* message = nullptr;
  int status = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message);
  std::string problem = message ? message : "";
  sqlite3_free(message);
  sqlite3_close(db);
  if (status != SQLITE_OK) throw std::runtime_error(problem + " in " + sql);
}

}  // namespace rearview::testing
