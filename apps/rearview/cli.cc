#include "cli.h"

#include <fmt/format.h>

#include "rearview/config/config.h"
#include "rearview/core/text.h"

namespace rearview::cli {

int exit_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
      return 2;
    case ErrorCode::invalid_input:
    case ErrorCode::missing_reference:
      return 3;
    case ErrorCode::not_found:
    case ErrorCode::io:
      return 4;
    case ErrorCode::database_locked:
    case ErrorCode::database_too_new:
    case ErrorCode::database:
      return 5;
    case ErrorCode::config:
      return 6;
  }
  return 1;
}

int report_error(const Error& error) {
  // Messages quote values from files: no control character reaches the terminal.
  fmt::print(stderr, "rearview: {}\n", printable(error.message));
  if (!error.hint.empty()) fmt::print(stderr, "hint: {}\n", printable(error.hint));
  return exit_status(error.code);
}

Result<Settings> settings(const GlobalOptions& options) {
  return resolve_settings(options.config_file);
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
