// The schema as a list of migrations; PRAGMA user_version records how many
// have been applied. Append new migrations; never edit a released one.
#pragma once

#include <string>
#include <vector>

namespace rearview::sqlite {

const std::vector<std::string>& migrations();

}  // namespace rearview::sqlite
