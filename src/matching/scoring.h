// The candidates for one interaction and their scores, each with the reasons
// that made it. Private to the matching library; docs/matching.md states
// the weights.
#pragma once

#include <string>
#include <vector>

#include "rearview/matching/matching_world.h"
#include "rearview/matching/thread_memory.h"

namespace rearview::matching {

// What an interaction's participants say about it.
struct Evidence {
  std::vector<ResolvedAddress> buyers;  // contacts and people at customers' domains
  std::vector<Id> our_users;
  bool ours = false, partners = false, strangers = false;
  std::vector<std::string> buyer_addresses() const;
};

Evidence gather_evidence(const InteractionToMatch& interaction, const MatchingWorld& world);

struct ScoredDeal {
  const Deal* deal = nullptr;
  double score = 0;  // raw: may exceed 1, so that strong rivals still compare
  LinkMethod method = LinkMethod::domain;
  std::vector<std::string> reasons;
  bool open_then = false;
};

// Best first (score, then the deal created last before the interaction,
// then the id).
std::vector<ScoredDeal> score_candidates(const InteractionToMatch& interaction,
                                         const Evidence& evidence,
                                         const ThreadMemory::Recalled& thread,
                                         const MatchingWorld& world,
                                         const MatchingSettings& settings);

}  // namespace rearview::matching
