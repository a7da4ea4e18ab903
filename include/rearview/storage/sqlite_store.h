// The embedded store: one SQLite file in WAL mode, migrated on open.
#pragma once

#include <filesystem>
#include <memory>

#include "rearview/core/store.h"

namespace rearview {

enum class OpenMode { create_if_missing, must_exist };

// The schema version this build writes; a database with a higher one is refused.
int sqlite_schema_version();

Result<std::unique_ptr<Store>> open_sqlite_store(const std::filesystem::path& file, OpenMode mode);

}  // namespace rearview
