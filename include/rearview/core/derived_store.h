// What the live engine keeps in the database beside the records it derives
// them from: the analysis context (the won cohort's statistics and the health
// model, per cohort filter in use, with a version), each deal's analysis, and
// the queue of deals whose analysis is out of date. The queue is filled by the
// storage engine itself whenever a deal's inputs change (its record, stage
// history, interactions, contact roles, milestones), so no writer can forget
// it; the engine empties it as it catches up.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rearview/core/error.h"
#include "rearview/core/model.h"

namespace rearview {

// A deal waiting for its analysis. `stamp` changes each time the deal is
// queued again, so a deal that changed while it was being analysed stays
// queued (dequeue removes only the stamps it was given).
struct QueuedDeal {
  Id opportunity_id;
  long long stamp = 0;
};

struct StoredContext {
  std::string cohort_key;            // "" for every won deal; else the filter, described
  long long version = 0;             // increases with every rebuild
  std::uint64_t inputs_fingerprint = 0;  // of the settings and the analysis code it was built with
  Timestamp built_at{};
  long long closed_deals = 0;        // the training set: closed deals it learned from
  std::string cohort;                // the cohort's statistics (JSON)
  std::string model;                 // the health model (bytes; empty: the rules)
  std::string model_description;
};

struct StoredAnalysis {
  Id opportunity_id;
  long long context_version = 0;  // of the context it was computed with
  Timestamp computed_at{};
  Outcome outcome = Outcome::open;
  std::optional<double> health_score;  // the latest point of the health series
  std::string analysis;                // JSON: health, tells, stage stays, cycle, level
};

class DerivedStore {
 public:
  virtual ~DerivedStore() = default;

  // Deals whose analysis is out of date, in id order.
  virtual Result<std::vector<QueuedDeal>> queued_deals() = 0;
  virtual Result<long long> queued_count() = 0;
  // The deal's stamp while it is queued.
  virtual Result<std::optional<long long>> queued_stamp(const Id& opportunity_id) = 0;
  // How many queued deals have another outcome than their stored analysis
  // (a deal never analysed counts as open): closed deals changed.
  virtual Result<long long> queued_outcome_changes() = 0;
  // Removes the entries whose stamp is still the one given.
  virtual Result<void> dequeue(std::span<const QueuedDeal> done) = 0;

  virtual Result<std::optional<StoredContext>> context(const std::string& cohort_key) = 0;
  virtual Result<void> save_context(const StoredContext& context) = 0;
  // The keys of the stored narrowed cohorts (every key but ""), in order.
  virtual Result<std::vector<std::string>> cohort_keys() = 0;

  virtual Result<std::optional<StoredAnalysis>> analysis(const Id& opportunity_id) = 0;
  virtual Result<void> save_analysis(const StoredAnalysis& analysis) = 0;
  // How many stored analyses were computed with another context version.
  virtual Result<long long> stale_analyses(long long context_version) = 0;

  // The stored analyses of closed deals that are still current: computed with
  // `context_version`, and the deal not queued since. In id order; returns how
  // many were visited. What reads every closed deal's analysis (the tells'
  // back-test) reads these instead of analysing the deals again.
  virtual Result<long long> for_each_current_closed_analysis(
      long long context_version,
      const std::function<Result<void>(const StoredAnalysis&)>& visit) = 0;
  // The closed deals that have no current analysis (never analysed, computed
  // with another version, or queued), in id order: the rest of the closed deals.
  virtual Result<std::vector<Id>> closed_deals_without_current_analysis(
      long long context_version) = 0;
};

}  // namespace rearview
