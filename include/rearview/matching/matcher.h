// Deciding where each interaction goes: linked to one opportunity, queued
// for review with its candidates, or left unmatched with the reason
// (docs/matching.md). A pure function of the CRM's directory and the
// interactions seen so far, so a re-run after new CRM data decides again.
#pragma once

#include <memory>
#include <optional>

#include "rearview/core/matching_store.h"
#include "rearview/core/settings.h"

namespace rearview::matching {

class Matcher {
 public:
  // Keeps pointers into `directory`, which must outlive it.
  Matcher(const MatchingDirectory& directory, const Settings& settings);
  ~Matcher();
  Matcher(const Matcher&) = delete;
  Matcher& operator=(const Matcher&) = delete;

  // Interactions are given oldest first, so that a reply finds where its
  // thread went. Nothing when the interaction has a CRM or a manual link:
  // those stand, and only tell where its thread went. `now` is the decision's
  // time, which its link records.
  std::optional<MatchOutcome> decide(const InteractionToMatch& interaction, Timestamp now);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace rearview::matching
