// Loads opportunity snapshots by walking one cursor per child table in
// opportunity-id order and merging them, instead of a handful of queries per
// opportunity: reading every deal stays a single sequential pass.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/store.h"
#include "statement.h"

namespace rearview::sqlite {

class SnapshotReader {
 public:
  // `only_id` limits the walk to one opportunity.
  SnapshotReader(sqlite3* db, OpportunityFilter filter, const std::optional<Id>& only_id,
                 SnapshotDetail detail);

  Result<long long> run(const std::function<Result<void>(const OpportunitySnapshot&)>& visit);

 private:
  // A child cursor: rows ordered by opportunity id in column 0.
  struct Cursor {
    Statement statement;
    bool has_row = false;
    bool done = false;
  };
  Result<void> advance(Cursor& cursor);
  // Steps `cursor` to the first row of `id` (skipping rows of earlier ids)
  // and calls `read` for each row of it.
  Result<void> rows_of(Cursor& cursor, const Id& id, const std::function<void(const Statement&)>& read);

  void read_opportunity(const Statement& row, OpportunitySnapshot& snapshot) const;
  // Milestones the CRM attains: a contact role that a definition names.
  void attain_by_role(const Statement& role, const std::string& contact_name,
                      OpportunitySnapshot& snapshot) const;

  struct RoleMilestone {
    std::string stage;
    std::string key;
    std::string role;
  };
  std::vector<RoleMilestone> role_milestones_;

  Statement opportunities_;
  Cursor stage_entries_, field_changes_, interactions_, contact_roles_, milestones_;
};

}  // namespace rearview::sqlite
