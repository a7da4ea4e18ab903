#include "row_writer.h"

#include <fmt/format.h>

#include <cstring>

namespace rearview::sqlite {

std::int64_t RowValues::fingerprint(std::uint64_t extra) const {
  std::uint64_t hash = stable_hash({reinterpret_cast<const char*>(&extra), sizeof extra});
  for (const auto& value : values_) {
    char tag = char('0' + value.index());
    hash = stable_hash({&tag, 1}, hash);
    if (const auto* text = std::get_if<std::string_view>(&value)) {
      hash = stable_hash(*text, hash);
      hash = stable_hash({"\x1f", 1}, hash);  // separates adjacent texts
    } else if (const auto* integer = std::get_if<long long>(&value)) {
      hash = stable_hash({reinterpret_cast<const char*>(integer), sizeof *integer}, hash);
    } else if (const auto* real = std::get_if<double>(&value)) {
      hash = stable_hash({reinterpret_cast<const char*>(real), sizeof *real}, hash);
    }
  }
  std::int64_t signed_hash;
  std::memcpy(&signed_hash, &hash, sizeof hash);
  return signed_hash;
}

void bind_values(Statement& statement, int first_index, const RowValues& row) {
  int index = first_index;
  for (const auto& value : row.values()) {
    if (const auto* text = std::get_if<std::string_view>(&value)) {
      statement.bind_borrowed(index, *text);
    } else if (const auto* integer = std::get_if<long long>(&value)) {
      statement.bind(index, *integer);
    } else if (const auto* real = std::get_if<double>(&value)) {
      statement.bind(index, std::optional<double>(*real));
    } else {
      statement.bind_null(index);
    }
    ++index;
  }
}

RowWriter::RowWriter(sqlite3* db, std::string_view table, std::vector<std::string_view> columns)
    : db_(db) {
  std::string names = "id";
  std::string placeholders = "?1";
  std::string assignments;
  int index = 2;
  for (auto column : columns) {
    names += fmt::format(", {}", column);
    placeholders += fmt::format(", ?{}", index);
    assignments += fmt::format("{} = ?{}, ", column, index);
    ++index;
  }
  insert_ = Statement(db, fmt::format("INSERT INTO {} ({}, row_hash) VALUES ({}, ?{}) "
                                      "ON CONFLICT (id) DO NOTHING",
                                      table, names, placeholders, index));
  update_ = Statement(db, fmt::format("UPDATE {} SET {}row_hash = ?{} WHERE id = ?1 AND "
                                      "row_hash <> ?{}",
                                      table, assignments, index, index));
}

// Insert first: on a first import that is the only statement a row costs.
// DO NOTHING skips only an existing id; any other violated constraint fails.
Result<WriteOutcome> RowWriter::write(std::string_view id, const RowValues& row,
                                      std::uint64_t extra_fingerprint) {
  auto hash = static_cast<long long>(row.fingerprint(extra_fingerprint));
  for (auto [statement, outcome] :
       {std::pair{&insert_, WriteOutcome::inserted}, std::pair{&update_, WriteOutcome::updated}}) {
    statement->bind_borrowed(1, id);
    bind_values(*statement, 2, row);
    statement->bind(int(row.values().size()) + 2, hash);
    if (auto ran = statement->run(); !ran) return std::unexpected(ran.error());
    if (sqlite3_changes(db_) > 0) return outcome;
  }
  return WriteOutcome::unchanged;
}

}  // namespace rearview::sqlite
