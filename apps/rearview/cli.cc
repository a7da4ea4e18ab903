#include "cli.h"

#include <fmt/format.h>

#include "rearview/config/config.h"
#include "rearview/core/text.h"

namespace rearview::cli {

int report_error(const Error& error) {
  // Messages quote values from files: no control character reaches the terminal.
  fmt::print(stderr, "rearview: {}\n", printable(error.message));
  if (!error.hint.empty()) fmt::print(stderr, "hint: {}\n", printable(error.hint));
  return exit_status(error.code);
}

Result<Settings> settings(const GlobalOptions& options) {
  return resolve_settings(options.config_file);
}

Result<std::unique_ptr<Store>> open_store(const std::filesystem::path& database, OpenMode mode) {
  return open_sqlite_store(database, mode);
}

int run_guarded(const Action& action) {
  if (!action) return 0;
  try {
    return action();
  } catch (const std::exception& unexpected) {
    fmt::print(stderr, "rearview: internal error: {}\n", unexpected.what());
    fmt::print(stderr, "hint: nothing was changed; please report this with the command you ran\n");
  } catch (...) {
    fmt::print(stderr, "rearview: internal error\n");
  }
  return 1;
}

}  // namespace rearview::cli
