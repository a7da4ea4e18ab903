// rearview milestone set OPPORTUNITY KEY VALUE: records a milestone attained.
#include <fmt/format.h>

#include "cli.h"
#include "rearview/service/milestones.h"

namespace rearview::cli {
namespace {

struct MilestoneArguments {
  service::MilestoneRequest request{.by = "cli"};
  std::filesystem::path database = "rearview.db";
};

int set_milestone(const GlobalOptions& global, const MilestoneArguments& arguments) {
  auto loaded = settings(global);
  if (!loaded) return report_error(loaded.error());
  auto store = service::open_store(arguments.database, OpenMode::must_exist);
  if (!store) return report_error(store.error());
  service::SystemClock clock;
  auto recorded = service::record_milestone(**store, *loaded, arguments.request, clock);
  if (!recorded) return report_error(recorded.error());
  const MilestoneAttainment& attained = recorded->attainment;
  fmt::print("{}: {} = {} (stage {}, {} by {})\n", recorded->opportunity_id, recorded->label,
             attained.value, attained.stage, loaded->time_zone.format(attained.attained_at), attained.attained_by);
  return refresh_analyses(**store, *loaded);
}

}  // namespace

void add_milestone_command(CLI::App& app, const GlobalOptions& global, Action& action) {
  auto* milestone = app.add_subcommand("milestone", "record milestones attained inside a stage");
  milestone->require_subcommand(1);
  auto* set = milestone->add_subcommand("set", "record that an opportunity attained a milestone");
  auto arguments = std::make_shared<MilestoneArguments>();
  set->add_option("OPPORTUNITY", arguments->request.opportunity, "id or a unique part of the name")->required();
  set->add_option("KEY", arguments->request.key, "the milestone's key (rearview.toml)")->required();
  set->add_option("VALUE", arguments->request.value,
                  "true/false for a toggle; an option for a dropdown; options, comma-separated, "
                  "for a picklist")
      ->required();
  set->add_option("--stage", arguments->request.stage, "the stage, when several define KEY");
  set->add_option("--by", arguments->request.by, "who attained or recorded it")->capture_default_str();
  set->add_option("--at", arguments->request.at,
                  "when (default: now; without an offset, in the configured time zone)");
  set->add_option("--db", arguments->database, "database file")->capture_default_str();
  set->callback([&global, &action, arguments] {
    action = [&global, arguments] { return set_milestone(global, *arguments); };
  });
}

}  // namespace rearview::cli
