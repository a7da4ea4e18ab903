// rearview milestone set OPPORTUNITY KEY VALUE: records a milestone attained.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "analysis_context.h"
#include "cli.h"
#include "opportunity_lookup.h"

namespace rearview::cli {
namespace {

struct MilestoneArguments {
  std::string opportunity;
  std::string key;
  std::string value;
  std::string stage;
  std::string by = "cli";
  std::string at;
  std::filesystem::path database = "rearview.db";
};

struct Found {
  const Stage* stage;
  const MilestoneDefinition* definition;
};

// The milestone `key` of `stage_name`, or of the only stage that defines it.
Result<Found> find_definition(const std::vector<Stage>& stages, const std::string& key,
                              const std::string& stage_name) {
  std::vector<Found> candidates;
  std::vector<std::string> known;
  for (const auto& stage : stages) {
    for (const auto& definition : stage.milestones) {
      known.push_back(fmt::format("{} ({})", definition.key, stage.name));
      if (definition.key == key && (stage_name.empty() || stage.name == stage_name))
        candidates.push_back(Found{&stage, &definition});
    }
  }
  if (candidates.size() == 1) return candidates.front();
  if (candidates.size() > 1)
    return fail(ErrorCode::usage, fmt::format("milestone '{}' is defined in several stages", key),
                "choose one with --stage");
  return fail(ErrorCode::not_found, fmt::format("no milestone '{}'{} is configured", key,
                                                stage_name.empty() ? "" : " in stage " + stage_name),
              known.empty() ? "define milestones under [[stages.milestones]] in rearview.toml"
                            : fmt::format("configured: {}", fmt::join(known, ", ")));
}

// Toggles take yes/no; dropdowns one option; picklists one or more, comma-separated.
Result<std::string> checked_value(const MilestoneDefinition& definition, const std::string& value) {
  if (definition.kind == MilestoneKind::toggle) {
    auto parsed = parse_bool(value);
    if (!parsed || value.empty())
      return fail(ErrorCode::usage, fmt::format("'{}' is a toggle: give true or false", definition.key));
    return std::string(*parsed ? "true" : "false");
  }
  std::vector<std::string> chosen;
  std::string_view rest = value;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string item(rest.substr(0, comma));
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) chosen.push_back(item);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  bool single = definition.kind == MilestoneKind::dropdown;
  if (chosen.empty() || (single && chosen.size() > 1))
    return fail(ErrorCode::usage, fmt::format("'{}' takes {} of: {}", definition.key,
                                              single ? "one" : "one or more (comma-separated)",
                                              fmt::join(definition.options, ", ")));
  for (const auto& item : chosen)
    if (std::find(definition.options.begin(), definition.options.end(), item) == definition.options.end())
      return fail(ErrorCode::usage, fmt::format("'{}' is not an option of '{}'", item, definition.key),
                  fmt::format("options: {}", fmt::join(definition.options, ", ")));
  return fmt::format("{}", fmt::join(chosen, ", "));
}

int set_milestone(const GlobalOptions& global, const MilestoneArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto store = open_store(arguments.database, OpenMode::must_exist);
  if (!store) return report_error(store.error());
  auto id = resolve_opportunity(**store, arguments.opportunity);
  if (!id) return report_error(id.error());
  auto stages = (*store)->stages();
  if (!stages) return report_error(stages.error());
  auto all = stage_catalogue(std::move(*stages), *loaded);
  auto found = find_definition(all, arguments.key, arguments.stage);
  if (!found) return report_error(found.error());
  auto value = checked_value(*found->definition, arguments.value);
  if (!value) return report_error(value.error());
  auto at = arguments.at.empty() ? std::optional(std::chrono::floor<std::chrono::seconds>(
                                       std::chrono::system_clock::now()))
                                 : parse_timestamp_in(arguments.at, loaded->time_zone);
  if (!at)
    return report_error(Error{ErrorCode::usage, fmt::format("--at '{}' is not a time", arguments.at),
                              std::string(kTimestampFormats)});
  MilestoneAttainment attainment{found->stage->name, arguments.key, *value, *at, arguments.by, "user"};
  if (auto recorded = (*store)->record_milestone(*id, attainment); !recorded)
    return report_error(recorded.error());
  fmt::print("{}: {} = {} (stage {}, {} by {})\n", *id, found->definition->label, *value,
             found->stage->name, loaded->time_zone.format(*at), arguments.by);
  return 0;
}

}  // namespace

void add_milestone_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* milestone = app.add_subcommand("milestone", "record milestones attained inside a stage");
  milestone->require_subcommand(1);
  auto* set = milestone->add_subcommand("set", "record that an opportunity attained a milestone");
  auto arguments = std::make_shared<MilestoneArguments>();
  set->add_option("OPPORTUNITY", arguments->opportunity, "id or a unique part of the name")->required();
  set->add_option("KEY", arguments->key, "the milestone's key (rearview.toml)")->required();
  set->add_option("VALUE", arguments->value,
                  "true/false for a toggle; an option for a dropdown; options, comma-separated, "
                  "for a picklist")
      ->required();
  set->add_option("--stage", arguments->stage, "the stage, when several define KEY");
  set->add_option("--by", arguments->by, "who attained or recorded it")->capture_default_str();
  set->add_option("--at", arguments->at,
                  "when (default: now; without an offset, in the configured time zone)");
  set->add_option("--db", arguments->database, "database file")->capture_default_str();
  set->callback([&global, &action, arguments] {
    action = [&global, arguments] { return set_milestone(global, *arguments); };
  });
}

}  // namespace rearview::cli
