// One SQLite connection with the statements prepared on it. Each session
// owns one (an in-memory database shares its only one with its session).
#pragma once

#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "rearview/core/error.h"
#include "statement.h"

namespace rearview::sqlite {

class Connection {
 public:
  // Opens `uri` (see file_uri) with SQLITE_OPEN_* `flags`. A writer that
  // finds another writer at work waits up to `writer_wait`.
  static Result<std::unique_ptr<Connection>> open(const std::string& uri, int flags,
                                                  std::chrono::milliseconds writer_wait,
                                                  std::string_view name);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  sqlite3* get() const { return db_; }
  // The file (or "an in-memory database"), for messages.
  const std::string& name() const { return name_; }
  // Prepared on first use and kept; keyed by the address of the literal SQL text.
  Statement& statement(const char* sql);
  // The first column of the first row, 0 without a row.
  Result<long long> scalar(const char* sql);
  Result<void> execute(const char* sql) { return sqlite::execute(db_, sql); }

 private:
  Connection(sqlite3* db, std::string_view name) : db_(db), name_(name) {}
  sqlite3* db_;
  std::string name_;
  std::map<const char*, Statement> statements_;
};

// SQLite reads '?' and '#' in a URI as the start of parameters, and '%' as
// an escape; everything else of a path can stand as it is.
std::string file_uri(const std::filesystem::path& file, std::string_view parameters = {});

}  // namespace rearview::sqlite
