#include "analysis_context.h"

#include <fmt/format.h>

#include <algorithm>

namespace rearview::cli {

std::vector<Stage> stage_catalogue(std::vector<Stage> stored, const Settings& settings) {
  for (const auto& configured : settings.stages) {
    auto match = std::find_if(stored.begin(), stored.end(),
                              [&](const Stage& stage) { return stage.name == configured.name; });
    if (match == stored.end()) {
      stored.push_back(configured);
    } else if (!configured.milestones.empty()) {
      match->milestones = configured.milestones;
    }
  }
  std::stable_sort(stored.begin(), stored.end(),
                   [](const Stage& a, const Stage& b) { return a.sort_order < b.sort_order; });
  return stored;
}

Result<Timestamp> as_of_time(const std::string& text) {
  if (text.empty() || text == "now")
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto parsed = parse_timestamp(text);
  if (!parsed)
    return fail(ErrorCode::usage, fmt::format("--as-of '{}' is not a time", text),
                std::string(kTimestampFormats));
  return *parsed;
}

bool CohortFilter::admits(const OpportunitySnapshot& won_deal) const {
  if (!type.empty() && won_deal.opportunity.type != type) return false;
  if (!custom_field.empty()) {
    const auto& custom = won_deal.opportunity.custom;
    auto field = std::find_if(custom.begin(), custom.end(),
                              [&](const auto& pair) { return pair.first == custom_field; });
    if (field == custom.end() || field->second != custom_value) return false;
  }
  if (closed_from && (!won_deal.closed_at || *won_deal.closed_at < *closed_from)) return false;
  if (closed_until && (!won_deal.closed_at || *won_deal.closed_at >= *closed_until)) return false;
  return true;
}

std::string CohortFilter::describe() const {
  std::vector<std::string> parts;
  if (!type.empty()) parts.push_back(fmt::format("type {}", type));
  if (!custom_field.empty()) parts.push_back(fmt::format("{} {}", custom_field, custom_value));
  if (closed_from) parts.push_back(fmt::format("closed from {}", format_timestamp(*closed_from)));
  if (closed_until) parts.push_back(fmt::format("closed before {}", format_timestamp(*closed_until)));
  return fmt::format("{}", fmt::join(parts, ", "));
}

Result<AnalysisContext> build_analysis_context(Store& store, const Settings& settings,
                                               std::optional<Timestamp> as_of,
                                               const CohortFilter& cohort) {
  AnalysisContext context;
  auto stages = store.stages();
  if (!stages) return std::unexpected(stages.error());
  context.settings.stages = stage_catalogue(std::move(*stages), settings);
  context.settings.tells = settings.tells;
  context.settings.postmortem = settings.postmortem;
  auto now = as_of_time("");
  context.settings.as_of = as_of.value_or(*now);
  context.cohort = WonCohort(context.settings.stages);
  auto won = store.for_each_snapshot(OpportunityFilter::won,
                                     [&](const OpportunitySnapshot& deal) -> Result<void> {
                                       if (cohort.admits(deal)) context.cohort.add(deal);
                                       return {};
                                     },
                                     SnapshotDetail::without_bodies);
  if (!won) return std::unexpected(won.error());
  std::vector<HealthExample> examples;
  auto closed = store.for_each_snapshot(
      OpportunityFilter::closed, [&](const OpportunitySnapshot& deal) -> Result<void> {
        if (auto example = health_example(deal, context.cohort, context.settings))
          examples.push_back(*example);
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!closed) return std::unexpected(closed.error());
  context.model = train_health_model(examples);
  return context;
}

}  // namespace rearview::cli
