// Health: features, the rules, the learned model, the series over time, and
// the held-out evaluation.
#include <gtest/gtest.h>

#include <limits>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

using std::chrono::January;

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / January / 1}};

AnalysisSettings default_analysis_settings() {
  return AnalysisSettings{.stages = default_stages(), .as_of = kCreated + std::chrono::days{365}};
}

const HealthReason* reason_about(const std::vector<HealthReason>& reasons,
                                 const std::string& feature) {
  for (const auto& reason : reasons)
    if (reason.feature == feature) return &reason;
  return nullptr;
}

TEST(HealthFeatures, ReadTheDealAtAMoment) {
  AnalysisSettings settings = default_analysis_settings();
  settings.stages[1].milestones = {MilestoneDefinition{.key = "budget"}};
  settings.stages[2].milestones = {MilestoneDefinition{.key = "pain"}};
  WonCohort cohort(settings.stages);
  SnapshotBuilder won("won", kCreated);
  won.stage("Qualification", 0).stage("Needs Analysis", 4).won(14);
  cohort.add(won.build());

  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer", "Engineer")
      .contact("casey", "Casey Money", "Chief Financial Officer")
      .stage("Qualification", 0)
      .stage("Needs Analysis", 10)
      .milestone("Qualification", "budget", 3)
      .email_from("alex", 1)
      .meeting({"alex", "casey"}, 5)
      .email_to("alex", 8)
      .email_to("alex", 9)
      .close_date(Date{std::chrono::year{2024} / January / 15})
      .close_date_change(12, Date{std::chrono::year{2024} / January / 15},
                         Date{std::chrono::year{2024} / January / 20})
      .amount(100)
      .amount_change(11, 100, 80)
      .email_from("alex", 40);  // after the moment: must not count

  HealthFeatures features = features_at(builder.build(), builder.day(25), cohort, settings);
  EXPECT_DOUBLE_EQ(features.days_since_reply, 20);  // the meeting of day 5
  EXPECT_TRUE(features.buyer_replied);
  EXPECT_DOUBLE_EQ(features.unanswered_messages, 2);
  EXPECT_DOUBLE_EQ(features.buyer_contacts_engaged, 2);
  EXPECT_DOUBLE_EQ(features.senior_contact_engaged, 1);
  EXPECT_EQ(features.senior_contact, "Casey Money (Chief Financial Officer)");
  EXPECT_DOUBLE_EQ(features.recent_meetings, 1);
  EXPECT_EQ(features.stage, "Needs Analysis");
  EXPECT_DOUBLE_EQ(features.days_in_stage, 15);
  EXPECT_DOUBLE_EQ(features.won_stage_median_days, 10);
  EXPECT_DOUBLE_EQ(features.stage_time_ratio, 1.5);
  EXPECT_DOUBLE_EQ(features.close_date_pushes, 1);
  EXPECT_DOUBLE_EQ(features.amount_decreases, 1);
  EXPECT_DOUBLE_EQ(features.milestone_ratio, 0.5);
  EXPECT_DOUBLE_EQ(features.days_overdue, 6);  // 2024-01-26 against 2024-01-20
  EXPECT_DOUBLE_EQ(features.deal_age_days, 25);
}

TEST(HealthFeatures, BeforeAnyReplyTheSilenceCountsFromTheFirstTouch) {
  AnalysisSettings settings = default_analysis_settings();
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer").email_to("alex", -3).stage("Prospecting", 0);
  HealthFeatures features = features_at(builder.build(), builder.day(4), WonCohort(), settings);
  EXPECT_FALSE(features.buyer_replied);
  EXPECT_DOUBLE_EQ(features.days_since_reply, 7);
  EXPECT_DOUBLE_EQ(features.unanswered_messages, 1);
  EXPECT_DOUBLE_EQ(features.stage_time_ratio, 1);  // no won deals to compare with
  EXPECT_DOUBLE_EQ(features.milestone_ratio, 1);   // none defined
}

TEST(RulesModel, DeductsExplicitPointsWithReasonsInWords) {
  HealthFeatures features;
  features.buyer_replied = true;
  features.days_since_reply = 19.6;
  features.unanswered_messages = 3;
  features.close_date_pushes = 2;
  features.close_date = Date{std::chrono::year{2024} / January / 31};
  features.deal_age_days = 5;  // too young to judge threading, seniority and meetings
  HealthModel rules = HealthModel::rules();
  HealthScore score = rules.score(features);
  EXPECT_DOUBLE_EQ(score.score, 100 - 20 - 5 - 10);
  EXPECT_DOUBLE_EQ(rules.points(features), score.score);
  ASSERT_EQ(score.reasons.size(), 3u);
  EXPECT_EQ(score.reasons[0].text, "no reply from the buyer for 19 days");
  EXPECT_DOUBLE_EQ(score.reasons[0].effect, -20);
  EXPECT_EQ(score.reasons[0].feature, "days_since_reply");
  EXPECT_EQ(score.reasons[1].text, "close date pushed twice, now 2024-01-31");
  EXPECT_EQ(score.reasons[2].text, "3 messages to the buyer without a reply");
  EXPECT_EQ(rules.describe(), "rules");
  EXPECT_FALSE(rules.learned());
}

TEST(RulesModel, JudgesThreadingSeniorityAndMeetingsOnceTheDealIsTwoWeeksOld) {
  HealthFeatures features;
  features.deal_age_days = 20;
  features.buyer_contacts_engaged = 1;
  HealthScore score = HealthModel::rules().score(features);
  EXPECT_DOUBLE_EQ(score.score, 100 - 10 - 10 - 10);
  EXPECT_NE(reason_about(score.reasons, "buyer_contacts_engaged"), nullptr);
  EXPECT_EQ(reason_about(score.reasons, "buyer_contacts_engaged")->text,
            "only one buyer contact engaged in the last 30 days");
  EXPECT_EQ(reason_about(score.reasons, "senior_contact_engaged")->text,
            "no decision maker or senior contact engaged");
}

TEST(RulesModel, NeverBelowZero) {
  HealthFeatures features;
  features.deal_age_days = 100;
  features.days_since_reply = 90;
  features.unanswered_messages = 9;
  features.stage_time_ratio = 5;
  features.close_date_pushes = 6;
  features.amount_decreases = 3;
  features.days_overdue = 40;
  features.close_date = Date{std::chrono::year{2024} / January / 31};
  EXPECT_DOUBLE_EQ(HealthModel::rules().points(features), 0);
}

TEST(HealthSeries, APointAtEachEventADailyPointOnlyOnAChangeAndTheFinalPoint) {
  AnalysisSettings settings = default_analysis_settings();
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer")
      .stage("Prospecting", 0)
      .email_from("alex", 1)
      .email_to("alex", 2)
      .email_to("alex", 5);
  settings.as_of = builder.day(20);
  PostmortemReport report = analyze(builder.build(), WonCohort(), HealthModel::rules(), settings);

  struct Expected {
    double day;
    double score;
    std::string trigger;
  };
  std::vector<Expected> expected = {{0, 100, "created"}, {0, 100, "stage-0"}, {1, 100, "email-1"},
                                    {2, 100, "email-2"}, {5, 95, "email-3"},  {8, 85, "daily"},
                                    {14, 55, "daily"},   {15, 45, "daily"},   {20, 45, "as_of"}};
  ASSERT_EQ(report.health.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(report.health[i].at, builder.day(expected[i].day));
    EXPECT_DOUBLE_EQ(report.health[i].score, expected[i].score);
    EXPECT_EQ(report.health[i].trigger, expected[i].trigger);
  }

  const HealthPoint& silence = report.health[5];
  EXPECT_DOUBLE_EQ(silence.change, -10);
  ASSERT_EQ(silence.changes.size(), 1u);
  EXPECT_EQ(silence.changes[0].text, "no reply from the buyer for 7 days");
  EXPECT_DOUBLE_EQ(silence.changes[0].effect, -10);
  EXPECT_EQ(silence.changes[0].evidence, (std::vector<Id>{"email-1"}));

  const HealthPoint& last = report.health.back();
  const HealthReason* reply = reason_about(last.reasons, "days_since_reply");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->text, "no reply from the buyer for 19 days");
  EXPECT_EQ(reply->evidence, (std::vector<Id>{"email-1"}));
  EXPECT_EQ(last.reasons.size(), 3u);  // the three largest deductions

  const HealthPoint& second_message = report.health[4];
  ASSERT_EQ(second_message.changes.size(), 1u);
  EXPECT_EQ(second_message.changes[0].text, "2 messages to the buyer without a reply");
  EXPECT_EQ(second_message.changes[0].evidence, (std::vector<Id>{"email-2", "email-3"}));
  EXPECT_EQ(report.health_model, "rules");
}

TEST(HealthSeries, AReplyMovesTheScoreBackUpWithAReasonThatSaysSo) {
  AnalysisSettings settings = default_analysis_settings();
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer")
      .stage("Prospecting", 0)
      .email_from("alex", 1)
      .email_from("alex", 10);
  settings.as_of = builder.day(12);
  PostmortemReport report = analyze(builder.build(), WonCohort(), HealthModel::rules(), settings);
  const HealthPoint* reply = nullptr;
  for (const auto& point : report.health)
    if (point.trigger == "email-2") reply = &point;
  ASSERT_NE(reply, nullptr);
  EXPECT_DOUBLE_EQ(reply->change, 10);
  ASSERT_EQ(reply->changes.size(), 1u);
  EXPECT_EQ(reply->changes[0].text, "the buyer replied less than a day ago");
}

// Won deals hear back from the buyer every few days; lost deals go silent
// after the first reply while we keep writing.
std::vector<OpportunitySnapshot> synthetic_closed_deals(int per_outcome) {
  std::vector<OpportunitySnapshot> deals;
  for (int i = 0; i < 2 * per_outcome; ++i) {
    bool won = i % 2 == 0;
    SnapshotBuilder builder("deal-" + std::to_string(i), kCreated + std::chrono::days{i});
    builder.contact("alex", "Alex Buyer").stage("Qualification", 0).email_from("alex", 1);
    int length = 50 + i % 20;
    for (int day = 2 + i % 3; day < length; day += 3) {
      builder.email_to("alex", day);
      if (won) builder.email_from("alex", day + 1);
    }
    won ? builder.won(length) : builder.lost(length);
    deals.push_back(builder.build());
  }
  return deals;
}

TEST(LearnedModel, LearnsTheFeatureThatSeparatesWonFromLost) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = synthetic_closed_deals(40);
  WonCohort cohort(settings.stages);
  for (const auto& deal : deals) cohort.add(deal);
  auto examples = training_examples(deals, cohort, settings);
  ASSERT_EQ(examples.size(), 80u);
  auto model = HealthModel::learn(examples);
  ASSERT_TRUE(model.has_value());
  EXPECT_TRUE(model->learned());
  EXPECT_EQ(model->describe(), "logistic regression learned from 80 closed deals");
  EXPECT_LT(model->weights()[std::size_t(HealthFeature::days_since_reply)], 0);

  std::vector<double> won_scores;
  std::vector<double> lost_scores;
  for (const auto& [features, won] : examples)
    (won ? won_scores : lost_scores).push_back(model->points(features));
  EXPECT_GT(area_under_curve(won_scores, lost_scores).value(), 0.99);

  const auto& lost_example = examples[1];
  ASSERT_FALSE(lost_example.second);
  HealthScore lost_score = model->score(lost_example.first);
  EXPECT_LT(lost_score.score, 20);
  ASSERT_FALSE(lost_score.reasons.empty());
  EXPECT_LT(lost_score.reasons.front().effect, 0);
  const HealthReason* silence = reason_about(lost_score.reasons, "days_since_reply");
  ASSERT_NE(silence, nullptr);
  EXPECT_EQ(silence->text, "no reply from the buyer for " +
                               std::to_string(int(lost_example.first.days_since_reply)) + " days");
  HealthScore won_score = model->score(examples[0].first);
  EXPECT_GT(won_score.score, 80);
  EXPECT_GT(won_score.reasons.back().effect, 0);
}

TEST(LearnedModel, NeedsThirtyDealsOfEachOutcome) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = synthetic_closed_deals(30);
  auto examples = training_examples(deals, WonCohort(), settings);
  EXPECT_TRUE(HealthModel::learn(examples).has_value());
  examples.erase(examples.begin());  // one won deal fewer
  EXPECT_FALSE(HealthModel::learn(examples).has_value());
}

TEST(Evaluation, HoldsOutDealsDeterministicallyAndMeasuresBothModels) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = synthetic_closed_deals(100);
  SnapshotBuilder open("open", kCreated);
  open.stage("Qualification", 0);
  deals.push_back(open.build());

  HealthEvaluation evaluation = evaluate(deals, settings, 0.3, 42);
  EXPECT_EQ(evaluation.training_deals + evaluation.holdout_deals, 200);
  EXPECT_EQ(evaluation.skipped_deals, 1);
  EXPECT_GT(evaluation.holdout_deals, 40);
  EXPECT_LT(evaluation.holdout_deals, 80);
  EXPECT_GT(evaluation.holdout_won, 0);
  EXPECT_LT(evaluation.holdout_won, evaluation.holdout_deals);
  ASSERT_TRUE(evaluation.learned_auc.has_value());
  ASSERT_TRUE(evaluation.rules_auc.has_value());
  EXPECT_GT(*evaluation.learned_auc, 0.95);
  EXPECT_GE(*evaluation.rules_auc, 0.5);
  EXPECT_LE(*evaluation.rules_auc, 1);
  EXPECT_EQ(evaluation.learned_model, "logistic regression learned from " +
                                          std::to_string(evaluation.training_deals) +
                                          " closed deals");

  HealthEvaluation again = evaluate(deals, settings, 0.3, 42);
  EXPECT_EQ(again.holdout_deals, evaluation.holdout_deals);
  EXPECT_EQ(again.learned_auc, evaluation.learned_auc);
  HealthEvaluation other_seed = evaluate(deals, settings, 0.3, 43);
  EXPECT_NE(other_seed.holdout_won * 1000 + other_seed.holdout_deals,
            evaluation.holdout_won * 1000 + evaluation.holdout_deals);
}

TEST(Evaluation, WithoutEnoughTrainingDealsOnlyTheRulesAreMeasured) {
  AnalysisSettings settings = default_analysis_settings();
  HealthEvaluation evaluation = evaluate(synthetic_closed_deals(20), WonCohort(), settings, 0.5, 1);
  EXPECT_FALSE(evaluation.learned_auc.has_value());
  EXPECT_TRUE(evaluation.learned_model.empty());
  EXPECT_TRUE(evaluation.rules_auc.has_value());
}

TEST(AreaUnderCurve, CountsTiesHalf) {
  EXPECT_DOUBLE_EQ(area_under_curve({0.9, 0.8}, {0.1, 0.8}).value(), 0.875);
  EXPECT_DOUBLE_EQ(area_under_curve({1, 2}, {3, 4}).value(), 0);
  EXPECT_DOUBLE_EQ(area_under_curve({5, 5}, {5}).value(), 0.5);
  EXPECT_FALSE(area_under_curve({}, {1}).has_value());
}

TEST(HealthFeatureNames, AreStable) {
  EXPECT_EQ(to_string(HealthFeature::days_since_reply), "days_since_reply");
  EXPECT_EQ(to_string(HealthFeature::days_overdue), "days_overdue");
  EXPECT_EQ(health_feature(5), HealthFeature::stage_time_ratio);
  EXPECT_EQ(health_feature_named("close_date_pushes"), HealthFeature::close_date_pushes);
  EXPECT_FALSE(health_feature_named("shoe_size").has_value());
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

// Sorting scores with a NaN among them is undefined behaviour; a NaN has no
// rank and is left out. Expected values counted by hand over won-lost pairs.
TEST(AreaUnderCurve, NotANumberScoresAreLeftOut) {
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  // won {0.9, 0.2} against lost {0.5}: one pair ordered, one not -> 0.5
  EXPECT_DOUBLE_EQ(area_under_curve({0.9, kNaN, 0.2}, {kNaN, 0.5}).value(), 0.5);
  EXPECT_DOUBLE_EQ(area_under_curve({0.9, 0.7}, {0.1, kNaN}).value(), 1.0);
  EXPECT_FALSE(area_under_curve({kNaN}, {0.1}).has_value()) << "no won score is left";
}

}  // namespace
}  // namespace rearview
