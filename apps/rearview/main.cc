// rearview: automatic sales postmortems. This file only wires subcommands.
#include <fmt/format.h>

#include "cli.h"

int main(int argc, char** argv) {
  using namespace rearview::cli;
  CLI::App app{"rearview - keeps a live postmortem of every sales opportunity", "rearview"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "rearview 0.1.0");
  GlobalOptions global;
  app.add_option("--config", global.config_file,
                 "configuration file (default: ./rearview.toml when present)")
      ->check(CLI::ExistingFile);
  Action action;
  add_generate_command(app, action);
  add_import_command(app, global, action);
  add_sync_command(app, global, action);
  add_stats_command(app, action);
  add_config_command(app, global, action);
  add_milestone_command(app, global, action);
  add_assign_command(app, global, action);
  add_match_commands(app, global, action);
  add_report_command(app, global, action);
  add_upgrade_command(app, action);
  add_refresh_command(app, global, action);
  add_user_commands(app, action);
  add_serve_command(app, global, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    // CLI11 has an exit code of its own for each kind of mistake; ours is 2.
    return app.exit(error) == 0 ? 0 : exit_status(rearview::ErrorCode::usage);
  }
  return run_guarded(action);
}
