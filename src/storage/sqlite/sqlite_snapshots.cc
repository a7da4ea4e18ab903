// Reading opportunities for analysis, and recording milestones.
#include <fmt/format.h>

#include "snapshot_reader.h"
#include "sqlite_store.h"

namespace rearview::sqlite {
namespace {

Result<std::vector<OpportunityName>> names_of(Statement& query) {
  std::vector<OpportunityName> names;
  while (true) {
    auto row = query.step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    names.push_back(OpportunityName{query.text(0), query.text(1)});
  }
  query.reset();
  return names;
}

}  // namespace

Result<std::optional<OpportunitySnapshot>> SqliteStore::snapshot(const Id& id) {
  SnapshotReader reader(db_, OpportunityFilter::all, id, SnapshotDetail::full);
  std::optional<OpportunitySnapshot> found;
  auto visited = reader.run([&](const OpportunitySnapshot& snapshot) -> Result<void> {
    found = snapshot;
    return {};
  });
  if (!visited) return std::unexpected(visited.error());
  return found;
}

Result<long long> SqliteStore::for_each_snapshot(
    OpportunityFilter filter, const std::function<Result<void>(const OpportunitySnapshot&)>& visit,
    SnapshotDetail detail) {
  SnapshotReader reader(db_, filter, std::nullopt, detail);
  return reader.run(visit);
}

Result<std::vector<OpportunityName>> SqliteStore::find_opportunities(const std::string& text,
                                                                     int limit) {
  Statement& exact = statement("SELECT id, name FROM opportunities WHERE id = ?1");
  exact.bind(1, text);
  auto by_id = names_of(exact);
  if (!by_id || !by_id->empty()) return by_id;
  Statement& like = statement(
      "SELECT id, name FROM opportunities WHERE instr(lower(name), lower(?1)) > 0 "
      "ORDER BY name, id LIMIT ?2");
  like.bind(1, text).bind(2, static_cast<long long>(limit));
  return names_of(like);
}

Result<std::vector<OpportunityName>> SqliteStore::opportunity_names() {
  Statement query(db_, "SELECT id, name FROM opportunities ORDER BY id");
  return names_of(query);
}

Result<void> SqliteStore::record_milestone(const Id& opportunity_id,
                                           const MilestoneAttainment& attainment) {
  Statement& insert = statement(
      "INSERT INTO milestone_attainments (opportunity_id, stage, key, value, attained_at, "
      "attained_by, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (opportunity_id, stage, key, attained_at) DO UPDATE SET value = excluded.value, "
      "attained_by = excluded.attained_by, source = excluded.source");
  insert.bind(1, opportunity_id).bind(2, attainment.stage).bind(3, attainment.key)
      .bind(4, attainment.value)
      .bind(5, static_cast<long long>(attainment.attained_at.time_since_epoch().count()))
      .bind(6, attainment.attained_by).bind(7, attainment.source);
  return insert.run();
}

}  // namespace rearview::sqlite
