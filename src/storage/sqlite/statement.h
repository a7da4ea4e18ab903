// A thin RAII layer over sqlite3 statements: the only place that binds and
// reads columns, so adapter code reads like the SQL it runs.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string>
#include <string_view>

#include "rearview/core/error.h"

namespace rearview::sqlite {

// Translates an SQLite result code into our error, with a hint where one helps.
Error translate(sqlite3* db, int code, std::string_view doing);

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool valid() const { return statement_ != nullptr; }

  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Statement& bind(int index, const std::optional<std::string>& text);
  Statement& bind(int index, long long value);
  Statement& bind(int index, std::optional<long long> value);
  Statement& bind(int index, std::optional<double> value);
  Statement& bind_null(int index);
  Statement& bind_blob(int index, std::string_view bytes);  // bytes, not text: NULs and all
  // Binds without copying: the caller keeps `text` alive until the statement
  // has run. The bulk writers use it (a copy of every e-mail body costs an
  // import a tenth of its time); everyone else copies.
  Statement& bind_borrowed(int index, std::string_view text);
  Statement& bind_borrowed(int index, const std::string& text) {
    return bind_borrowed(index, std::string_view(text));
  }
  Statement& bind_borrowed(int index, const std::optional<std::string>& text);

  // SQLITE_ROW -> true, SQLITE_DONE -> false, anything else -> error.
  Result<bool> step();
  // Runs to completion, then resets for the next use.
  Result<void> run();
  void reset();

  bool is_null(int column) const;
  long long integer(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::string blob(int column) const;
  std::optional<std::string> optional_text(int column) const;
  std::optional<long long> optional_integer(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
};

Result<void> execute(sqlite3* db, const char* sql);

// Calls `take(query)` for every row of `query`, then resets it for the next use.
template <typename Take>
Result<void> for_each_row(Statement& query, Take&& take) {
  while (true) {
    auto row = query.step();  // resets on an error
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    take(static_cast<const Statement&>(query));
  }
  query.reset();
  return {};
}

}  // namespace rearview::sqlite
