// The engines the conformance suite runs on.
#include "conformance.h"
#include "rearview/storage/sqlite_database.h"

namespace rearview::conformance {

std::vector<DatabaseFactory> every_engine() {
  return {
      {.name = "SqliteFile",
       .make =
           [](const std::filesystem::path& folder) {
             return open_sqlite_database(folder / "conformance.db", OpenMode::create_if_missing,
                                         kWriterWait);
           }},
      {.name = "SqliteMemory",
       .concurrent_sessions = false,
       .make = [](const std::filesystem::path&) { return open_sqlite_memory_database(); }},
  };
}

}  // namespace rearview::conformance
