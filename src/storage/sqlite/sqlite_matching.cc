// What matching reads (the CRM's people, companies and deals; the
// interactions with their participants and links) and what it keeps (the
// automatic links, the review queue and the unmatched with their reasons).
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "link_rows.h"
#include "sqlite_roles.h"

namespace rearview::sqlite {
namespace {

constexpr int kPageSize = 1000;

Timestamp time_at(const Statement& row, int column) {
  return Timestamp{std::chrono::seconds{row.integer(column)}};
}

bool is_automatic(LinkMethod method) {
  return method != LinkMethod::crm && method != LinkMethod::manual;
}

bool same_link(const InteractionLink& a, const InteractionLink& b) {
  return a.opportunity_id == b.opportunity_id && a.method == b.method && a.rule == b.rule &&
         std::abs(a.score - b.score) < 1e-9;
}

}  // namespace

Result<MatchingDirectory> SqliteMatchingStore::directory() {
  MatchingDirectory directory;
  auto read = for_each_row(connection_.statement("SELECT id, lower(email) FROM users"),
                           [&](const Statement& row) {
                             directory.users.push_back({row.text(0), row.text(1), std::nullopt});
                           });
  if (read)
    read = for_each_row(
        connection_.statement("SELECT id, lower(email), account_id FROM contacts"),
        [&](const Statement& row) {
          directory.contacts.push_back({row.text(0), row.text(1), row.optional_text(2)});
        });
  if (read)
    read = for_each_row(connection_.statement("SELECT id, name, type FROM accounts ORDER BY id"),
                        [&](const Statement& row) {
                          directory.accounts.push_back({row.text(0), row.text(1), row.text(2), {}});
                        });
  if (read)
    read = for_each_row(
        connection_.statement("SELECT account_id, domain FROM account_domains ORDER BY account_id"),
        [&](const Statement& row) {
          auto account = std::lower_bound(
              directory.accounts.begin(), directory.accounts.end(), row.text(0),
              [](const MatchingDirectory::Company& company, const std::string& id) {
                return company.id < id;
              });
          if (account != directory.accounts.end() && account->id == row.text(0))
            account->email_domains.push_back(row.text(1));
        });
  if (read)
    read = for_each_row(
        connection_.statement("SELECT id, name, account_id, owner_id, created_at, close_date, "
                              "outcome FROM opportunities"),
        [&](const Statement& row) {
          MatchingDirectory::Deal deal{.id = row.text(0),
                                       .name = row.text(1),
                                       .account_id = row.optional_text(2),
                                       .owner_id = row.optional_text(3)};
          if (!row.is_null(4)) deal.created_at = time_at(row, 4);
          if (auto close = row.optional_text(5)) deal.close_date = parse_date(*close);
          deal.outcome = outcome_from_string(row.text(6)).value_or(Outcome::open);
          directory.opportunities.push_back(std::move(deal));
        });
  if (read)
    read = for_each_row(
        connection_.statement("SELECT DISTINCT opportunity_id, contact_id FROM contact_roles"),
        [&](const Statement& row) {
          directory.contact_roles.push_back({row.text(0), row.text(1)});
        });
  if (!read) return std::unexpected(read.error());
  return directory;
}

Result<std::vector<InteractionToMatch>> SqliteMatchingStore::interaction_page(
    long long after_time, const std::string& after_id) {
  Statement& query = connection_.statement(
      "SELECT id, kind, source, subject, occurred_at, thread_id, automated FROM interactions "
      "WHERE (source <> 'crm' OR thread_id <> '') AND (occurred_at, id) > (?1, ?2) "
      "ORDER BY occurred_at, id LIMIT 1000");
  query.bind(1, after_time).bind(2, after_id);
  std::vector<InteractionToMatch> page;
  auto read = for_each_row(query, [&](const Statement& row) {
    page.push_back(InteractionToMatch{
        .id = row.text(0),
        .kind = interaction_kind_from_string(row.text(1)).value_or(InteractionKind::note),
        .source = source_kind_from_string(row.text(2)).value_or(SourceKind::crm),
        .subject = row.text(3),
        .occurred_at = time_at(row, 4),
        .thread_id = row.text(5),
        .automated = row.integer(6) != 0});
  });
  if (!read) return std::unexpected(read.error());
  return page;
}

Result<void> SqliteMatchingStore::read_participants_and_links(
    std::vector<InteractionToMatch>& page) {
  Statement& links = connection_.statement(
      "SELECT opportunity_id, method, score, rule, linked_at, linked_by FROM interaction_links "
      "WHERE interaction_id = ?1 ORDER BY opportunity_id");
  for (auto& interaction : page) {
    auto read = read_participants(connection_, interaction.id, interaction.participants);
    if (read) {
      links.bind(1, interaction.id);
      read = for_each_row(links, [&](const Statement& row) {
        interaction.links.push_back(read_link(row, 1, row.text(0)));
      });
    }
    if (!read) return read;
  }
  return {};
}

// Keyset pages: each page is read whole before `visit` runs, so the visits
// may write (a link, a queue entry) without disturbing the reading.
Result<void> SqliteMatchingStore::for_each_interaction(const Visit& visit) {
  long long after_time = std::numeric_limits<long long>::min();
  std::string after_id;
  while (true) {
    auto page = interaction_page(after_time, after_id);
    if (!page) return std::unexpected(page.error());
    if (page->empty()) return {};
    if (auto read = read_participants_and_links(*page); !read) return read;
    for (auto& interaction : *page)
      if (auto visited = visit(interaction); !visited) return visited;
    after_time = page->back().occurred_at.time_since_epoch().count();
    after_id = page->back().id;
    if (page->size() < std::size_t(kPageSize)) return {};
  }
}

Result<long long> SqliteMatchingStore::interaction_count() {
  return connection_.scalar(
      "SELECT count(*) FROM interactions WHERE source <> 'crm' OR thread_id <> ''");
}

Result<bool> SqliteMatchingStore::save_links(const MatchOutcome& outcome) {
  Statement& current = connection_.statement(
      "SELECT opportunity_id, method, score, rule, linked_at, linked_by FROM interaction_links "
      "WHERE interaction_id = ?1 ORDER BY opportunity_id");
  current.bind(1, outcome.interaction_id);
  std::vector<InteractionLink> automatic;
  bool manual = false;
  auto read = for_each_row(current, [&](const Statement& row) {
    InteractionLink link = read_link(row, 1, row.text(0));
    if (link.method == LinkMethod::manual) manual = true;
    if (is_automatic(link.method)) automatic.push_back(std::move(link));
  });
  if (!read) return std::unexpected(read.error());
  // A person's assignment stands: no automatic link beside it.
  std::optional<InteractionLink> wanted = manual ? std::nullopt : outcome.link;
  if (wanted && automatic.size() == 1 && same_link(automatic.front(), *wanted)) return false;
  if (!wanted && automatic.empty()) return false;
  Statement& remove = connection_.statement(
      "DELETE FROM interaction_links WHERE interaction_id = ?1 AND method NOT IN ('crm', "
      "'manual')");
  if (auto done = remove.bind(1, outcome.interaction_id).run(); !done)
    return std::unexpected(done.error());
  if (wanted) {
    // A CRM link to the same deal already says it: nothing to add.
    Statement& insert = connection_.statement(
        "INSERT INTO interaction_links (interaction_id, opportunity_id, method, score, rule, "
        "linked_at, linked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (opportunity_id, interaction_id) DO NOTHING");
    bind_link(insert, outcome.interaction_id, *wanted);
    if (auto done = insert.run(); !done) return std::unexpected(done.error());
  }
  return true;
}

Result<bool> SqliteMatchingStore::save_queue_entry(const MatchOutcome& outcome,
                                                   Timestamp matched_at) {
  if (outcome.status == MatchStatus::linked) {
    Statement& remove = connection_.statement("DELETE FROM match_outcomes WHERE interaction_id = ?1");
    if (auto done = remove.bind(1, outcome.interaction_id).run(); !done)
      return std::unexpected(done.error());
    return sqlite3_changes(connection_.get()) > 0;
  }
  Statement& current = connection_.statement(
      "SELECT o.status, o.reason, c.opportunity_id, c.score, c.rule FROM match_outcomes o "
      "LEFT JOIN match_candidates c ON c.interaction_id = o.interaction_id "
      "WHERE o.interaction_id = ?1 ORDER BY c.rank");
  current.bind(1, outcome.interaction_id);
  bool exists = false, same = true;
  std::size_t candidate = 0;
  auto read = for_each_row(current, [&](const Statement& row) {
    exists = true;
    same = same && row.text(0) == to_string(outcome.status) && row.text(1) == outcome.reason;
    if (row.is_null(2)) return;
    same = same && candidate < outcome.candidates.size() &&
           outcome.candidates[candidate].opportunity_id == row.text(2) &&
           std::abs(outcome.candidates[candidate].score - row.real(3)) < 1e-9 &&
           outcome.candidates[candidate].rule == row.text(4);
    ++candidate;
  });
  if (!read) return std::unexpected(read.error());
  if (exists && same && candidate == outcome.candidates.size()) return false;
  Statement& upsert = connection_.statement(
      "INSERT INTO match_outcomes (interaction_id, status, reason, matched_at) "
      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (interaction_id) DO UPDATE SET "
      "status = excluded.status, reason = excluded.reason, matched_at = excluded.matched_at");
  upsert.bind(1, outcome.interaction_id)
      .bind(2, to_string(outcome.status))
      .bind(3, outcome.reason)
      .bind(4, (long long)(std::chrono::duration_cast<std::chrono::seconds>(
                               matched_at.time_since_epoch())
                               .count()));
  if (auto done = upsert.run(); !done) return std::unexpected(done.error());
  Statement& clear = connection_.statement("DELETE FROM match_candidates WHERE interaction_id = ?1");
  if (auto done = clear.bind(1, outcome.interaction_id).run(); !done)
    return std::unexpected(done.error());
  Statement& insert = connection_.statement(
      "INSERT INTO match_candidates (interaction_id, opportunity_id, rank, score, rule) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING");
  long long rank = 0;
  for (const auto& each : outcome.candidates) {
    insert.bind(1, outcome.interaction_id)
        .bind(2, each.opportunity_id)
        .bind(3, rank++)
        .bind(4, std::optional<double>(each.score))
        .bind(5, each.rule);
    if (auto done = insert.run(); !done) return std::unexpected(done.error());
  }
  return true;
}

Result<bool> SqliteMatchingStore::save(const MatchOutcome& outcome, Timestamp matched_at) {
  auto links = save_links(outcome);
  if (!links) return links;
  auto queue = save_queue_entry(outcome, matched_at);
  if (!queue) return queue;
  return *links || *queue;
}

Result<std::vector<QueuedInteraction>> SqliteMatchingStore::queue(std::optional<MatchStatus> only,
                                                                 std::size_t limit) {
  Statement& query = connection_.statement(
      "SELECT o.interaction_id, i.source, i.source_id, i.kind, i.occurred_at, i.subject, "
      "o.status, o.reason, o.matched_at FROM match_outcomes o "
      "JOIN interactions i ON i.id = o.interaction_id WHERE ?1 = '' OR o.status = ?1 "
      "ORDER BY o.status = 'unmatched', i.occurred_at, i.id LIMIT ?2");
  query.bind(1, only ? std::string(to_string(*only)) : std::string())
      .bind(2, (long long)std::min<std::size_t>(limit, std::numeric_limits<long long>::max()));
  std::vector<QueuedInteraction> queued;
  auto read = for_each_row(query, [&](const Statement& row) {
    queued.push_back(QueuedInteraction{
        .interaction_id = row.text(0),
        .source = source_kind_from_string(row.text(1)).value_or(SourceKind::crm),
        .source_id = row.text(2),
        .kind = interaction_kind_from_string(row.text(3)).value_or(InteractionKind::note),
        .occurred_at = time_at(row, 4),
        .subject = row.text(5),
        .status = match_status_from_string(row.text(6)).value_or(MatchStatus::unmatched),
        .reason = row.text(7),
        .matched_at = time_at(row, 8)});
  });
  if (!read) return std::unexpected(read.error());
  Statement& candidates = connection_.statement(
      "SELECT c.opportunity_id, c.score, c.rule, o.name FROM match_candidates c "
      "JOIN opportunities o ON o.id = c.opportunity_id WHERE c.interaction_id = ?1 "
      "ORDER BY c.rank");
  for (auto& entry : queued) {
    candidates.bind(1, entry.interaction_id);
    read = for_each_row(candidates, [&](const Statement& row) {
      entry.candidates.push_back(
          {MatchCandidate{row.text(0), row.real(1), row.text(2)}, row.text(3)});
    });
    if (!read) return std::unexpected(read.error());
  }
  return queued;
}

}  // namespace rearview::sqlite
