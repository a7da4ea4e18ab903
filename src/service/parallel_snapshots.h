// Analysing many deals on every core: the calling thread reads snapshots
// from the store (one connection, so one reader) in batches, worker threads
// turn each into a result (analysis, rendering: pure functions), and the
// calling thread consumes the results in the store's order (writing files,
// storing analyses). At most a few batches are in flight, so memory stays
// flat however many deals there are. Private to the service.
#pragma once

#include <algorithm>
#include <deque>
#include <future>
#include <thread>
#include <vector>

#include "rearview/core/store.h"
#include "rearview/service/postmortems.h"

namespace rearview::service {


// `work(const OpportunitySnapshot&) -> R` runs on worker threads and must not
// touch the store; `consume(R&) -> Result<void>` runs on the calling thread.
template <typename R, typename Work, typename Consume>
Result<long long> for_each_snapshot_in_parallel(Store& store, OpportunityFilter filter,
                                                SnapshotDetail detail, const Work& work,
                                                const Consume& consume) {
  constexpr std::size_t kBatch = 64;
  const std::size_t in_flight = analysis_threads();
  std::deque<std::future<std::vector<R>>> pending;
  std::vector<OpportunitySnapshot> batch;
  Result<void> consumed;
  auto launch = [&] {
    pending.push_back(std::async(std::launch::async, [&work, deals = std::move(batch)] {
      std::vector<R> results;
      results.reserve(deals.size());
      for (const auto& deal : deals) results.push_back(work(deal));
      return results;
    }));
    batch.clear();
  };
  auto consume_oldest = [&]() -> Result<void> {
    auto results = pending.front().get();  // rethrows what a worker threw
    pending.pop_front();
    for (auto& result : results)
      if (auto done = consume(result); !done) return done;
    return {};
  };
  auto visited = store.for_each_snapshot(
      filter,
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        batch.push_back(deal);
        if (batch.size() < kBatch) return {};
        launch();
        if (pending.size() > in_flight) return consume_oldest();
        return {};
      },
      detail);
  if (visited && !batch.empty()) launch();
  while (!pending.empty()) {
    auto done = consume_oldest();
    if (visited && !done) visited = std::unexpected(done.error());
  }
  return visited;
}

}  // namespace rearview::service
