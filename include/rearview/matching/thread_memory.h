// Where each thread went, so that a reply goes where its thread went: by the
// thread's id (Message-ID, In-Reply-To, References), and, for a reply or a
// forward whose client dropped those headers (a thread never seen before),
// by its subject and the buyer's addresses on it.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "rearview/core/matching_store.h"

namespace rearview::matching {

class ThreadMemory {
 public:
  // `interaction` went to `opportunities`; `buyer_addresses` are its
  // participants from outside the company.
  void remember(const InteractionToMatch& interaction, const std::vector<Id>& opportunities,
                const std::vector<std::string>& buyer_addresses);

  struct Recalled {
    std::set<Id> opportunities;
    bool by_subject = false;  // found by subject and address, not by the thread's id
  };
  Recalled recall(const InteractionToMatch& interaction,
                  const std::vector<std::string>& buyer_addresses) const;
  // Every interaction, wherever it went: a thread seen before is never
  // looked up by its subject, which another deal's thread may share.
  void saw(const InteractionToMatch& interaction);

 private:
  std::map<std::string, std::set<Id>, std::less<>> by_thread_;
  std::map<std::string, std::set<Id>, std::less<>> by_subject_and_address_;
  std::set<std::string, std::less<>> seen_threads_;
};

}  // namespace rearview::matching
