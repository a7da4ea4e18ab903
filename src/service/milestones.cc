#include "rearview/service/milestones.h"

#include <fmt/format.h>

#include <algorithm>

#include "audit.h"
#include "rearview/service/analysis_context.h"
#include "rearview/service/opportunity_lookup.h"

namespace rearview::service {

Result<MilestoneDefinitionIn> find_milestone(const std::vector<Stage>& stages, const std::string& key,
                              const std::string& stage_name) {
  std::vector<MilestoneDefinitionIn> candidates;
  std::vector<std::string> known;
  for (const auto& stage : stages) {
    for (const auto& definition : stage.milestones) {
      known.push_back(fmt::format("{} ({})", definition.key, stage.name));
      if (definition.key == key && (stage_name.empty() || stage.name == stage_name))
        candidates.push_back(MilestoneDefinitionIn{&stage, &definition});
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

Result<std::string> checked_milestone_value(const MilestoneDefinition& definition, const std::string& value) {
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

Result<RecordedMilestone> record_milestone(Session& session, const Settings& settings,
                                           const MilestoneRequest& request, const Clock& clock,
                                           Actor by) {
  auto id = resolve_opportunity(session.opportunities(), request.opportunity);
  if (!id) return std::unexpected(id.error());
  auto stages = session.stage_catalogue().stages();
  if (!stages) return std::unexpected(stages.error());
  auto catalogue = stage_catalogue(std::move(*stages), settings);
  auto found = find_milestone(catalogue, request.key, request.stage);
  if (!found) return std::unexpected(found.error());
  auto value = checked_milestone_value(*found->definition, request.value);
  if (!value) return std::unexpected(value.error());
  auto at = time_or_now(request.at, clock, "--at", settings.time_zone);
  if (!at) return std::unexpected(at.error());
  MilestoneAttainment attainment{found->stage->name, request.key, *value, *at, request.by, "user"};
  auto transaction = session.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  if (auto recorded = transaction->milestones().record_milestone(*id, attainment); !recorded)
    return std::unexpected(recorded.error());
  if (auto logged = audit(session, clock, by, "milestone.record", *id,
                          fmt::format("{} = {} ({})", request.key, *value, found->stage->name));
      !logged)
    return std::unexpected(logged.error());
  if (auto committed = transaction->commit(); !committed) return std::unexpected(committed.error());
  return RecordedMilestone{*id, found->definition->label, std::move(attainment)};
}

}  // namespace rearview::service
