// Compiling postmortem reports: pure functions from snapshots to reports.
// Storage, clocks and rendering stay outside.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/analysis/health.h"
#include "rearview/analysis/postmortem.h"
#include "rearview/analysis/snapshot.h"
#include "rearview/core/model.h"
#include "rearview/core/settings.h"

namespace rearview {

struct AnalysisSettings {
  TellSettings tells;
  PostmortemSettings postmortem;
  std::vector<Stage> stages;  // the catalogue, in order, with milestones
  Timestamp as_of{};          // "now": open deals are measured up to here
  TimeZone time_zone;         // whose calendar dates and days follow (see docs/report.md)
  std::vector<Tracker> trackers;  // what the trackers' hits mean (docs/trackers.md)
};

// What won deals look like: how long each stage and the whole cycle took.
// Built in one pass over the won deals (add), then queried. A deal's time in a
// stage is the sum of its stays there; stages it skipped are not counted. Its
// cycle is cycle_days(): closed time minus created time, as `rearview stats`
// measures it, so over the same deals the figures are the same. Deals without
// a cycle (no created or closed time, closed before they were created, dates
// that are not plausible) say nothing about speed: neither their cycle nor
// their stays count, and they are only counted in excluded().
// Queries may run from several threads at once, but not while add() runs.
class WonCohort {
 public:
  WonCohort() = default;
  // The catalogue tells closed stages apart (unknown names are guessed).
  explicit WonCohort(std::vector<Stage> stages);

  void add(const OpportunitySnapshot& won_deal);  // ignores deals that are not won
  std::optional<Distribution> stage(const std::string& name) const;
  std::optional<Distribution> cycle() const;  // median/p25/p75 of the cycle
  double cycle_mean_days() const;
  long long deals() const { return deals_; }
  long long excluded() const { return excluded_; }

  // What the cohort says, without the durations behind it: what the live
  // engine stores, and a cohort rebuilt from it answers every query the same.
  struct Summaries {
    std::map<std::string, Distribution, std::less<>> stages;
    std::optional<Distribution> cycle;
    double cycle_mean_days = 0;
  };
  const Summaries& summaries() const;  // computed on the first query after an add
  // A cohort that answers from stored summaries; add() must not be called on it.
  static WonCohort from_summaries(std::vector<Stage> stages, Summaries summaries, long long deals,
                                  long long excluded);

 private:

  std::vector<Stage> stages_;
  std::map<std::string, std::vector<double>> stage_days_;
  std::vector<double> cycle_days_;
  long long deals_ = 0;
  long long excluded_ = 0;
  mutable std::shared_ptr<std::mutex> summaries_mutex_ = std::make_shared<std::mutex>();
  mutable std::shared_ptr<const Summaries> summaries_;
};

// Every tell kind, in the order reports and back-tests list them.
const std::vector<std::string>& tell_kinds();

// The whole postmortem of one opportunity, open or closed.
PostmortemReport analyze(const OpportunitySnapshot& snapshot, const WonCohort& cohort,
                         const HealthModel& model, const AnalysisSettings& settings);

}  // namespace rearview
