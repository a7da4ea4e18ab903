#include <fmt/format.h>
#include <linear.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <span>

#include "health_words.h"
#include "rearview/analysis/health.h"

namespace rearview {
namespace {

// The rules. A deal starts at 100 and loses points for each warning sign;
// the score never drops below 0. Threading, seniority and meetings are only
// judged once the deal is two weeks old: a new deal has not had the time.
//
//   sign                                                   points
//   no buyer reply for 7 days / 14 days / 30 days          -10 / -20 / -30
//   2 / 4 or more of our messages without a reply          -5 / -10
//   no buyer contact engaged in 30 days / only one         -15 / -10
//   no decision maker or senior contact engaged            -10
//   no meeting with the buyer in 30 days                   -10
//   in the stage 1.5x / 2x / 3x won deals' median          -10 / -15 / -20
//   each close date push, up to 4 pushes                   -5
//   each amount decrease, up to 2 decreases                -5
//   milestones reached so far: some missing / under half   -5 / -10
//   past the close date / by 30 days or more               -10 / -20
constexpr double kJudgedAfterDays = 14;

// The deduction of the first step whose threshold the value reaches;
// steps go from the largest threshold down.
struct Step {
  double at_least;
  double points;
};
template <std::size_t N>
double stepped(double value, const Step (&steps)[N]) {
  for (const Step& step : steps)
    if (value >= step.at_least) return step.points;
  return 0;
}

HealthVector rule_deductions(const HealthFeatures& features) {
  constexpr Step kSilence[] = {{30, -30}, {14, -20}, {7, -10}};
  constexpr Step kUnanswered[] = {{4, -10}, {2, -5}};
  constexpr Step kStageTime[] = {{3, -20}, {2, -15}, {1.5, -10}};
  constexpr Step kOverdue[] = {{30, -20}, {1, -10}};
  bool judged = features.deal_age_days >= kJudgedAfterDays;

  HealthVector deductions{};
  auto at = [&](HealthFeature feature) -> double& { return deductions[std::size_t(feature)]; };
  at(HealthFeature::days_since_reply) = stepped(features.days_since_reply, kSilence);
  at(HealthFeature::unanswered_messages) = stepped(features.unanswered_messages, kUnanswered);
  if (judged) {
    if (features.buyer_contacts_engaged == 0) at(HealthFeature::buyer_contacts_engaged) = -15;
    if (features.buyer_contacts_engaged == 1) at(HealthFeature::buyer_contacts_engaged) = -10;
    if (features.senior_contact_engaged == 0) at(HealthFeature::senior_contact_engaged) = -10;
    if (features.recent_meetings == 0) at(HealthFeature::recent_meetings) = -10;
  }
  at(HealthFeature::stage_time_ratio) = stepped(features.stage_time_ratio, kStageTime);
  at(HealthFeature::close_date_pushes) = -5 * std::min(features.close_date_pushes, 4.0);
  at(HealthFeature::amount_decreases) = -5 * std::min(features.amount_decreases, 2.0);
  if (features.milestones_defined > 0 && features.milestone_ratio < 1)
    at(HealthFeature::milestone_ratio) = features.milestone_ratio < 0.5 ? -10 : -5;
  at(HealthFeature::days_overdue) = stepped(features.days_overdue, kOverdue);
  return deductions;
}

double rules_score(const HealthVector& deductions) {
  double score = 100;
  for (double deduction : deductions) score += deduction;
  return std::clamp(score, 0.0, 100.0);
}

double sigmoid(double log_odds) { return 1 / (1 + std::exp(-log_odds)); }

// Reasons shown with a score: the worst few, then the best few, leaving out
// effects too small to matter.
constexpr std::size_t kNegativeReasons = 3;
constexpr std::size_t kPositiveReasons = 2;
constexpr double kSmallestEffect = 0.5;

std::vector<HealthReason> reasons_for(const HealthFeatures& features,
                                      const HealthVector& contributions) {
  std::array<std::size_t, kHealthFeatureCount> order;
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t left, std::size_t right) {
    if (contributions[left] != contributions[right])
      return contributions[left] < contributions[right];
    return left < right;  // equal effects in feature order, on both ends
  });
  std::array<std::size_t, kNegativeReasons + kPositiveReasons> chosen;
  std::size_t count = 0;
  for (std::size_t i = 0; i < kNegativeReasons; ++i)
    if (contributions[order[i]] <= -kSmallestEffect) chosen[count++] = order[i];
  for (std::size_t i = 0; i < kPositiveReasons; ++i)
    if (contributions[order[order.size() - 1 - i]] >= kSmallestEffect)
      chosen[count++] = order[order.size() - 1 - i];

  std::vector<HealthReason> reasons;
  reasons.reserve(count);  // reports keep thousands of these: no slack
  for (std::size_t position : std::span(chosen.data(), count)) {
    HealthFeature feature = health_feature(position);
    double effect = contributions[position];
    reasons.push_back(HealthReason{.text = analysis::feature_text(feature, features, effect > 0),
                                   .effect = effect,
                                   .feature = std::string(to_string(feature))});
  }
  return reasons;
}

void print_nothing(const char*) {}

struct Standardisation {
  HealthVector means{};
  HealthVector scales{};
};

Standardisation standardisation_of(const std::vector<std::pair<HealthFeatures, bool>>& examples,
                                   const std::vector<HealthVector>& values) {
  Standardisation result;
  double count = double(examples.size());
  for (const auto& row : values)
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i) result.means[i] += row[i] / count;
  HealthVector variances{};
  for (const auto& row : values)
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
      variances[i] += (row[i] - result.means[i]) * (row[i] - result.means[i]) / count;
  // A feature that never varies carries no information; a scale of 1 keeps it at 0.
  for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
    result.scales[i] = variances[i] > 1e-12 ? std::sqrt(variances[i]) : 1;
  return result;
}

// liblinear's own structures, owned here so nothing leaks on any path.
class LinearProblem {
 public:
  LinearProblem(const std::vector<HealthVector>& standardised, const std::vector<bool>& won) {
    constexpr int kBiasIndex = int(kHealthFeatureCount) + 1;
    labels_.reserve(won.size());
    nodes_.reserve(standardised.size() * (kHealthFeatureCount + 2));
    for (std::size_t row = 0; row < standardised.size(); ++row) {
      labels_.push_back(won[row] ? 1 : -1);
      for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
        nodes_.push_back(feature_node{int(i) + 1, standardised[row][i]});
      nodes_.push_back(feature_node{kBiasIndex, 1});
      nodes_.push_back(feature_node{-1, 0});
    }
    for (std::size_t row = 0; row < standardised.size(); ++row)
      rows_.push_back(&nodes_[row * (kHealthFeatureCount + 2)]);
    problem_ = problem{
        .l = int(rows_.size()), .n = kBiasIndex, .y = labels_.data(), .x = rows_.data(), .bias = 1};
  }
  const problem* get() const { return &problem_; }

 private:
  std::vector<double> labels_;
  std::vector<feature_node> nodes_;
  std::vector<feature_node*> rows_;
  problem problem_{};
};

}  // namespace

HealthModel HealthModel::rules() { return HealthModel(); }

std::optional<HealthModel> HealthModel::learn(
    const std::vector<std::pair<HealthFeatures, bool>>& examples) {
  long long won =
      std::count_if(examples.begin(), examples.end(), [](const auto& e) { return e.second; });
  long long lost = static_cast<long long>(examples.size()) - won;
  if (won < kMinimumPerOutcome || lost < kMinimumPerOutcome) return std::nullopt;

  std::vector<HealthVector> values;
  std::vector<bool> labels;
  values.reserve(examples.size());
  for (const auto& [features, is_won] : examples) {
    values.push_back(features.values());
    labels.push_back(is_won);
  }
  Standardisation standardisation = standardisation_of(examples, values);
  for (auto& row : values)
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
      row[i] = (row[i] - standardisation.means[i]) / standardisation.scales[i];

  LinearProblem problem(values, labels);
  parameter settings{.solver_type = L2R_LR,
                     .eps = 0.01,
                     .C = 1,
                     .nr_weight = 0,
                     .weight_label = nullptr,
                     .weight = nullptr,
                     .p = 0.1,
                     .init_sol = nullptr};
  if (check_parameter(problem.get(), &settings) != nullptr) return std::nullopt;
  set_print_string_function(&print_nothing);
  model* trained = train(problem.get(), &settings);
  if (!trained) return std::nullopt;

  // The decision values of liblinear's first label; the won label may be either.
  int won_label = trained->label[0] == 1 ? 0 : 1;
  HealthModel learned;
  learned.kind_ = Kind::learned;
  learned.means_ = standardisation.means;
  learned.scales_ = standardisation.scales;
  for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
    learned.weights_[i] = get_decfun_coef(trained, int(i) + 1, won_label);
  learned.bias_ = get_decfun_bias(trained, won_label);
  learned.examples_ = static_cast<long long>(examples.size());
  free_and_destroy_model(&trained);
  return learned;
}

double HealthModel::log_odds(const HealthVector& values) const {
  double sum = bias_;
  for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
    sum += weights_[i] * (values[i] - means_[i]) / scales_[i];
  return sum;
}

double HealthModel::points(const HealthFeatures& features) const {
  if (kind_ == Kind::learned) return 100 * sigmoid(log_odds(features.values()));
  return rules_score(rule_deductions(features));
}

// A learned feature's effect: the score against the score with that feature
// at the average of the deals the model learned from.
HealthVector HealthModel::contributions(const HealthFeatures& features) const {
  if (kind_ == Kind::rules) return rule_deductions(features);
  HealthVector values = features.values();
  double full = log_odds(values);
  HealthVector effects{};
  for (std::size_t i = 0; i < kHealthFeatureCount; ++i) {
    double term = weights_[i] * (values[i] - means_[i]) / scales_[i];
    effects[i] = 100 * (sigmoid(full) - sigmoid(full - term));
  }
  return effects;
}

HealthScore HealthModel::score(const HealthFeatures& features) const {
  HealthScore result;
  result.contributions = contributions(features);
  result.score = kind_ == Kind::rules ? rules_score(result.contributions) : points(features);
  result.reasons = reasons_for(features, result.contributions);
  return result;
}

std::string HealthModel::describe() const {
  if (kind_ == Kind::rules) return "rules";
  return fmt::format("logistic regression learned from {} closed deals", examples_);
}

}  // namespace rearview
