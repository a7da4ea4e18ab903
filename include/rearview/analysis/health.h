// Deal health: what a deal looks like at one moment (features), how healthy
// that is (a model, learned from the organisation's closed deals or the
// built-in rules), why it moved, and how well the model predicts outcomes it
// has not seen.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/analysis/snapshot.h"
#include "rearview/core/error.h"

namespace rearview {

struct AnalysisSettings;
class WonCohort;

// The model's inputs, in the order of HealthFeatures::values(). What more of
// each may do to the score is declared once, in health_features.cc
// (health_direction); the learned model is constrained to it and the rules
// obey it.
enum class HealthFeature {
  days_since_reply,
  unanswered_messages,
  buyer_contacts_engaged,
  senior_contact_engaged,
  recent_meetings,
  stage_time_beyond_median,
  close_date_pushes,
  amount_decreases,
  milestone_ratio,
  days_overdue,
  deal_age_days,
};
inline constexpr std::size_t kHealthFeatureCount = 11;
using HealthVector = std::array<double, kHealthFeatureCount>;

// More of a feature can only raise the score, or only lower it.
enum class HealthDirection { raises = 1, lowers = -1 };

std::string_view to_string(HealthFeature feature);   // "days_since_reply", ...
HealthFeature health_feature(std::size_t position);  // the feature at values()[position]
std::optional<HealthFeature> health_feature_named(std::string_view name);  // HealthReason::feature
HealthDirection health_direction(HealthFeature feature);

// "The buyer" is anyone on the opportunity's side: a contact, or the sender of
// an inbound e-mail who is not one of our users. A buyer *replied* with an
// inbound e-mail or call, or by meeting us. A buyer contact *engaged* when
// they replied, or took part in a meeting or call; being written to is not
// engaging. Senior: a contact role among TellSettings::senior_roles or a title
// with one of TellSettings::senior_title_words.
struct HealthFeatures {
  double days_since_reply = 0;        // since the last reply, or since first touch without one
  double unanswered_messages = 0;     // our e-mails since that reply
  double buyer_contacts_engaged = 0;  // distinct buyer contacts engaged in the last 30 days
  double senior_contact_engaged = 0;  // 1 once a decision maker or senior contact has engaged
  double recent_meetings = 0;         // meetings with the buyer in the last 30 days
  double days_in_stage = 0;           // in the current stay
  double won_stage_median_days = 0;   // won deals' median there; 0 when they say nothing
  double close_date_pushes = 0;       // close date changes to a later date so far
  double amount_decreases = 0;        // amount changes to a lower amount so far
  double milestone_ratio = 1;         // milestones attained / defined, over the open stages
                                      // up to the furthest one reached (1 when none defined)
  double days_overdue = 0;            // days since the then-current close date (0 before it)
  double deal_age_days = 0;           // since first touch (the rules wait two weeks)

  // Facts behind the numbers, for the words.
  bool buyer_replied = false;
  std::string stage;
  std::optional<Date> close_date;
  int milestones_attained = 0;
  int milestones_defined = 0;
  std::string senior_contact;  // "Dana Chief (CFO)": the first senior contact who engaged

  // The inputs as the models see them. Days count whole days (so every
  // change of an input reads as a change in words) and are capped at a year;
  // the stage time is the part beyond won deals' median, as a multiple of it,
  // capped at 9 (ten times the median): a few extreme deals must not set the
  // scale.
  HealthVector values() const;
};

// The features of the deal at `at` (events at `at` included).
HealthFeatures features_at(const OpportunitySnapshot& snapshot, Timestamp at,
                           const WonCohort& cohort, const AnalysisSettings& settings);

// A closed deal as the learned model learns from it: its inputs halfway
// through its life (creation, else first touch, to close) and its outcome.
struct HealthExample {
  HealthVector inputs{};
  bool won = false;
};

struct LearnedHealthModel;  // learned_health_model.h

// The score (0..100) of a deal at a moment. Either the built-in rules (the
// table at the top of health_model.cc) or gradient-boosted trees learned from
// the closed deals (train_health_model), whose logistic output is the
// probability of winning x 100. Copies share the learned trees. Keep none in
// a static: XGBoost's own statics may be gone before it would be destroyed.
class HealthModel {
 public:
  static HealthModel rules();

  double points(const HealthFeatures& features) const;
  double points(const HealthVector& inputs) const;
  // Every row in one call: a report scores a deal at hundreds of moments.
  std::vector<double> points(std::span<const HealthVector> inputs) const;

  // "rules", or "gradient-boosted trees with monotone constraints, learned
  // from N closed deals"
  std::string describe() const;
  bool learned() const { return learned_ != nullptr; }
  // Whether the score depends on the feature at all: the rules read every
  // one, the learned model all but deal_age_days.
  bool reads(HealthFeature feature) const;
  // Whether every input moves the score only in its declared direction: the
  // rules and the constrained model do; the unconstrained one (for comparison
  // in `health evaluate`) need not.
  bool follows_directions() const;

  // The whole model as bytes (format version, kind, the features the trees
  // read, XGBoost's model), to be stored and loaded again; a loaded model scores
  // exactly as the saved one. load() refuses bytes of another format version
  // or feature list.
  std::string save() const;
  static Result<HealthModel> load(std::string_view bytes);

  // The learned model's own parts are internal (learned_health_model.h).
  explicit HealthModel(std::shared_ptr<const LearnedHealthModel> learned);

 private:
  std::shared_ptr<const LearnedHealthModel> learned_;  // none: the rules
};

// The one way a model is learned, for reports and for `health evaluate`
// alike: gradient-boosted trees (XGBoost, logistic loss), monotone in each
// input's declared direction unless unconstrained. Their output is used as
// the probability as it is: held out, it was better calibrated (by the Brier
// score) than after Platt scaling on a fifth of the deals set aside for it
// (docs/report.md has the figures). Needs kMinimumPerOutcome won and as many
// lost examples, else the rules. Deterministic: the same examples in the
// same order give the same model.
enum class Monotonicity { constrained, unconstrained };
inline constexpr long long kMinimumPerOutcome = 30;
HealthModel train_health_model(const std::vector<HealthExample>& examples,
                               Monotonicity monotonicity = Monotonicity::constrained);

// The example of one closed deal; none for open deals and deals that closed
// before they were created.
std::optional<HealthExample> health_example(const OpportunitySnapshot& closed_deal,
                                            const WonCohort& cohort,
                                            const AnalysisSettings& settings);
std::vector<HealthExample> training_examples(const std::vector<OpportunitySnapshot>& closed_deals,
                                             const WonCohort& cohort,
                                             const AnalysisSettings& settings);

// Why the score moved from `before` to `after`: one reason per input that
// changed and moved the score by at least half a point, "meetings with the
// buyer in the last 30 days fell from 3 to 2", with the points it moved the
// score: the score at `before` with only that input moved to its `after`
// value, minus the score at `before`. Largest moves first; no evidence.
std::vector<HealthReason> explain_change(const HealthModel& model, const HealthFeatures& before,
                                         const HealthFeatures& after);

// How well a score predicts a win, on held-out deals.
struct HealthMeasure {
  std::optional<double> auc;    // area under the ROC curve; none without a two-sided holdout
  std::optional<double> brier;  // mean squared error of score / 100 against won (1) or lost (0)
  // Calibration: the held-out deals by score band (0-10, 10-20, ..., 90-100).
  struct Band {
    long long deals = 0;
    double mean_score = 0;
    double won_share = 0;  // of those deals, won
  };
  std::array<Band, 10> bands{};
};

struct HealthEvaluation {
  long long training_deals = 0;
  long long training_won = 0;
  long long holdout_deals = 0;
  long long holdout_won = 0;
  long long skipped_deals = 0;  // open, or closed before they were created
  HealthMeasure rules;
  HealthMeasure unconstrained;  // none without enough training deals
  HealthMeasure constrained;    // the model reports use; none without enough training deals
  std::string learned_model;    // describe() of the constrained model, "" when none was learned
};

// Splits the closed deals deterministically by a hash of their id and `seed`
// (about `holdout_fraction` of them are held out), learns on the training
// part with train_health_model, constrained and unconstrained, and measures on the
// held-out part how well the score halfway through each deal's life predicts
// a win: the area under the ROC curve (Mann-Whitney U, ties counted half; 0.5
// is chance) and the Brier score (0 is perfect; always saying 50 scores
// 0.25). The rules are measured on the same deals. The stage-time feature
// uses `cohort`; for a strictly honest figure pass a cohort of the training
// part's won deals (the overload below does).
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
