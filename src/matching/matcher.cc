#include "rearview/matching/matcher.h"

#include <fmt/format.h>

#include <algorithm>

#include "rearview/matching/matching_world.h"
#include "rearview/matching/thread_memory.h"
#include "scoring.h"

namespace rearview::matching {
namespace {

constexpr double kThreadOnlyScore = 0.95;  // the thread went to exactly one deal
constexpr double kEpsilon = 1e-9;

bool stands(const InteractionLink& link) {
  return link.method == LinkMethod::crm || link.method == LinkMethod::manual;
}

std::string joined(const std::vector<std::string>& reasons) {
  std::string text;
  for (const auto& reason : reasons) text += (text.empty() ? "" : "; ") + reason;
  return text;
}

std::string listed(const std::vector<ScoredDeal>& scored, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < scored.size() && i < count; ++i)
    text += fmt::format("{}{} ({:.2f})", i ? ", " : "", scored[i].deal->name,
                        std::min(1.0, scored[i].score));
  if (scored.size() > count) text += fmt::format(" and {} more", scored.size() - count);
  return text;
}

// Why nobody's deal: what the participants were.
std::string reason_without_buyers(const Evidence& evidence) {
  if (evidence.partners && !evidence.strangers)
    return "only partners took part besides us: a partner never decides the account";
  if (evidence.strangers)
    return "no participant is a contact or at an account's domain (free mail and unknown domains "
           "do not count)";
  if (evidence.ours) return "only our own people took part";
  return "it has no participants";
}

std::string reason_without_candidates(const Evidence& evidence, int window_days) {
  std::vector<std::string> names;
  for (const auto& buyer : evidence.buyers)
    for (const Company* account : buyer.accounts)
      if (std::find(names.begin(), names.end(), account->name) == names.end())
        names.push_back(account->name);
  std::string accounts;
  for (std::size_t i = 0; i < names.size(); ++i)
    accounts += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  return fmt::format("{} had no opportunity open then or within {} days of one", accounts,
                     window_days);
}

MatchCandidate candidate_of(const ScoredDeal& scored) {
  return MatchCandidate{scored.deal->id, std::min(1.0, scored.score), joined(scored.reasons)};
}

}  // namespace

struct Matcher::State {
  State(const MatchingDirectory& directory, const Settings& settings)
      : world(directory, settings), settings(settings.matching) {}
  MatchingWorld world;
  MatchingSettings settings;
  ThreadMemory threads;
};

Matcher::Matcher(const MatchingDirectory& directory, const Settings& settings)
    : state_(std::make_unique<State>(directory, settings)) {}

Matcher::~Matcher() = default;

std::optional<MatchOutcome> Matcher::decide(const InteractionToMatch& interaction, Timestamp now) {
  Evidence evidence = gather_evidence(interaction, state_->world);
  std::vector<std::string> buyer_addresses = evidence.buyer_addresses();
  std::vector<Id> standing;
  for (const auto& link : interaction.links)
    if (stands(link)) standing.push_back(link.opportunity_id);
  if (!standing.empty()) {
    state_->threads.remember(interaction, standing, buyer_addresses);
    return std::nullopt;
  }
  ThreadMemory::Recalled thread = state_->threads.recall(interaction, buyer_addresses);
  state_->threads.saw(interaction);
  MatchOutcome outcome{.interaction_id = interaction.id};
  if (interaction.automated) {
    outcome.reason = "sent by a machine or to a list: never matched by its participants";
    return outcome;
  }
  if (evidence.buyers.empty() && thread.opportunities.empty()) {
    outcome.reason = reason_without_buyers(evidence);
    return outcome;
  }
  const MatchingSettings& settings = state_->settings;
  std::vector<ScoredDeal> scored =
      score_candidates(interaction, evidence, thread, state_->world, settings);
  for (const auto& each : scored) outcome.candidates.push_back(candidate_of(each));
  if (scored.empty()) {
    outcome.reason = reason_without_candidates(evidence, settings.window_days);
    return outcome;
  }
  const ScoredDeal& best = scored.front();
  bool clear_lead =
      scored.size() == 1 || best.score - scored[1].score >= settings.margin - kEpsilon;
  if (best.score >= settings.link_score - kEpsilon && clear_lead) {
    outcome.status = MatchStatus::linked;
    bool thread_alone = best.method == LinkMethod::thread && thread.opportunities.size() == 1 &&
                        !thread.by_subject;
    outcome.link = InteractionLink{
        .opportunity_id = best.deal->id,
        .method = best.method,
        .score = thread_alone ? std::max(kThreadOnlyScore, std::min(1.0, best.score))
                              : std::min(1.0, best.score),
        .rule = joined(best.reasons),
        .linked_at = now,
        .linked_by = "matching"};
    state_->threads.remember(interaction, {best.deal->id}, buyer_addresses);
    return outcome;
  }
  if (best.score >= settings.review_score - kEpsilon) {
    outcome.status = MatchStatus::review;
    auto rivals = std::count_if(scored.begin(), scored.end(), [&](const ScoredDeal& each) {
      return best.score - each.score < settings.margin - kEpsilon;
    });
    outcome.reason = clear_lead ? fmt::format("the best fit is not sure enough: {}", listed(scored, 1))
                                : fmt::format("{} opportunities fit about as well: {}", rivals,
                                              listed(scored, std::size_t(rivals)));
    return outcome;
  }
  outcome.reason = fmt::format("the best fit is too weak: {}", listed(scored, 3));
  return outcome;
}

}  // namespace rearview::matching
