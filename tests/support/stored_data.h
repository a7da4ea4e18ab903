// Reads a database file back through the storage roles, for tests that check
// what an import or a command left behind without knowing the engine's tables.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/storage/sqlite_database.h"

namespace rearview::testing {

class StoredData {
 public:
  explicit StoredData(const std::filesystem::path& file, OpenMode mode = OpenMode::read_only) {
    auto database = open_sqlite_database(file, mode);
    if (!database) throw std::runtime_error(database.error().message);
    database_ = std::move(*database);
    auto session = database_->open_session();
    if (!session) throw std::runtime_error(session.error().message);
    session_ = std::move(*session);
  }

  Session& session() { return *session_; }

  std::optional<OpportunitySnapshot> deal(const Id& id) {
    return value(session_->snapshots().snapshot(id));
  }

  // Every deal the filter admits, in id order (test databases are small).
  std::vector<OpportunitySnapshot> deals(const DealFilter& filter = {}) {
    std::vector<OpportunitySnapshot> found;
    value(session_->snapshots().for_each_snapshot(filter, [&](const OpportunitySnapshot& deal) {
      found.push_back(deal);
      return Result<void>();
    }));
    return found;
  }

  RecordCounts counts() { return value(session_->deals().counts()); }
  std::vector<Stage> stages() { return value(session_->stage_catalogue().stages()); }

 private:
  template <typename T>
  static T value(Result<T> result) {
    if (!result) throw std::runtime_error(result.error().message);
    return std::move(*result);
  }

  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;  // ends before its database
};

// The interaction `id` of a deal (a test failure when it has none).
inline const Interaction& interaction_in(const OpportunitySnapshot& deal, const Id& id) {
  for (const auto& interaction : deal.interactions)
    if (interaction.id == id) return interaction;
  throw std::runtime_error(deal.opportunity.id + " has no interaction " + id);
}

}  // namespace rearview::testing
