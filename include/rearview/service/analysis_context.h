// What every analysis of a database needs before it can look at one deal:
// the stage catalogue, the won deals' cohort and the health model learned
// from the closed deals (or the rules when there are too few).
#pragma once

#include <optional>
#include <string>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/health.h"
#include "rearview/core/settings.h"
#include "rearview/core/snapshot_source.h"
#include "rearview/core/stage_catalogue.h"

namespace rearview::service {

// Which won deals a report compares with: all of them by default, or those
// of one type (New Business, ...), with a custom field's value and/or closed
// within a period. It narrows comparisons only: the health model is always
// learned from every closed deal.
struct CohortFilter {
  std::string type;
  std::string custom_field;  // e.g. a segment: Segment__c ...
  std::string custom_value;  // ... = Enterprise
  std::optional<Timestamp> closed_from;
  std::optional<Timestamp> closed_until;
  DealFilter won_deals() const;  // the won deals it admits, for the store to select
  std::string describe(const TimeZone& zone) const;  // "" when it admits every won deal
  bool operator==(const CohortFilter&) const = default;
};

// What a person types: a type, FIELD=VALUE, and dates (each may be empty).
struct CohortRequest {
  std::string type;
  std::string field_equals_value;
  std::string closed_from;
  std::string closed_until;
};
// Dates a person typed are dates of the configured zone: they start at local midnight.
Result<CohortFilter> parse_cohort(const CohortRequest& request, const TimeZone& zone);

struct AnalysisContext {
  AnalysisSettings settings;  // settings.as_of: when the context was built
  WonCohort cohort;
  HealthModel model = HealthModel::rules();
  CohortFilter filter;
  long long version = 0;     // of the stored context it came from; 0: built in memory
  Timestamp built_at{};      // when the cohort and the model were computed
  long long closed_deals = 0;  // the model's training set
};

// Reads the cohort's won deals and the closed deals once each. Open deals
// are measured up to `as_of`.
Result<AnalysisContext> build_analysis_context(SnapshotSource& snapshots, StageCatalogue& stages,
                                               const Settings& settings, Timestamp as_of,
                                               const CohortFilter& cohort = {});

// The won deals that `filter` admits.
Result<WonCohort> build_cohort(SnapshotSource& snapshots, const AnalysisSettings& settings,
                               const CohortFilter& filter);

// The analysis settings without a cohort or a model: the catalogue and the
// configured thresholds.
Result<AnalysisSettings> analysis_settings(StageCatalogue& stages, const Settings& settings,
                                           Timestamp as_of);

// The configured milestones win over what the database recorded at import.
std::vector<Stage> stage_catalogue(std::vector<Stage> stored, const Settings& settings);

}  // namespace rearview::service
