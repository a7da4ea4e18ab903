// Reading opportunities for analysis.
#include "snapshot_reader.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

Result<long long> read_snapshots(Connection& connection, StageCatalogue& catalogue,
                                 const DealFilter& filter, const std::optional<Id>& only_id,
                                 SnapshotDetail detail, const SnapshotSource::Visit& visit) {
  auto stages = catalogue.stages();
  if (!stages) return std::unexpected(stages.error());
  SnapshotAssembler assembler(*stages);
  SnapshotReader reader(connection.get(), filter, only_id, detail, assembler);
  return reader.run(visit);
}

}  // namespace

Result<std::optional<OpportunitySnapshot>> SqliteSnapshotSource::snapshot(const Id& id) {
  std::optional<OpportunitySnapshot> found;
  auto visited = read_snapshots(connection_, catalogue_, DealFilter{}, id, SnapshotDetail::full,
                                [&](const OpportunitySnapshot& snapshot) -> Result<void> {
                                  found = snapshot;
                                  return {};
                                });
  if (!visited) return std::unexpected(visited.error());
  return found;
}

Result<long long> SqliteSnapshotSource::for_each_snapshot(const DealFilter& filter,
                                                          const Visit& visit,
                                                          SnapshotDetail detail) {
  return read_snapshots(connection_, catalogue_, filter, std::nullopt, detail, visit);
}

}  // namespace rearview::sqlite
