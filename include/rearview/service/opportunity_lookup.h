// Finding the opportunity a person names (command line, search box): an id, or a
// unique part of its name. Unknown or ambiguous names get the closest matches.
#pragma once

#include <string>

#include "rearview/core/opportunity_directory.h"

namespace rearview::service {

Result<Id> resolve_opportunity(OpportunityDirectory& opportunities, const std::string& text);

}  // namespace rearview::service
