// Finding the opportunity a user names on the command line: an id, or a
// unique part of its name. Unknown or ambiguous names get the closest matches.
#pragma once

#include <string>

#include "rearview/core/store.h"

namespace rearview::cli {

Result<Id> resolve_opportunity(Store& store, const std::string& text);

}  // namespace rearview::cli
