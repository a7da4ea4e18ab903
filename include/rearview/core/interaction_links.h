// The role that keeps which opportunities an interaction belongs to, beside
// the links importers write with their records: a person's assignment now,
// matching's links later.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

class InteractionLinks {
 public:
  virtual ~InteractionLinks() = default;
  // The interaction whose id, or whose source's own id (a Message-ID, a
  // calendar UID, ...), is `text`; none when there is no such interaction.
  virtual Result<std::optional<Id>> find_interaction(const std::string& text) = 0;
  // Every link of one interaction, by opportunity id; none for an unknown one.
  virtual Result<std::vector<InteractionLink>> links_of(const Id& interaction_id) = 0;
  // A person's assignment (`link.method` is manual): from now on the
  // interaction belongs to that opportunity alone, and no automatic run links
  // it elsewhere. A missing interaction or opportunity fails with
  // ErrorCode::missing_reference and changes nothing.
  virtual Result<void> assign(const Id& interaction_id, const InteractionLink& link) = 0;
};

}  // namespace rearview
