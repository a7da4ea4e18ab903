#include "rearview/service/matching.h"

#include "rearview/matching/matcher.h"

namespace rearview::service {
namespace {

void count(MatchingReport& report, MatchStatus status) {
  switch (status) {
    case MatchStatus::linked: ++report.linked; break;
    case MatchStatus::review: ++report.review; break;
    case MatchStatus::unmatched: ++report.unmatched; break;
  }
}

}  // namespace

Result<MatchingReport> run_matching(Session& session, const Settings& settings,
                                    const Clock& clock, ImportProgress* progress) {
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  MatchingStore& store = session.matching();
  auto directory = store.directory();
  if (!directory) return std::unexpected(directory.error());
  auto total = store.interaction_count();
  if (!total) return std::unexpected(total.error());
  if (progress) progress->start(*total);
  matching::Matcher matcher(*directory, settings);
  Timestamp now = clock.now();
  MatchingReport report;
  auto visited = store.for_each_interaction([&](InteractionToMatch& interaction) -> Result<void> {
    ++report.considered;
    if (progress && report.considered % 1000 == 0) progress->update(report.considered, "matching");
    auto outcome = matcher.decide(interaction, now);
    if (!outcome) {
      ++report.kept;
      return {};
    }
    count(report, outcome->status);
    auto saved = store.save(*outcome, now);
    if (!saved) return std::unexpected(saved.error());
    report.changed += *saved ? 1 : 0;
    return {};
  });
  if (!visited) return std::unexpected(visited.error());
  if (auto committed = transaction->commit(); !committed) return std::unexpected(committed.error());
  if (progress) progress->finish();
  return report;
}

Result<std::vector<QueuedInteraction>> matching_queue(Session& session,
                                                      std::optional<MatchStatus> only,
                                                      std::size_t limit) {
  return session.matching().queue(only, limit);
}

}  // namespace rearview::service
