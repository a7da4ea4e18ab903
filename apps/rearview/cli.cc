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
    case ErrorCode::denied:
    case ErrorCode::rate_limited:
      return 7;
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

void add_cohort_options(CLI::App& command, service::CohortRequest& cohort, const std::string& verb) {
  command.add_option("--cohort-type", cohort.type,
                     verb + " won deals of this type only (e.g. \"New Business\")");
  command.add_option("--cohort-field", cohort.field_equals_value,
                     verb + " won deals whose custom field has this value, e.g. a segment: "
                     "Segment__c=Enterprise");
  command.add_option("--cohort-from", cohort.closed_from,
                     verb + " won deals closed on or after this date (in the configured time zone)");
  command.add_option("--cohort-until", cohort.closed_until,
                     verb + " won deals closed before this date (in the configured time zone)");
}

void add_progress_and_refresh_options(CLI::App& command, std::string& progress, bool& refresh) {
  command.add_flag("!--no-refresh", refresh,
                   "do not analyse the changed deals afterwards (rearview refresh does it later)");
  command.add_option("--progress", progress, "auto, bar, lines or none")
      ->check(CLI::IsMember({"auto", "bar", "lines", "none"}))
      ->capture_default_str();
}

}  // namespace rearview::cli
