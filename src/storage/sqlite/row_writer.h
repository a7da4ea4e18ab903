// Insert-or-update by id, writing nothing when the row's fingerprint is
// unchanged. The SQL is generated from one column list per table so the
// insert and the update cannot drift apart.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rearview/core/record_writer.h"
#include "rearview/core/stable_hash.h"
#include "statement.h"

namespace rearview::sqlite {

using Value = std::variant<std::monostate, std::string_view, long long, double>;

// The column values of one row, in the order of the table's column list.
class RowValues {
 public:
  void clear() { values_.clear(); }
  RowValues& text(std::string_view value) { return add(value); }
  RowValues& text(const std::string& value) { return add(std::string_view(value)); }
  RowValues& text(const std::optional<std::string>& value) {
    return value ? add(std::string_view(*value)) : add(std::monostate{});
  }
  RowValues& integer(long long value) { return add(value); }
  RowValues& integer(std::optional<long long> value) {
    return value ? add(*value) : add(std::monostate{});
  }
  RowValues& real(std::optional<double> value) {
    return value ? add(*value) : add(std::monostate{});
  }
  const std::vector<Value>& values() const { return values_; }
  std::int64_t fingerprint(std::uint64_t extra = 0) const;

 private:
  RowValues& add(Value value) {
    values_.push_back(value);
    return *this;
  }
  std::vector<Value> values_;
};

// Borrows the texts: `row` must outlive the statement's run.
void bind_values(Statement& statement, int first_index, const RowValues& row);

class RowWriter {
 public:
  RowWriter() = default;
  RowWriter(sqlite3* db, std::string_view table, std::vector<std::string_view> columns);

  // Writes the row with this id; `extra_fingerprint` folds in data kept
  // elsewhere (e.g. an interaction's participants).
  Result<WriteOutcome> write(std::string_view id, const RowValues& row,
                             std::uint64_t extra_fingerprint = 0);

 private:
  sqlite3* db_ = nullptr;
  Statement insert_;
  Statement update_;
};

}  // namespace rearview::sqlite
