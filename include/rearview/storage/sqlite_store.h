// The embedded store: one SQLite file in WAL mode, migrated on open.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "rearview/core/store.h"

namespace rearview {

// read_only never writes: no migration, no WAL switch; a file another
// program made is refused in every mode and left as it was.
enum class OpenMode { create_if_missing, must_exist, read_only };

// The schema version this build writes; a database with a higher one is refused.
int sqlite_schema_version();

// A writer that finds another writer at work waits up to `writer_wait`,
// then fails with database_locked.
constexpr std::chrono::milliseconds kDefaultWriterWait{10000};

Result<std::unique_ptr<Store>> open_sqlite_store(
    const std::filesystem::path& file, OpenMode mode,
    std::chrono::milliseconds writer_wait = kDefaultWriterWait);

}  // namespace rearview
