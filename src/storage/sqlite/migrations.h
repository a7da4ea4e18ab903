// The schema as a list of migrations; PRAGMA user_version records how many
// have been applied. Append new migrations; never edit a released one.
#pragma once

#include <span>

namespace rearview::sqlite {

std::span<const char* const> migrations();

}  // namespace rearview::sqlite
