#include "rearview/core/derivation_queue.h"

namespace rearview {
namespace {

constexpr int kDerivationBatch = 1000;

}  // namespace

Result<long long> rederive_queued(DerivationQueue& queue,
                                  const RecordWriter::DeriveStageEntries& derive) {
  long long derived = 0;
  Id after;
  while (true) {
    auto batch = queue.next_batch(after, kDerivationBatch);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) break;
    for (const auto& id : *batch) {
      auto opportunity = queue.load(id);
      if (!opportunity) return std::unexpected(opportunity.error());
      if (!*opportunity) continue;
      if (auto kept = queue.keep(id, derive(**opportunity)); !kept)
        return std::unexpected(kept.error());
      ++derived;
    }
    after = batch->back();
  }
  if (auto cleared = queue.clear(); !cleared) return std::unexpected(cleared.error());
  return derived;
}

}  // namespace rearview
