// What the subcommands share: how errors reach the user, how the database and
// the settings are opened.
#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/postmortems.h"

namespace rearview::cli {

struct GlobalOptions {
  std::optional<std::filesystem::path> config_file;
};

// The process exit status for each kind of error (the README's table).
int exit_status(ErrorCode code);

// Prints "rearview: message" and the hint; returns the exit status.
int report_error(const Error& error);

Result<Settings> settings(const GlobalOptions& options);

// A subcommand's body runs after parsing and returns the exit status.
using Action = std::function<int()>;

void add_generate_command(CLI::App& app, Action& action);
void add_import_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_stats_command(CLI::App& app, Action& action);
void add_config_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_milestone_command(CLI::App& app, const GlobalOptions& global, Action& action);
// --cohort-type, --cohort-field, --cohort-from, --cohort-until; `verb` starts
// each option's help ("compare with" won deals of this type only ...).
void add_cohort_options(CLI::App& command, service::CohortRequest& cohort, const std::string& verb);

// `rearview import mail`, a subcommand of `import`.
void add_import_mail_command(CLI::App& import, const GlobalOptions& global, Action& action);
// `rearview import calendar` and `rearview import calls`.
void add_import_calendar_command(CLI::App& import, const GlobalOptions& global, Action& action);
void add_import_calls_command(CLI::App& import, const GlobalOptions& global, Action& action);
// `rearview sync imap`.
void add_sync_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_assign_command(CLI::App& app, const GlobalOptions& global, Action& action);
// `rearview match` and `rearview unmatched`.
void add_match_commands(CLI::App& app, const GlobalOptions& global, Action& action);
void add_report_command(CLI::App& app, const GlobalOptions& global, Action& action);
void add_upgrade_command(CLI::App& app, Action& action);
void add_refresh_command(CLI::App& app, const GlobalOptions& global, Action& action);
// `rearview user add` and `rearview token create`.
void add_user_commands(CLI::App& app, Action& action);
void add_serve_command(CLI::App& app, const GlobalOptions& global, Action& action);

// Runs the live engine after a command changed deals; prints what it did and
// returns the exit status.
int refresh_analyses(Session& session, const Settings& settings,
                     const std::vector<service::CohortFilter>& cohorts = {});

// --progress (auto, bar, lines, none) and --no-refresh, as every command that
// writes records has them.
void add_progress_and_refresh_options(CLI::App& command, std::string& progress, bool& refresh);

// After a command that wrote records: runs matching and prints what it
// decided (nothing when there was nothing to decide), then, when `refresh`,
// the live engine. Returns the exit status.
int match_then_refresh(Session& session, const Settings& settings, const std::string& progress_style,
                       bool refresh);

// Runs the chosen subcommand; an exception that escaped a library (a bug,
// or a library that throws where it documents no error) becomes a message
// and exit status 1 instead of an abort.
int run_guarded(const Action& action);

}  // namespace rearview::cli
