// Salesforce's standard opportunity stages, as a new org ships them.
#pragma once

#include <array>
#include <string_view>

namespace rearview::generate {

enum Stage : int {
  kProspecting,
  kQualification,
  kNeedsAnalysis,
  kValueProposition,
  kDecisionMakers,
  kPerceptionAnalysis,
  kProposal,
  kNegotiation,
  kClosedWon,
  kClosedLost,
};

inline constexpr int kLastOpenStage = kNegotiation;

struct StageInfo {
  std::string_view name;
  int probability;
  std::string_view forecast_category_name;  // Opportunity.ForecastCategoryName (a label)
  std::string_view forecast_category;       // OpportunityHistory.ForecastCategory (an API value)
  double median_days;                       // typical time a deal spends in the stage
};

inline constexpr std::array<StageInfo, 10> kStages{{
    {"Prospecting", 10, "Pipeline", "Pipeline", 6},
    {"Qualification", 10, "Pipeline", "Pipeline", 9},
    {"Needs Analysis", 20, "Pipeline", "Pipeline", 11},
    {"Value Proposition", 50, "Pipeline", "Pipeline", 9},
    {"Id. Decision Makers", 60, "Pipeline", "Pipeline", 8},
    {"Perception Analysis", 70, "Best Case", "BestCase", 8},
    {"Proposal/Price Quote", 75, "Best Case", "BestCase", 11},
    {"Negotiation/Review", 90, "Commit", "Forecast", 13},
    {"Closed Won", 100, "Closed", "Closed", 0},
    {"Closed Lost", 0, "Omitted", "Omitted", 0},
}};

// rearview's default line in the sand: the first open stage with a
// probability of 50% or more. Deals lost before it get the short postmortem.
inline constexpr int kLineInTheSand = kValueProposition;
static_assert(kStages[kLineInTheSand].probability >= 50 &&
              kStages[kLineInTheSand - 1].probability < 50);

constexpr bool is_closed(int stage) { return stage == kClosedWon || stage == kClosedLost; }
constexpr std::string_view stage_name(int stage) { return kStages[std::size_t(stage)].name; }

}  // namespace rearview::generate
