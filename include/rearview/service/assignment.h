// Assigning an interaction to an opportunity by hand: a person's word, which
// no automatic run overrides.
#pragma once

#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/service/clock.h"

namespace rearview::service {

struct AssignmentRequest {
  std::string interaction;  // its id, or its source's own id (a Message-ID, ...)
  std::string opportunity;  // an id or a unique part of the name
  std::string by;           // who assigned it
};

struct Assignment {
  Id interaction_id;
  InteractionLink link;                   // the manual link now in place
  std::vector<InteractionLink> replaced;  // the links it had before
};

// Finds both, then assigns in a write transaction of its own.
Result<Assignment> assign_interaction(Session& session, const AssignmentRequest& request,
                                      const Clock& clock);

}  // namespace rearview::service
