// How much memory streaming every deal's snapshot takes: it should not grow
// with the number of deals. Prints deals, seconds and peak memory.
//   build/bench/snapshot_stream DATABASE [--without-bodies]
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstring>

#include "rearview/storage/sqlite_database.h"

int main(int argc, char** argv) {
  using namespace rearview;
  if (argc < 2) {
    fmt::print(stderr, "usage: snapshot_stream DATABASE [--without-bodies]\n");
    return 2;
  }
  bool bodies = !(argc > 2 && std::strcmp(argv[2], "--without-bodies") == 0);
  auto database = open_sqlite_database(argv[1], OpenMode::read_only);
  if (!database) return fmt::print(stderr, "{}\n", database.error().message), 1;
  auto session = (*database)->open_session();
  if (!session) return fmt::print(stderr, "{}\n", session.error().message), 1;
  long long interactions = 0;
  auto started = std::chrono::steady_clock::now();
  auto visited = (*session)->snapshots().for_each_snapshot(
      {},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        interactions += static_cast<long long>(deal.interactions.size());
        return {};
      },
      bodies ? SnapshotDetail::full : SnapshotDetail::without_bodies);
  if (!visited) return fmt::print(stderr, "{}\n", visited.error().message), 1;
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  fmt::print("{} deals, {} interactions in {:.1f} s; peak memory {} MB\n", *visited, interactions,
             took.count(), usage.ru_maxrss / 1024);
  return 0;
}
