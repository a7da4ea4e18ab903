// How the live engine's derived data is written to the database and read
// back: the won cohort's statistics and a deal's analysis as JSON, and the
// fingerprint of the settings an analysis depends on. Private to the service.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "rearview/analysis/analysis.h"
#include "rearview/service/analysis_context.h"

namespace rearview::service {

// Changes whenever anything an analysis depends on changes: the settings it
// reads, or the analysis code itself (kAnalysisCodeVersion, raised with every
// change to what analyze() computes).
std::uint64_t analysis_inputs_fingerprint(const AnalysisSettings& settings);

std::string cohort_to_json(const WonCohort& cohort);
Result<WonCohort> cohort_from_json(std::string_view json, std::vector<Stage> stages);

// A narrowed cohort's key among the stored contexts (JSON, times in UTC), and
// the filter back from it; none for a key this code did not write.
std::string cohort_key(const CohortFilter& filter);
std::optional<CohortFilter> cohort_filter_from_key(std::string_view key);

// The parts of a postmortem that lists and team views query without
// re-analysing: level, cycle, pushes, the health series' last and lowest
// points, the tells, the stage stays.
std::string analysis_to_json(const PostmortemReport& report, long long context_version);

// The tells of a stored analysis (analysis_to_json): kind, first and cleared
// times, and days_before_close.
Result<std::vector<Tell>> tells_from_json(std::string_view analysis_json);

}  // namespace rearview::service
