#include "bulk_load.h"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace rearview::sqlite {
namespace {

struct SchemaObject {
  std::string type;  // index or trigger
  std::string name;
  std::string create;
};

}  // namespace

Result<void> BulkLoad::begin_if_empty(std::initializer_list<const char*> tables,
                                      std::initializer_list<std::string_view> kept,
                                      const char* catch_up) {
  if (considered_) return {};
  considered_ = true;
  for (const char* table : tables) {
    auto rows =
        connection_.scalar(fmt::format("SELECT EXISTS (SELECT 1 FROM \"{}\")", table).c_str());
    if (!rows) return std::unexpected(rows.error());
    if (*rows) return {};
  }
  // Automatic indexes (a primary key's) have no SQL and stay.
  std::vector<SchemaObject> objects;
  for (const char* table : tables) {
    Statement& list = connection_.statement(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') AND "
        "tbl_name = ?1 AND sql IS NOT NULL ORDER BY type, name");
    list.bind(1, table);
    auto read = for_each_row(list, [&](const Statement& row) {
      objects.push_back({row.text(0), row.text(1), row.text(2)});
    });
    if (!read) return read;
  }
  for (auto& object : objects) {
    if (std::find(kept.begin(), kept.end(), object.name) != kept.end()) continue;
    const char* kind = object.type == "trigger" ? "TRIGGER" : "INDEX";
    auto dropped = connection_.execute(fmt::format("DROP {} \"{}\"", kind, object.name).c_str());
    if (!dropped) return dropped;
    dropped_.push_back(std::move(object.create));
  }
  catch_up_ = catch_up;
  return {};
}

Result<void> BulkLoad::finish() {
  for (const auto& create : dropped_)
    if (auto built = connection_.execute(create.c_str()); !built) return built;
  if (catch_up_)
    if (auto done = connection_.execute(catch_up_); !done) return done;
  forget();
  return {};
}

void BulkLoad::forget() {
  considered_ = false;
  dropped_.clear();
  catch_up_ = nullptr;
}

}  // namespace rearview::sqlite
