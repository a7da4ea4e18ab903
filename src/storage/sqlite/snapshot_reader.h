// Loads opportunity snapshots by walking one cursor per child table in
// opportunity-id order and merging them, instead of a handful of queries per
// opportunity: reading every deal stays a single sequential pass. The rows
// go to the core's SnapshotAssembler, which holds the rules.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "rearview/core/snapshot_assembly.h"
#include "rearview/core/snapshot_source.h"
#include "statement.h"

namespace rearview::sqlite {

class SnapshotReader {
 public:
  // `only_id` limits the walk to one opportunity.
  SnapshotReader(sqlite3* db, const DealFilter& filter, const std::optional<Id>& only_id,
                 SnapshotDetail detail, const SnapshotAssembler& assembler);

  Result<long long> run(const SnapshotSource::Visit& visit);

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
  Result<void> rows_of(Cursor& cursor, const Id& id,
                       const std::function<void(const Statement&)>& read);
  Result<void> read_children(OpportunitySnapshot& snapshot);
  void read_interaction_row(const Statement& row, OpportunitySnapshot& snapshot);
  void read_tracker_hit(const Statement& row, OpportunitySnapshot& snapshot,
                        const std::vector<std::pair<Id, std::size_t>>& by_id);

  const SnapshotAssembler& assembler_;
  Statement opportunities_;
  Cursor stage_entries_, field_changes_, interactions_, tracker_hits_, contact_roles_, milestones_,
      interviews_;
};

}  // namespace rearview::sqlite
