#include "cli.h"

#include <fmt/format.h>

#include "rearview/config/config.h"

namespace rearview::cli {

int report_error(const Error& error) {
  fmt::print(stderr, "rearview: {}\n", error.message);
  if (!error.hint.empty()) fmt::print(stderr, "hint: {}\n", error.hint);
  return exit_status(error.code);
}

Result<Settings> settings(const GlobalOptions& options) {
  return resolve_settings(options.config_file);
}

Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& database, OpenMode mode) {
  return open_sqlite_store(database, mode);
}

}  // namespace rearview::cli
