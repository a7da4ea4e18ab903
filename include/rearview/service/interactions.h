// Interactions posted by an add-in or a webhook (importers/posted_interactions.h):
// stored, audited, then matched to deals as imported ones are.
#pragma once

#include <string_view>
#include <vector>

#include "rearview/core/account_store.h"
#include "rearview/core/database.h"
#include "rearview/core/settings.h"
#include "rearview/importers/posted_interactions.h"
#include "rearview/service/clock.h"
#include "rearview/service/matching.h"

namespace rearview::service {

struct PostedInteractions {
  PostedReport posted;
  MatchingReport matching;
  // For each posted item with an id: the deals it now belongs to that the
  // poster may see (one they may not see is not named).
  std::vector<std::vector<Id>> deals;
};

// Denied for a role that may not change deals. Matching runs over the whole
// database (an item may change where earlier ones of its thread belong), in
// its own transaction after the posted items are stored.
Result<PostedInteractions> post_interactions(Session& session, const Settings& settings,
                                             const Clock& clock, const AppUser& poster,
                                             std::string_view text, PostedFormat format);

}  // namespace rearview::service
