// What every analysis of a database needs before it can look at one deal:
// the stage catalogue, the won deals' cohort and the health model learned
// from the closed deals (or the rules when there are too few).
#pragma once

#include <optional>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/health.h"
#include "rearview/core/settings.h"
#include "rearview/core/store.h"

namespace rearview::cli {

struct AnalysisContext {
  AnalysisSettings settings;
  WonCohort cohort;
  HealthModel model = HealthModel::rules();
};

// Which won deals a report compares with: all of them by default, or those
// of one type (New Business, ...) and/or closed within a period.
struct CohortFilter {
  std::string type;
  std::string custom_field;  // e.g. a segment: Segment__c ...
  std::string custom_value;  // ... = Enterprise
  std::optional<Timestamp> closed_from;
  std::optional<Timestamp> closed_until;
  bool admits(const OpportunitySnapshot& won_deal) const;
  std::string describe() const;  // "" when it admits every won deal
};

// `as_of` defaults to now. Reads the won and the closed deals once each.
Result<AnalysisContext> build_analysis_context(Store& store, const Settings& settings,
                                               std::optional<Timestamp> as_of,
                                               const CohortFilter& cohort = {});

// The configured milestones win over what the database recorded at import.
std::vector<Stage> stage_catalogue(std::vector<Stage> stored, const Settings& settings);

// "now" or the --as-of value.
Result<Timestamp> as_of_time(const std::string& text);

}  // namespace rearview::cli
