// The role the analysis reads through: everything about one deal at a time.
#pragma once

#include <functional>
#include <optional>

#include "rearview/core/deal_filter.h"
#include "rearview/core/error.h"
#include "rearview/core/snapshot.h"

namespace rearview {

// Statistics over many deals need no message text; leaving it out makes a
// pass over every deal several times faster.
enum class SnapshotDetail { full, without_bodies };

class SnapshotSource {
 public:
  virtual ~SnapshotSource() = default;

  // Everything about one opportunity; nullopt when there is no such id.
  virtual Result<std::optional<OpportunitySnapshot>> snapshot(const Id& id) = 0;

  // Streams the snapshots of the deals `filter` admits in id order, one at a
  // time, so memory stays flat however many there are. An error `visit`
  // returns stops the walk and is returned. Returns how many were visited.
  using Visit = std::function<Result<void>(const OpportunitySnapshot&)>;
  virtual Result<long long> for_each_snapshot(const DealFilter& filter, const Visit& visit,
                                              SnapshotDetail detail = SnapshotDetail::full) = 0;
};

}  // namespace rearview
