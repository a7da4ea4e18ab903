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

std::string CohortFilter::describe(const TimeZone& zone) const {
  std::vector<std::string> parts;
  if (!type.empty()) parts.push_back(fmt::format("type {}", type));
  if (!custom_field.empty()) parts.push_back(fmt::format("{} {}", custom_field, custom_value));
  if (closed_from) parts.push_back(fmt::format("closed from {}", zone.format(*closed_from)));
  if (closed_until) parts.push_back(fmt::format("closed before {}", zone.format(*closed_until)));
  return fmt::format("{}", fmt::join(parts, ", "));
}

Result<AnalysisSettings> analysis_settings(Store& store, const Settings& settings, Timestamp as_of) {
  auto stages = store.stages();
  if (!stages) return std::unexpected(stages.error());
  AnalysisSettings analysis;
  analysis.stages = stage_catalogue(std::move(*stages), settings);
  analysis.tells = settings.tells;
  analysis.postmortem = settings.postmortem;
  analysis.time_zone = settings.time_zone;
  analysis.as_of = as_of;
  return analysis;
}

Result<WonCohort> build_cohort(Store& store, const AnalysisSettings& settings,
                               const CohortFilter& filter) {
  WonCohort cohort(settings.stages);
  auto won = store.for_each_snapshot(
      OpportunityFilter::won,
      [&](const OpportunitySnapshot& deal) -> Result<void> {
        if (filter.admits(deal)) cohort.add(deal);
        return {};
      },
      SnapshotDetail::without_bodies);
  if (!won) return std::unexpected(won.error());
  return cohort;
}

Result<AnalysisContext> build_analysis_context(Store& store, const Settings& settings,
                                               Timestamp as_of, const CohortFilter& filter) {
  AnalysisContext context;
  auto analysis = analysis_settings(store, settings, as_of);
  if (!analysis) return std::unexpected(analysis.error());
  context.settings = std::move(*analysis);
  context.filter = filter;
  // The model learns against every won deal: a narrowed comparison must not
  // change how health is scored.
  auto every_won = build_cohort(store, context.settings, {});
  if (!every_won) return std::unexpected(every_won.error());
  std::vector<HealthExample> examples;
  auto closed = store.for_each_snapshot(
      OpportunityFilter::closed, [&](const OpportunitySnapshot& deal) -> Result<void> {
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
  auto narrowed = build_cohort(store, context.settings, filter);
  if (!narrowed) return std::unexpected(narrowed.error());
  context.cohort = std::move(*narrowed);
  return context;
}

}  // namespace rearview::service
