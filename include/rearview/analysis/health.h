// Deal health: what a deal looks like at one moment (features), how healthy
// that is (a model, learned from the organisation's closed deals or the
// built-in rules), and how well the model predicts outcomes it has not seen.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/error.h"
#include "rearview/analysis/snapshot.h"

namespace rearview {

struct AnalysisSettings;
class WonCohort;

// The model's inputs, in the order of HealthFeatures::values().
enum class HealthFeature {
  days_since_reply,
  unanswered_messages,
  buyer_contacts_engaged,
  senior_contact_engaged,
  recent_meetings,
  stage_time_ratio,
  close_date_pushes,
  amount_decreases,
  milestone_ratio,
  days_overdue,
};
inline constexpr std::size_t kHealthFeatureCount = 10;
using HealthVector = std::array<double, kHealthFeatureCount>;

std::string_view to_string(HealthFeature feature);   // "days_since_reply", ...
HealthFeature health_feature(std::size_t position);  // the feature at values()[position]
std::optional<HealthFeature> health_feature_named(std::string_view name);  // HealthReason::feature

// "The buyer" is anyone on the opportunity's side: a contact, or the sender of
// an inbound e-mail who is not one of our users. A buyer *replied* with an
// inbound e-mail or call, or by meeting us. A buyer contact *engaged* when
// they replied, or took part in a meeting or call; being written to is not
// engaging. Senior: a contact role among TellSettings::senior_roles or a title
// with one of TellSettings::senior_title_words.
struct HealthFeatures {
  // The model's inputs.
  double days_since_reply = 0;        // since the last reply, or since first touch without one
  double unanswered_messages = 0;     // our e-mails since that reply
  double buyer_contacts_engaged = 0;  // distinct buyer contacts engaged in the last 30 days
  double senior_contact_engaged = 0;  // 1 once a decision maker or senior contact has engaged
  double recent_meetings = 0;         // meetings with the buyer in the last 30 days
  double stage_time_ratio = 1;        // days in the current stay / won deals' median there
                                      // (1 when won deals say nothing about the stage)
  double close_date_pushes = 0;       // close date changes to a later date so far
  double amount_decreases = 0;        // amount changes to a lower amount so far
  double milestone_ratio = 1;         // milestones attained / defined, over the open stages
                                      // up to the furthest one reached (1 when none defined)
  double days_overdue = 0;            // days since the then-current close date (0 before it)

  // Facts behind the numbers, for the words; not inputs.
  double deal_age_days = 0;  // since first touch
  bool buyer_replied = false;
  std::string stage;
  double days_in_stage = 0;
  double won_stage_median_days = 0;  // 0 when won deals say nothing about the stage
  std::optional<Date> close_date;
  int milestones_attained = 0;
  int milestones_defined = 0;
  std::string senior_contact;  // "Dana Chief (CFO)": the first senior contact who engaged

  // The inputs as the learned model sees them: days capped at a year, the
  // stage time ratio at 10 (a few extreme deals must not set the scale).
  HealthVector values() const;
};

// The health of a deal at one moment, with its explanation.
struct HealthScore {
  double score = 0;                   // 0..100
  std::vector<HealthReason> reasons;  // the largest effects: negative first, then positive
  HealthVector contributions{};       // points each feature moved the score
};

// The features of the deal at `at` (events at `at` included).
HealthFeatures features_at(const OpportunitySnapshot& snapshot, Timestamp at,
                           const WonCohort& cohort, const AnalysisSettings& settings);

class HealthModel {
 public:
  // The built-in rules; see the table in health_model.cc.
  static HealthModel rules();

  // L2-regularised logistic regression on standardised features. Needs at
  // least kMinimumPerOutcome won and as many lost examples; nullopt
  // otherwise, and the caller uses rules().
  static constexpr long long kMinimumPerOutcome = 30;
  static std::optional<HealthModel> learn(
      const std::vector<std::pair<HealthFeatures, bool /*won*/>>& examples);

  HealthScore score(const HealthFeatures& features) const;
  // The score alone, cheaply: for sweeps over many moments and for evaluation.
  double points(const HealthFeatures& features) const;
  HealthVector contributions(const HealthFeatures& features) const;

  std::string describe() const;  // "logistic regression learned from N closed deals" or "rules"

  // The whole model as bytes, to be stored and loaded again; a loaded model
  // scores exactly as the saved one. load() refuses bytes of another format.
  std::string save() const;
  static Result<HealthModel> load(std::string_view bytes);
  bool learned() const { return kind_ == Kind::learned; }
  // Learned weights per standardised feature (log-odds of winning); zeros for the rules.
  const HealthVector& weights() const { return weights_; }

 private:
  enum class Kind { rules, learned };
  HealthModel() = default;
  double log_odds(const HealthVector& values) const;

  Kind kind_ = Kind::rules;
  HealthVector means_{};
  HealthVector scales_{};
  HealthVector weights_{};
  double bias_ = 0;
  long long examples_ = 0;
};

// The examples learn() takes: each closed deal's features halfway through its
// life (creation to close) with whether it was won. Open deals and deals that
// closed before they were created are left out.
std::vector<std::pair<HealthFeatures, bool>> training_examples(
    const std::vector<OpportunitySnapshot>& closed_deals, const WonCohort& cohort,
    const AnalysisSettings& settings);

struct HealthEvaluation {
  long long training_deals = 0;
  long long training_won = 0;
  long long holdout_deals = 0;
  long long holdout_won = 0;
  long long skipped_deals = 0;        // open, or closed before they were created
  std::optional<double> learned_auc;  // none without a learned model or a two-sided holdout
  std::optional<double> rules_auc;    // none without a two-sided holdout
  std::string learned_model;          // describe() of the model learned on the training part
};

// Splits the closed deals deterministically by a hash of their id and `seed`
// (about `holdout_fraction` of them are held out), learns on the training
// part, and measures on the held-out part how well the score halfway through
// each deal's life predicts a win: the area under the ROC curve (Mann-Whitney
// U, ties counted half; 0.5 is chance). The rules are measured on the same
// deals. The stage-time feature uses `cohort`; for a strictly honest figure
// pass a cohort of the training part's won deals (the overload below does).
HealthEvaluation evaluate(const std::vector<OpportunitySnapshot>& closed_deals,
                          const WonCohort& cohort, const AnalysisSettings& settings,
                          double holdout_fraction, std::uint64_t seed);
HealthEvaluation evaluate(const std::vector<OpportunitySnapshot>& closed_deals,
                          const AnalysisSettings& settings, double holdout_fraction,
                          std::uint64_t seed);

// Area under the ROC curve of scores at telling positives from negatives
// (Mann-Whitney U, ties counted half); none unless both sides are non-empty.
std::optional<double> area_under_curve(const std::vector<double>& positive_scores,
                                       const std::vector<double>& negative_scores);

}  // namespace rearview
