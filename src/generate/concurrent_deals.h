// Who is on which deal when, across the whole company: a buyer on two deals
// of one account at once is the case no rule can decide (which deal is this
// mail about?), so the mailbox's truth expects it in the review queue.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <vector>

#include "company.h"
#include "deal.h"

namespace rearview::generate {

class ConcurrentDeals {
 public:
  // Plans every deal once more (plans are cheap and deterministic) to learn
  // each one's life and people.
  static ConcurrentDeals build(const Company& company, std::uint64_t seed, long long total);

  // Whether one of `contacts` (indices into the deal's account's contacts) is
  // on another deal of the account alive within two weeks of `at`.
  bool shared(const Deal& deal, Timestamp at, std::span<const int> contacts) const;
  // Whether another deal of the account is alive within two weeks of `at`.
  bool another_alive(const Deal& deal, Timestamp at) const;

 private:
  struct Life {
    long long number = 0;
    Timestamp from, to;
    std::vector<int> contacts;
  };
  bool any_other(const Deal& deal, Timestamp at, const std::function<bool(const Life&)>& also) const;
  std::map<const CustomerAccount*, std::vector<Life>> by_account_;
};

}  // namespace rearview::generate
