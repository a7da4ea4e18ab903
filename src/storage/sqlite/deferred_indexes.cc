#include "deferred_indexes.h"

#include <fmt/format.h>

#include <utility>

namespace rearview::sqlite {

Result<void> DeferredIndexes::defer_if_empty(std::initializer_list<const char*> tables) {
  for (const char* table : tables) {
    auto rows = connection_.scalar(
        fmt::format("SELECT EXISTS (SELECT 1 FROM \"{}\")", table).c_str());
    if (!rows) return std::unexpected(rows.error());
    if (*rows) return {};
  }
  std::vector<std::pair<std::string, std::string>> indexes;  // name, CREATE INDEX
  for (const char* table : tables) {
    Statement& list = connection_.statement(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?1 "
        "AND sql IS NOT NULL ORDER BY name");
    list.bind(1, table);
    auto read = for_each_row(
        list, [&](const Statement& row) { indexes.emplace_back(row.text(0), row.text(1)); });
    if (!read) return read;
  }
  for (auto& [name, create] : indexes) {
    auto dropped = connection_.execute(fmt::format("DROP INDEX \"{}\"", name).c_str());
    if (!dropped) return dropped;
    dropped_.push_back(std::move(create));
  }
  return {};
}

Result<void> DeferredIndexes::rebuild() {
  while (!dropped_.empty()) {
    if (auto built = connection_.execute(dropped_.back().c_str()); !built) return built;
    dropped_.pop_back();
  }
  return {};
}

}  // namespace rearview::sqlite
