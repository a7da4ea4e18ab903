#include "connection.h"

#include <fmt/format.h>

#include <mutex>

namespace rearview::sqlite {

Result<std::unique_ptr<Connection>> Connection::open(const std::string& uri, int flags,
                                                     std::chrono::milliseconds writer_wait,
                                                     std::string_view name) {
  // Memory statistics cost a global mutex on every allocation; we never read them.
  static std::once_flag configured;
  std::call_once(configured, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  // Sessions work in several threads, each on its own connection; a library
  // built without threads would share state between them unguarded.
  if (!sqlite3_threadsafe())
    return fail(ErrorCode::database, "this SQLite library was built without thread support",
                "install a SQLite built with SQLITE_THREADSAFE=1 or 2 (Debian's is)");
  sqlite3* db = nullptr;
  // A connection is used by one thread at a time (one session per thread):
  // SQLite's own mutexes would only cost time.
  int code =
      sqlite3_open_v2(uri.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
  if (code != SQLITE_OK) {
    Error error = translate(db, sqlite3_extended_errcode(db), fmt::format("opening {}", name));
    sqlite3_close(db);
    return std::unexpected(error);
  }
  sqlite3_busy_timeout(db, int(writer_wait.count()));
  sqlite3_extended_result_codes(db, 1);
  return std::unique_ptr<Connection>(new Connection(db, name));
}

Connection::~Connection() {
  statements_.clear();  // finalized before the connection closes
  sqlite3_close(db_);
}

Statement& Connection::statement(const char* sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) found = statements_.emplace(sql, Statement(db_, sql)).first;
  return found->second;
}

Result<long long> Connection::scalar(const char* sql) {
  Statement query(db_, sql);
  auto row = query.step();
  if (!row) return std::unexpected(row.error());
  return *row ? query.integer(0) : 0;
}

std::string file_uri(const std::filesystem::path& file, std::string_view parameters) {
  std::string uri = "file:";
  std::error_code no_working_folder;
  std::filesystem::path absolute = std::filesystem::absolute(file, no_working_folder);
  for (char c : (no_working_folder ? file : absolute).string()) {
    if (c == '?' || c == '#' || c == '%')
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    else
      uri += c;
  }
  uri += parameters;
  return uri;
}

}  // namespace rearview::sqlite
