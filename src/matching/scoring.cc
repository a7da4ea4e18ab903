#include "scoring.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "rearview/matching/subject_words.h"

namespace rearview::matching {
namespace {

// The weights (docs/matching.md explains each).
constexpr double kContact = 0.55;       // a participant is a contact of the deal's account
constexpr double kDomain = 0.5;         // a participant is at the account's domain
constexpr double kThread = 0.65;        // a reply in a thread that went to the deal
constexpr double kSubjectThread = 0.3;  // the same subject with the same people went there
constexpr double kRole = 0.2;           // a participant has a contact role on the deal
constexpr double kName = 0.3;           // the deal's name is in the subject or title
constexpr double kOwner = 0.2;          // the deal's owner took part
constexpr double kPerExtraBuyer = 0.03, kMaxExtraBuyers = 0.1;
constexpr double kOpenThen = 0.1;       // the interaction falls within the deal's life
constexpr double kOnlyInWindow = -0.05;  // it falls only within the window around it

using Seconds = std::chrono::seconds;

Timestamp life_start(const Deal& deal) {
  return deal.created_at.value_or(Timestamp{Seconds{std::numeric_limits<int>::min()}});
}

// An open deal is alive to this day, whatever its expected close date.
Timestamp life_end(const Deal& deal) {
  if (deal.outcome == Outcome::open || !deal.close_date)
    return Timestamp{Seconds{std::numeric_limits<long long>::max() / 2}};
  return std::chrono::time_point_cast<Seconds>(*deal.close_date + std::chrono::days{1});
}

bool in_window(const Deal& deal, Timestamp at, int window_days) {
  std::chrono::days window{window_days};
  return at >= life_start(deal) - window && at < life_end(deal) + window;
}

long long whole_days(Seconds span) { return (span.count() + 86399) / 86400; }

// The deal's name, and its name without the account's in front ("Acme -
// Expansion" is found as "Expansion" too), as whole words.
bool name_in(const Words& subject, const Deal& deal, const MatchingWorld& world) {
  Words name = words_of(deal.name);
  if (contains_phrase(subject, name)) return true;
  const Company* account = deal.account_id ? world.account(*deal.account_id) : nullptr;
  if (!account) return false;
  Words prefix = words_of(account->name);
  if (prefix.empty() || name.size() <= prefix.size() ||
      !std::equal(prefix.begin(), prefix.end(), name.begin()))
    return false;
  return contains_phrase(subject, Words(name.begin() + long(prefix.size()), name.end()));
}

struct Collector {
  const InteractionToMatch& interaction;
  const MatchingWorld& world;
  const MatchingSettings& settings;
  std::vector<const Deal*> deals;
  void add(const Deal* deal, bool any_time) {
    if (!deal || std::find(deals.begin(), deals.end(), deal) != deals.end()) return;
    if (any_time || in_window(*deal, interaction.occurred_at, settings.window_days))
      deals.push_back(deal);
  }
};

std::vector<const Deal*> collect(const InteractionToMatch& interaction, const Evidence& evidence,
                                 const ThreadMemory::Recalled& thread, const MatchingWorld& world,
                                 const MatchingSettings& settings) {
  Collector collector{interaction, world, settings, {}};
  for (const auto& id : thread.opportunities) collector.add(world.deal(id), true);
  for (const auto& buyer : evidence.buyers) {
    for (const Company* account : buyer.accounts)
      for (const Deal* deal : world.deals_of(account->id)) collector.add(deal, false);
    if (buyer.contact_id)
      for (const Deal* deal : world.deals_with_role_of(*buyer.contact_id))
        collector.add(deal, false);
  }
  return collector.deals;
}

void score_people(ScoredDeal& scored, const Evidence& evidence, const MatchingWorld& world) {
  const Deal& deal = *scored.deal;
  std::string contact, domain, role;
  int matched = 0;
  for (const auto& buyer : evidence.buyers) {
    bool of_account = deal.account_id &&
                      std::any_of(buyer.accounts.begin(), buyer.accounts.end(),
                                  [&](const Company* a) { return a->id == *deal.account_id; });
    bool has_role = buyer.contact_id && world.has_role(deal.id, *buyer.contact_id);
    if (!of_account && !has_role) continue;
    ++matched;
    if (has_role && role.empty()) role = buyer.address;
    if (buyer.side == Side::contact && contact.empty()) contact = buyer.address;
    if (buyer.side == Side::domain && domain.empty()) domain = buyer.address;
  }
  const Company* account = deal.account_id ? world.account(*deal.account_id) : nullptr;
  std::string_view account_name = account ? std::string_view(account->name) : "the account";
  if (!contact.empty() || !role.empty()) {
    scored.score += kContact;
    scored.method = LinkMethod::contact;
    scored.reasons.push_back(
        fmt::format("{} is a contact at {}", contact.empty() ? role : contact, account_name));
  } else if (!domain.empty()) {
    scored.score += kDomain;
    scored.method = LinkMethod::domain;
    scored.reasons.push_back(fmt::format("{} is at {}'s domain", domain, account_name));
  }
  if (!role.empty()) {
    scored.score += kRole;
    scored.reasons.push_back(fmt::format("{} has a role on the deal", role));
  }
  if (matched > 1) {
    scored.score += std::min(kMaxExtraBuyers, kPerExtraBuyer * (matched - 1));
    scored.reasons.push_back(fmt::format("{} of its people took part", matched));
  }
  if (deal.owner_id && std::find(evidence.our_users.begin(), evidence.our_users.end(),
                                 *deal.owner_id) != evidence.our_users.end()) {
    scored.score += kOwner;
    scored.reasons.push_back("its owner took part");
  }
}

void score_time(ScoredDeal& scored, Timestamp at) {
  const Deal& deal = *scored.deal;
  if (at >= life_start(deal) && at < life_end(deal)) {
    scored.score += kOpenThen;
    scored.open_then = true;
    scored.reasons.push_back("open then");
    return;
  }
  scored.score += kOnlyInWindow;
  if (at < life_start(deal))
    scored.reasons.push_back(
        fmt::format("{} days before it was created", whole_days(life_start(deal) - at)));
  else
    scored.reasons.push_back(
        fmt::format("{} days after it closed", whole_days(at - life_end(deal) + Seconds{86400})));
}

}  // namespace

std::vector<std::string> Evidence::buyer_addresses() const {
  std::vector<std::string> addresses;
  for (const auto& buyer : buyers) addresses.push_back(buyer.address);
  return addresses;
}

Evidence gather_evidence(const InteractionToMatch& interaction, const MatchingWorld& world) {
  Evidence evidence;
  for (const auto& participant : interaction.participants) {
    ResolvedAddress resolved = world.resolve(participant);
    switch (resolved.side) {
      case Side::ours:
        evidence.ours = true;
        if (resolved.user_id) evidence.our_users.push_back(*resolved.user_id);
        break;
      case Side::contact:
      case Side::domain: {
        bool seen = std::any_of(evidence.buyers.begin(), evidence.buyers.end(),
                                [&](const auto& b) { return b.address == resolved.address; });
        if (!seen) evidence.buyers.push_back(std::move(resolved));
        break;
      }
      case Side::partner: evidence.partners = true; break;
      case Side::unknown: evidence.strangers = true; break;
    }
  }
  return evidence;
}

std::vector<ScoredDeal> score_candidates(const InteractionToMatch& interaction,
                                         const Evidence& evidence,
                                         const ThreadMemory::Recalled& thread,
                                         const MatchingWorld& world,
                                         const MatchingSettings& settings) {
  Words subject = words_of(interaction.subject);
  std::vector<ScoredDeal> scored;
  for (const Deal* deal : collect(interaction, evidence, thread, world, settings)) {
    ScoredDeal candidate{.deal = deal};
    score_people(candidate, evidence, world);
    if (thread.opportunities.contains(deal->id)) {
      candidate.score += thread.by_subject ? kSubjectThread : kThread;
      candidate.method = LinkMethod::thread;
      candidate.reasons.insert(candidate.reasons.begin(),
                               thread.by_subject
                                   ? "the same subject with the same people went to it"
                                   : "a reply in a thread that went to it");
    } else if (interaction.source == SourceKind::calendar) {
      candidate.method = LinkMethod::calendar;
    }
    if (name_in(subject, *deal, world)) {
      candidate.score += kName;
      candidate.reasons.push_back("its name is in the subject");
    }
    score_time(candidate, interaction.occurred_at);
    // Rounded, so that the same weights summed in another order compare equal.
    candidate.score = std::round(candidate.score * 1e6) / 1e6;
    scored.push_back(std::move(candidate));
  }
  std::sort(scored.begin(), scored.end(), [](const ScoredDeal& a, const ScoredDeal& b) {
    if (a.score != b.score) return a.score > b.score;
    if (life_start(*a.deal) != life_start(*b.deal)) return life_start(*a.deal) > life_start(*b.deal);
    return a.deal->id < b.deal->id;
  });
  return scored;
}

}  // namespace rearview::matching
