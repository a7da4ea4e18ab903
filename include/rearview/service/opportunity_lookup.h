// Finding the opportunity a person names (command line, search box): an id, or a
// unique part of its name. Unknown or ambiguous names get the closest matches.
#pragma once

#include <string>

#include "rearview/core/store.h"

namespace rearview::service {

Result<Id> resolve_opportunity(Store& store, const std::string& text);

}  // namespace rearview::service
