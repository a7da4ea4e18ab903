// The embedded engine: a Database on one SQLite file, always in WAL mode, so
// that readers never wait for a writer; migrated when a writer opens it.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>

#include "rearview/core/database.h"

namespace rearview {

// read_only never writes: no migration, no WAL switch, and its sessions
// cannot begin write transactions. A file another program made is refused
// in every mode and left as it was.
enum class OpenMode { create_if_missing, must_exist, read_only };

// The schema version this build writes; a database with a higher one is refused.
int sqlite_schema_version();

// A writer that finds another writer at work waits up to `writer_wait`,
// then fails with database_locked.
constexpr std::chrono::milliseconds kDefaultWriterWait{10000};

// Checks (and, for writers, migrates) the file once; each session then opens
// a connection of its own.
Result<std::unique_ptr<Database>> open_sqlite_database(
    const std::filesystem::path& file, OpenMode mode,
    std::chrono::milliseconds writer_wait = kDefaultWriterWait);

// A database in memory, gone with the object: for tests. It has one session
// at a time (opening a second while one is open fails), because SQLite
// cannot keep readers going beside a writer in memory: WAL needs a file, and
// several connections to one in-memory database (shared cache) lock readers
// out of every table a writer has touched until it commits.
Result<std::unique_ptr<Database>> open_sqlite_memory_database();

}  // namespace rearview
