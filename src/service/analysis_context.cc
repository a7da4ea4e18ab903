#include "rearview/service/analysis_context.h"

#include <fmt/format.h>

#include <algorithm>

namespace rearview::service {

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

namespace {

Result<std::optional<Timestamp>> optional_date(const std::string& text, const char* option,
                                               const TimeZone& zone) {
  if (text.empty()) return std::optional<Timestamp>();
  auto parsed = parse_timestamp_in(text, zone);
  if (!parsed)
    return fail(ErrorCode::usage, fmt::format("{} '{}' is not a date", option, text),
                std::string(kDateFormats));
  return std::optional<Timestamp>(*parsed);
}

}  // namespace

Result<CohortFilter> parse_cohort(const CohortRequest& request, const TimeZone& zone) {
  CohortFilter filter{.type = request.type};
  if (!request.field_equals_value.empty()) {
    auto equals = request.field_equals_value.find('=');
    if (equals == std::string::npos || equals == 0)
      return fail(ErrorCode::usage, "--cohort-field takes FIELD=VALUE",
                  "for example --cohort-field Segment__c=Enterprise");
    filter.custom_field = request.field_equals_value.substr(0, equals);
    filter.custom_value = request.field_equals_value.substr(equals + 1);
  }
  auto from = optional_date(request.closed_from, "--cohort-from", zone);
  if (!from) return std::unexpected(from.error());
  auto until = optional_date(request.closed_until, "--cohort-until", zone);
  if (!until) return std::unexpected(until.error());
  filter.closed_from = *from;
  filter.closed_until = *until;
  return filter;
}

DealFilter CohortFilter::won_deals() const {
  DealFilter filter{
      .outcome = OutcomeFilter::won, .closed_from = closed_from, .closed_until = closed_until};
  if (!type.empty()) filter.type = type;
  if (!custom_field.empty()) filter.custom_field = CustomFieldEquals{custom_field, custom_value};
  return filter;
}

std::string CohortFilter::describe(const TimeZone& zone) const {
  std::vector<std::string> parts;
  if (!type.empty()) parts.push_back(fmt::format("type {}", type));
  if (!custom_field.empty()) parts.push_back(fmt::format("{} {}", custom_field, custom_value));
  if (closed_from) parts.push_back(fmt::format("closed from {}", zone.format(*closed_from)));
  if (closed_until) parts.push_back(fmt::format("closed before {}", zone.format(*closed_until)));
  return fmt::format("{}", fmt::join(parts, ", "));
}

Result<AnalysisSettings> analysis_settings(StageCatalogue& stages, const Settings& settings,
                                           Timestamp as_of) {
  auto stored = stages.stages();
  if (!stored) return std::unexpected(stored.error());
  AnalysisSettings analysis;
  analysis.stages = stage_catalogue(std::move(*stored), settings);
  analysis.tells = settings.tells;
  analysis.postmortem = settings.postmortem;
  analysis.time_zone = settings.time_zone;
  analysis.trackers = settings.trackers.trackers;
  analysis.as_of = as_of;
  return analysis;
}

Result<WonCohort> build_cohort(SnapshotSource& snapshots, const AnalysisSettings& settings,
                               const CohortFilter& filter) {
  WonCohort cohort(settings.stages);
  auto won = snapshots.for_each_snapshot(
      filter.won_deals(),
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        cohort.add(deal);
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!won) return std::unexpected(won.error());
  return cohort;
}

Result<AnalysisContext> build_analysis_context(SnapshotSource& snapshots, StageCatalogue& stages,
                                               const Settings& settings, Timestamp as_of,
                                               const CohortFilter& filter) {
  AnalysisContext context;
  auto analysis = analysis_settings(stages, settings, as_of);
  if (!analysis) return std::unexpected(analysis.error());
  context.settings = std::move(*analysis);
  context.filter = filter;
  // The model learns against every won deal: a narrowed comparison must not
  // change how health is scored.
  auto every_won = build_cohort(snapshots, context.settings, {});
  if (!every_won) return std::unexpected(every_won.error());
  std::vector<HealthExample> examples;
  auto closed = snapshots.for_each_snapshot(
      DealFilter{.outcome = OutcomeFilter::closed},
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        if (auto example = health_example(deal, *every_won, context.settings))
          examples.push_back(*example);
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!closed) return std::unexpected(closed.error());
  context.model = train_health_model(examples);
  context.built_at = as_of;
  context.closed_deals = *closed;
  if (filter == CohortFilter{}) {
    context.cohort = std::move(*every_won);
    return context;
  }
  auto narrowed = build_cohort(snapshots, context.settings, filter);
  if (!narrowed) return std::unexpected(narrowed.error());
  context.cohort = std::move(*narrowed);
  return context;
}

}  // namespace rearview::service
