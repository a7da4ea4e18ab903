// The calendar import's versions of events, a series' stored occurrences,
// and the span of the opportunities' lives.
#include "rearview/core/time.h"
#include "link_rows.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {

Result<std::optional<EventVersion>> SqliteCalendarEvents::version(const std::string& uid,
                                                                  const std::string& occurrence) {
  Statement& query = connection_.statement(
      "SELECT sequence, stamp, cancelled FROM calendar_versions WHERE uid = ?1 AND occurrence = ?2");
  query.bind(1, uid).bind(2, occurrence);
  std::optional<EventVersion> found;
  auto read = for_each_row(query, [&](const Statement& row) {
    found = EventVersion{.sequence = row.integer(0), .cancelled = row.integer(2) != 0};
    if (!row.is_null(1)) found->stamp = Timestamp{std::chrono::seconds{row.integer(1)}};
  });
  if (!read) return std::unexpected(read.error());
  return found;
}

Result<void> SqliteCalendarEvents::save_version(const std::string& uid,
                                                const std::string& occurrence,
                                                const EventVersion& version) {
  std::optional<long long> stamp;
  if (version.stamp) stamp = version.stamp->time_since_epoch().count();
  Statement& upsert = connection_.statement(
      "INSERT INTO calendar_versions (uid, occurrence, sequence, stamp, cancelled) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (uid, occurrence) DO UPDATE SET "
      "sequence = excluded.sequence, stamp = excluded.stamp, cancelled = excluded.cancelled");
  upsert.bind(1, uid).bind(2, occurrence).bind(3, version.sequence).bind(4, stamp)
      .bind(5, version.cancelled ? 1LL : 0LL);
  return upsert.run();
}

Result<std::vector<Id>> SqliteCalendarEvents::interactions_of(const std::string& uid) {
  // '@' + 1 is 'A': the range holds exactly the ids that begin "uid@".
  Statement& query = connection_.statement(
      "SELECT id FROM interactions WHERE source <> 'crm' AND source_id = ?1 AND source = 'calendar' "
      "UNION ALL SELECT id FROM interactions WHERE source <> 'crm' AND source_id >= ?1 || '@' AND "
      "source_id < ?1 || 'A' AND source = 'calendar' ORDER BY 1");
  query.bind(1, uid);
  std::vector<Id> ids;
  auto read = for_each_row(query, [&](const Statement& row) { ids.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return ids;
}

Result<void> SqliteCalendarEvents::remove_interaction(const Id& interaction_id) {
  return delete_interaction(connection_, interaction_id);
}

Result<std::optional<OpportunitiesLife>> SqliteCalendarEvents::opportunities_life() {
  Statement& query = connection_.statement(
      "SELECT min(created_at), max(close_date), max(closed_at), count(*), "
      "count(*) FILTER (WHERE outcome = 'open') FROM opportunities");
  std::optional<OpportunitiesLife> span;
  auto read = for_each_row(query, [&](const Statement& row) {
    if (row.integer(3) == 0) return;
    std::optional<Timestamp> first, last;
    if (!row.is_null(0)) first = Timestamp{std::chrono::seconds{row.integer(0)}};
    if (!row.is_null(1))
      if (auto date = parse_date(row.text(1)))
        last = std::chrono::time_point_cast<std::chrono::seconds>(*date + std::chrono::days{1});
    if (!row.is_null(2)) {
      Timestamp closed{std::chrono::seconds{row.integer(2)}};
      if (!last || closed > *last) last = closed;
    }
    if (!first && !last) return;
    span = OpportunitiesLife{.from = first.value_or(*last), .to = last.value_or(*first),
                           .any_open = row.integer(4) > 0};
    if (span->to < span->from) span->to = span->from;
  });
  if (!read) return std::unexpected(read.error());
  return span;
}

}  // namespace rearview::sqlite
