#include "concurrent_deals.h"

#include <algorithm>

#include "calendar.h"

namespace rearview::generate {
namespace {

constexpr std::chrono::days kNear{14};

}  // namespace

ConcurrentDeals ConcurrentDeals::build(const Company& company, std::uint64_t seed,
                                       long long total) {
  ConcurrentDeals concurrent;
  for (long long index = 0; index < total; ++index) {
    const Deal deal = plan_deal(company, seed, index, total);
    const DealFacts facts = facts_of(deal);
    Life life{.number = deal.number,
              .from = std::min(deal.created_at, deal.phases.front().from),
              .to = facts.closed_at.value_or(kExportTime)};
    for (const DealContact& contact : deal.contacts) life.contacts.push_back(contact.contact);
    concurrent.by_account_[deal.account].push_back(std::move(life));
  }
  return concurrent;
}

bool ConcurrentDeals::any_other(const Deal& deal, Timestamp at,
                                const std::function<bool(const Life&)>& also) const {
  auto lives = by_account_.find(deal.account);
  if (lives == by_account_.end()) return false;
  return std::ranges::any_of(lives->second, [&](const Life& other) {
    return other.number != deal.number && at >= other.from - kNear && at <= other.to + kNear &&
           also(other);
  });
}

bool ConcurrentDeals::shared(const Deal& deal, Timestamp at, std::span<const int> contacts) const {
  return any_other(deal, at, [&](const Life& other) {
    return std::ranges::any_of(contacts, [&](int contact) {
      return std::ranges::find(other.contacts, contact) != other.contacts.end();
    });
  });
}

bool ConcurrentDeals::another_alive(const Deal& deal, Timestamp at) const {
  return any_other(deal, at, [](const Life&) { return true; });
}

}  // namespace rearview::generate
