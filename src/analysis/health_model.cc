#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "health_features.h"
#include "learned_health_model.h"

namespace rearview {
namespace {

// The rules. A deal starts at 100 and loses points for each warning sign;
// the score never drops below 0. Threading, seniority and meetings are only
// judged once the deal is two weeks old: a new deal has not had the time.
// Each deduction grows with a feature that lowers the score and shrinks with
// one that raises it (health_direction), so the rules obey the same
// directions as the learned model.
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

double rules_score(const HealthVector& inputs) {
  constexpr Step kSilence[] = {{30, -30}, {14, -20}, {7, -10}};
  constexpr Step kUnanswered[] = {{4, -10}, {2, -5}};
  constexpr Step kContacts[] = {{2, 0}, {1, -10}, {0, -15}};
  constexpr Step kBeyondMedian[] = {{2, -20}, {1, -15}, {0.5, -10}};  // 3x, 2x, 1.5x the median
  constexpr Step kMilestones[] = {{1, 0}, {0.5, -5}, {0, -10}};
  constexpr Step kOverdue[] = {{30, -20}, {1, -10}};
  auto value = [&](HealthFeature feature) { return inputs[std::size_t(feature)]; };

  double score = 100;
  score += stepped(value(HealthFeature::days_since_reply), kSilence);
  score += stepped(value(HealthFeature::unanswered_messages), kUnanswered);
  if (value(HealthFeature::deal_age_days) >= kJudgedAfterDays) {
    score += stepped(value(HealthFeature::buyer_contacts_engaged), kContacts);
    if (value(HealthFeature::senior_contact_engaged) == 0) score -= 10;
    if (value(HealthFeature::recent_meetings) == 0) score -= 10;
  }
  score += stepped(value(HealthFeature::stage_time_beyond_median), kBeyondMedian);
  score -= 5 * std::min(value(HealthFeature::close_date_pushes), 4.0);
  score -= 5 * std::min(value(HealthFeature::amount_decreases), 2.0);
  score += stepped(value(HealthFeature::milestone_ratio), kMilestones);
  score += stepped(value(HealthFeature::days_overdue), kOverdue);
  return std::clamp(score, 0.0, 100.0);
}

}  // namespace

namespace analysis {

const std::vector<HealthFeature>& tree_features() {
  static const std::vector<HealthFeature> features = [] {
    std::vector<HealthFeature> read;
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
      if (read_by_learned_model(health_feature(i))) read.push_back(health_feature(i));
    return read;
  }();
  return features;
}

std::vector<float> tree_rows(std::span<const HealthVector> inputs) {
  const auto& features = tree_features();
  std::vector<float> rows;
  rows.reserve(inputs.size() * features.size());
  for (const HealthVector& row : inputs)
    for (HealthFeature feature : features)
      rows.push_back(static_cast<float>(row[std::size_t(feature)]));
  return rows;
}

std::vector<int> declared_directions() {
  std::vector<int> directions;
  for (HealthFeature feature : tree_features())
    directions.push_back(static_cast<int>(health_direction(feature)));
  return directions;
}

}  // namespace analysis

std::vector<double> LearnedHealthModel::points(std::span<const HealthVector> inputs) const {
  std::vector<double> scores = trees.log_odds(analysis::tree_rows(inputs));
  for (double& score : scores) score = 100 / (1 + std::exp(-score));
  return scores;
}

HealthModel::HealthModel(std::shared_ptr<const LearnedHealthModel> learned)
    : learned_(std::move(learned)) {}

HealthModel HealthModel::rules() { return HealthModel(nullptr); }

double HealthModel::points(const HealthFeatures& features) const {
  return points(features.values());
}

double HealthModel::points(const HealthVector& inputs) const {
  return points(std::span(&inputs, 1)).front();
}

std::vector<double> HealthModel::points(std::span<const HealthVector> inputs) const {
  if (learned_) return learned_->points(inputs);
  std::vector<double> scores;
  scores.reserve(inputs.size());
  for (const HealthVector& row : inputs) scores.push_back(rules_score(row));
  return scores;
}

bool HealthModel::reads(HealthFeature feature) const {
  return !learned_ || analysis::read_by_learned_model(feature);
}

bool HealthModel::follows_directions() const {
  return !learned_ || learned_->monotonicity == Monotonicity::constrained;
}

std::string HealthModel::describe() const {
  if (!learned_) return "rules";
  return fmt::format("gradient-boosted trees {}, learned from {} closed deals",
                     learned_->monotonicity == Monotonicity::constrained
                         ? "with monotone constraints"
                         : "without constraints",
                     learned_->examples);
}

}  // namespace rearview
