// The order of the work of rederive_changed_opportunities, on a queue in memory.
#include "rearview/core/derivation_queue.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace rearview {
namespace {

class QueueInMemory final : public DerivationQueue {
 public:
  explicit QueueInMemory(int queued) {
    for (int i = 0; i < queued; ++i) queued_.insert(id_of(i));
  }
  static Id id_of(int i) {
    return "006" + std::string(5 - std::to_string(i).size(), '0') + std::to_string(i);
  }

  Result<std::vector<Id>> next_batch(const Id& after, int limit) override {
    ++batches;
    std::vector<Id> batch;
    for (auto it = queued_.upper_bound(after); it != queued_.end() && int(batch.size()) < limit;
         ++it)
      batch.push_back(*it);
    return batch;
  }
  Result<std::optional<OpportunityForDerivation>> load(const Id& id) override {
    if (gone.contains(id)) return std::optional<OpportunityForDerivation>();
    return std::optional<OpportunityForDerivation>(OpportunityForDerivation{.id = id});
  }
  Result<void> keep(const Id& id, const StageEntriesAndClose& derived) override {
    kept[id] = derived.entries.size();
    if (id == failing) return fail(ErrorCode::database, "the disk is full");
    return {};
  }
  Result<void> clear() override {
    queued_.clear();
    return {};
  }

  std::set<Id> gone;
  Id failing;
  std::map<Id, std::size_t> kept;
  int batches = 0;

 private:
  std::set<Id> queued_;
};

StageEntriesAndClose one_entry(const OpportunityForDerivation& deal) {
  return {.entries = {StageEntry{.opportunity_id = deal.id}}};
}

TEST(RederiveQueued, DerivesEveryQueuedDealInBatchesAndEmptiesTheQueue) {
  QueueInMemory queue(2500);
  queue.gone = {QueueInMemory::id_of(7)};
  auto derived = rederive_queued(queue, one_entry);
  ASSERT_TRUE(derived);
  EXPECT_EQ(*derived, 2499);
  EXPECT_EQ(queue.kept.size(), 2499u);
  EXPECT_FALSE(queue.kept.contains(QueueInMemory::id_of(7)));
  EXPECT_EQ(queue.batches, 4);  // 1000, 1000, 500, and the empty one that ends it
  EXPECT_TRUE(queue.next_batch("", 10)->empty());
}

TEST(RederiveQueued, AFailureToKeepStopsAndLeavesTheQueue) {
  QueueInMemory queue(3);
  queue.failing = QueueInMemory::id_of(1);
  auto derived = rederive_queued(queue, one_entry);
  ASSERT_FALSE(derived);
  EXPECT_EQ(derived.error().message, "the disk is full");
  EXPECT_EQ(queue.kept.size(), 2u);
  EXPECT_EQ(queue.next_batch("", 10)->size(), 3u);
}

}  // namespace
}  // namespace rearview
