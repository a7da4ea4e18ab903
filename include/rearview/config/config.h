// Reads rearview.toml into Settings. Every problem names the file, line and
// column and what was expected.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/settings.h"

namespace rearview {

inline constexpr const char* kDefaultConfigFile = "rearview.toml";

// Reads the file; fails with every problem found, one per line of the message.
Result<Settings> load_settings(const std::filesystem::path& file);

// --config PATH when given; else ./rearview.toml when present; else defaults.
Result<Settings> resolve_settings(const std::optional<std::filesystem::path>& explicit_file);

// A commented rearview.toml with the defaults, for `rearview config init`.
std::string default_config_text();

}  // namespace rearview
