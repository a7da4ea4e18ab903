// rearview config check | config init
#include <fmt/format.h>

#include <fstream>

#include "cli.h"
#include "rearview/config/config.h"

namespace rearview::cli {
namespace {

int check(const GlobalOptions& global) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  const Settings& settings = *loaded;
  fmt::print("configuration: {}\n", settings.source);
  fmt::print("company: {} (time zone {})\n", settings.company_name, settings.time_zone.name());
  fmt::print("own e-mail domains: {}\n", settings.company_email_domains.empty()
                                              ? std::string("none (users' addresses decide)")
                                              : fmt::format("{}", fmt::join(settings.company_email_domains, ", ")));
  fmt::print("salesforce fields: loss reason {}, win reason {}, competitor {}\n",
             settings.loss_reason_field, settings.win_reason_field, settings.competitor_field);
  fmt::print("stages:\n");
  for (const auto& stage : settings.stages) {
    fmt::print("  {:>2}. {:<24} {:>3}%{}{}\n", stage.sort_order, stage.name, stage.probability,
               stage.is_closed ? (stage.is_won ? "  closed won" : "  closed lost") : "",
               stage.milestones.empty() ? "" : fmt::format("  {} milestones", stage.milestones.size()));
  }
  fmt::print("the configuration is valid\n");
  return 0;
}

int init(const std::filesystem::path& file, bool force) {
  std::error_code missing;
  if (std::filesystem::exists(file, missing) && !force)
    return report_error(Error{ErrorCode::usage, fmt::format("{} exists already", file.string()),
                              "use --force to overwrite it"});
  std::ofstream out(file);
  out << default_config_text();
  if (!out)
    return report_error(Error{ErrorCode::io, fmt::format("cannot write {}", file.string()), ""});
  fmt::print("wrote {}\n", file.string());
  return 0;
}

}  // namespace

void add_config_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* config = app.add_subcommand("config", "check or create the configuration");
  config->require_subcommand(1);
  config->add_subcommand("check", "validate the configuration and show what it says")
      ->callback([&global, &action] { action = [&global] { return check(global); }; });
  auto* init_command = config->add_subcommand("init", "write a rearview.toml with the defaults");
  auto file = std::make_shared<std::filesystem::path>(kDefaultConfigFile);
  auto force = std::make_shared<bool>(false);
  init_command->add_option("--file", *file, "where to write")->capture_default_str();
  init_command->add_flag("--force", *force, "overwrite an existing file");
  init_command->callback([&action, file, force] { action = [file, force] { return init(*file, *force); }; });
}

}  // namespace rearview::cli
