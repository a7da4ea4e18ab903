// Milestones recorded by a person or through the API.
#include "sqlite_roles.h"

namespace rearview::sqlite {

Result<void> SqliteMilestoneRecorder::record_milestone(const Id& opportunity_id,
                                                       const MilestoneAttainment& attainment) {
  Statement& insert = connection_.statement(
      "INSERT INTO milestone_attainments (opportunity_id, stage, key, value, attained_at, "
      "attained_by, source) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
      "ON CONFLICT (opportunity_id, stage, key, attained_at) DO UPDATE SET value = excluded.value, "
      "attained_by = excluded.attained_by, source = excluded.source");
  insert.bind(1, opportunity_id)
      .bind(2, attainment.stage)
      .bind(3, attainment.key)
      .bind(4, attainment.value)
      .bind(5, static_cast<long long>(attainment.attained_at.time_since_epoch().count()))
      .bind(6, attainment.attained_by)
      .bind(7, attainment.source);
  return insert.run();
}

}  // namespace rearview::sqlite
