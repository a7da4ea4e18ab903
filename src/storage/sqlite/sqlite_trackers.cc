// The text the trackers read and the hits they found.
#include <sqlite3.h>

#include "link_rows.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

constexpr int kPageSize = 500;

// SQLite keeps 64-bit signed integers: the fingerprint's bits, as they are.
long long stored(std::uint64_t fingerprint) { return static_cast<long long>(fingerprint); }

TrackerHit read_hit(const Statement& row) {
  return TrackerHit{.tracker = row.text(0),
                    .phrase = row.text(1),
                    .excerpt = row.text(2),
                    .at = Timestamp{std::chrono::seconds{row.integer(3)}},
                    .cue_seconds = row.optional_integer(4),
                    .speaker = row.text(5),
                    .said_by = said_by_from_string(row.text(6)).value_or(SaidBy::unknown),
                    .mentions = row.integer(7)};
}

bool same_hit(const TrackerHit& a, const TrackerHit& b) {
  return a.tracker == b.tracker && a.phrase == b.phrase && a.excerpt == b.excerpt &&
         a.at == b.at && a.cue_seconds == b.cue_seconds && a.speaker == b.speaker &&
         a.said_by == b.said_by && a.mentions == b.mentions;
}

}  // namespace

Result<std::vector<InteractionText>> SqliteTrackerStore::page_to_scan(std::uint64_t fingerprint,
                                                                      const Id& after) {
  Statement& query = connection_.statement(
      "SELECT i.id, i.kind, i.direction, i.source, i.occurred_at, i.subject, i.body "
      "FROM interactions i LEFT JOIN tracker_scans s ON s.interaction_id = i.id "
      "WHERE i.id > ?1 AND (s.fingerprint IS NULL OR s.fingerprint <> ?2) "
      "ORDER BY i.id LIMIT 500");
  query.bind(1, after).bind(2, stored(fingerprint));
  std::vector<InteractionText> page;
  auto read = for_each_row(query, [&](const Statement& row) {
    page.push_back(InteractionText{
        .id = row.text(0),
        .kind = interaction_kind_from_string(row.text(1)).value_or(InteractionKind::note),
        .direction = direction_from_string(row.text(2)).value_or(Direction::unknown),
        .source = source_kind_from_string(row.text(3)).value_or(SourceKind::crm),
        .occurred_at = Timestamp{std::chrono::seconds{row.integer(4)}},
        .subject = row.text(5),
        .body = row.text(6)});
  });
  if (!read) return std::unexpected(read.error());
  for (auto& interaction : page)
    if (auto people = read_participants(connection_, interaction.id, interaction.participants);
        !people)
      return std::unexpected(people.error());
  return page;
}

// Keyset pages read whole before the visits, which write the scans.
Result<void> SqliteTrackerStore::for_each_interaction_to_scan(std::uint64_t fingerprint,
                                                              const Visit& visit) {
  Id after;
  while (true) {
    auto page = page_to_scan(fingerprint, after);
    if (!page) return std::unexpected(page.error());
    for (const auto& interaction : *page)
      if (auto visited = visit(interaction); !visited) return visited;
    if (page->size() < std::size_t(kPageSize)) return {};
    after = page->back().id;
  }
}

Result<long long> SqliteTrackerStore::interactions_to_scan(std::uint64_t fingerprint) {
  Statement& query = connection_.statement(
      "SELECT count(*) FROM interactions i LEFT JOIN tracker_scans s ON s.interaction_id = i.id "
      "WHERE s.fingerprint IS NULL OR s.fingerprint <> ?1");
  query.bind(1, stored(fingerprint));
  long long count = 0;
  auto read = for_each_row(query, [&](const Statement& row) { count = row.integer(0); });
  if (!read) return std::unexpected(read.error());
  return count;
}

Result<bool> SqliteTrackerStore::same_hits(const Id& interaction_id,
                                           const std::vector<TrackerHit>& hits) {
  Statement& query = connection_.statement(
      "SELECT tracker, phrase, excerpt, at, cue_seconds, speaker, said_by, mentions "
      "FROM tracker_hits WHERE interaction_id = ?1 ORDER BY position");
  query.bind(1, interaction_id);
  std::size_t position = 0;
  bool same = true;
  auto read = for_each_row(query, [&](const Statement& row) {
    if (position >= hits.size() || !same_hit(read_hit(row), hits[position])) same = false;
    ++position;
  });
  if (!read) return std::unexpected(read.error());
  return same && position == hits.size();
}

Result<void> SqliteTrackerStore::save_hits(const Id& interaction_id, std::uint64_t fingerprint,
                                           const std::vector<TrackerHit>& hits) {
  auto same = same_hits(interaction_id, hits);
  if (!same) return std::unexpected(same.error());
  if (!*same) {
    Statement& remove =
        connection_.statement("DELETE FROM tracker_hits WHERE interaction_id = ?1");
    if (auto done = remove.bind(1, interaction_id).run(); !done) return done;
    Statement& insert = connection_.statement(
        "INSERT INTO tracker_hits (interaction_id, position, tracker, phrase, excerpt, at, "
        "cue_seconds, speaker, said_by, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    for (std::size_t i = 0; i < hits.size(); ++i) {
      const TrackerHit& hit = hits[i];
      insert.bind_borrowed(1, interaction_id)
          .bind(2, static_cast<long long>(i))
          .bind_borrowed(3, hit.tracker)
          .bind_borrowed(4, hit.phrase)
          .bind_borrowed(5, hit.excerpt)
          .bind(6, static_cast<long long>(hit.at.time_since_epoch().count()))
          .bind(7, hit.cue_seconds)
          .bind_borrowed(8, hit.speaker)
          .bind_borrowed(9, to_string(hit.said_by))
          .bind(10, hit.mentions);
      if (auto done = insert.run(); !done) return done;
    }
  }
  Statement& scanned = connection_.statement(
      "INSERT INTO tracker_scans (interaction_id, fingerprint) VALUES (?1, ?2) "
      "ON CONFLICT (interaction_id) DO UPDATE SET fingerprint = excluded.fingerprint");
  return scanned.bind_borrowed(1, interaction_id).bind(2, stored(fingerprint)).run();
}

Result<std::vector<std::string>> SqliteTrackerStore::competitor_field_values() {
  std::vector<std::string> values;
  auto read = for_each_row(
      connection_.statement("SELECT DISTINCT competitor FROM opportunities WHERE competitor <> '' "
                            "ORDER BY competitor"),
      [&](const Statement& row) { values.push_back(row.text(0)); });
  if (!read) return std::unexpected(read.error());
  return values;
}

}  // namespace rearview::sqlite
