// Telling our files from others', and bringing our schema up to date: what a
// database checks once when it opens, before any session uses it.
#pragma once

#include <filesystem>

#include "connection.h"

namespace rearview::sqlite {

// Whose file a database is, read before anything is written to it.
enum class Ownership { ours, empty, legacy_ours, foreign };

Result<Ownership> ownership(Connection& connection);

Error foreign_database(const std::filesystem::path& file);

// Applies the missing migrations in one transaction and marks the file as ours.
Result<void> migrate(Connection& connection, const std::filesystem::path& file);

// For readers, which never migrate: fails unless the schema is this build's.
Result<void> check_current(Connection& connection, const std::filesystem::path& file);

// The message names the file, which SQLite's own messages do not.
std::unexpected<Error> with_file(Error error, const std::filesystem::path& file);

}  // namespace rearview::sqlite
