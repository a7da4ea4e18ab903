// How stage entries are derived again after an import, whatever the engine:
// an adapter keeps the queue of opportunities whose inputs changed and reads
// and writes the rows; the order of the work is the same for every engine.
#pragma once

#include <optional>
#include <vector>

#include "rearview/core/record_writer.h"

namespace rearview {

class DerivationQueue {
 public:
  // Up to `limit` queued opportunity ids after `after` ("" for the first),
  // in id order.
  virtual Result<std::vector<Id>> next_batch(const Id& after, int limit) = 0;
  // The opportunity and its history; nullopt when it is gone.
  virtual Result<std::optional<OpportunityForDerivation>> load(const Id& id) = 0;
  // Replaces the opportunity's stage entries and closed time.
  virtual Result<void> keep(const Id& id, const StageEntriesAndClose& derived) = 0;
  virtual Result<void> clear() = 0;

 protected:
  ~DerivationQueue() = default;
};

// Walks the queue in batches (so that memory stays flat however much an
// import changed), derives each opportunity and keeps the result, then
// empties the queue. Returns how many were derived.
Result<long long> rederive_queued(DerivationQueue& queue,
                                  const RecordWriter::DeriveStageEntries& derive);

}  // namespace rearview
