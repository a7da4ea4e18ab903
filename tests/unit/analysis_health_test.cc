// Health: features, the rules, the learned model, the series over time, and
// the held-out evaluation.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

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
  EXPECT_DOUBLE_EQ(features.close_date_pushes, 1);
  EXPECT_DOUBLE_EQ(features.amount_decreases, 1);
  EXPECT_DOUBLE_EQ(features.milestone_ratio, 0.5);
  EXPECT_DOUBLE_EQ(features.days_overdue, 6);  // 2024-01-26 against 2024-01-20
  EXPECT_DOUBLE_EQ(features.deal_age_days, 25);
  HealthVector inputs = features.values();
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::stage_time_beyond_median)], 0.5);
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::days_since_reply)], 20);
}

TEST(HealthFeatures, InputsCountWholeDaysCappedAtAYearAndOnlyTheStageTimeBeyondTheMedian) {
  HealthFeatures features;
  features.days_since_reply = 6.9;
  features.days_overdue = 400.5;
  features.deal_age_days = 13.99;
  features.days_in_stage = 29.5;
  features.won_stage_median_days = 10;
  HealthVector inputs = features.values();
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::days_since_reply)], 6);
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::days_overdue)], 365);
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::deal_age_days)], 13);
  EXPECT_DOUBLE_EQ(inputs[std::size_t(HealthFeature::stage_time_beyond_median)], 29.0 / 10 - 1);
  features.days_in_stage = 8;  // within the median
  EXPECT_DOUBLE_EQ(features.values()[std::size_t(HealthFeature::stage_time_beyond_median)], 0);
  features.days_in_stage = 500;  // ten times the median at most
  EXPECT_DOUBLE_EQ(features.values()[std::size_t(HealthFeature::stage_time_beyond_median)], 9);
  features.won_stage_median_days = 0;  // won deals say nothing
  EXPECT_DOUBLE_EQ(features.values()[std::size_t(HealthFeature::stage_time_beyond_median)], 0);
}

TEST(HealthFeatures, BeforeAnyReplyTheSilenceCountsFromTheFirstTouch) {
  AnalysisSettings settings = default_analysis_settings();
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer").email_to("alex", -3).stage("Prospecting", 0);
  HealthFeatures features = features_at(builder.build(), builder.day(4), WonCohort(), settings);
  EXPECT_FALSE(features.buyer_replied);
  EXPECT_DOUBLE_EQ(features.days_since_reply, 7);
  EXPECT_DOUBLE_EQ(features.unanswered_messages, 1);
  EXPECT_DOUBLE_EQ(features.won_stage_median_days, 0);  // no won deals to compare with
  EXPECT_DOUBLE_EQ(features.milestone_ratio, 1);        // none defined
}

TEST(RulesModel, DeductsExplicitPointsAndSaysWhichChangesCostThem) {
  HealthFeatures fresh;  // the first touch: nothing has happened yet
  fresh.close_date = Date{std::chrono::year{2024} / January / 31};
  HealthFeatures features = fresh;
  features.buyer_replied = true;
  features.days_since_reply = 19.6;
  features.unanswered_messages = 3;
  features.close_date_pushes = 2;
  features.deal_age_days = 5;  // too young to judge threading, seniority and meetings
  HealthModel rules = HealthModel::rules();
  EXPECT_DOUBLE_EQ(rules.points(fresh), 100);
  EXPECT_DOUBLE_EQ(rules.points(features), 100 - 20 - 5 - 10);

  std::vector<HealthReason> reasons = explain_change(rules, fresh, features);
  ASSERT_EQ(reasons.size(), 3u) << "the deal's age moved nothing";
  EXPECT_EQ(reasons[0].text, "days since the buyer last replied rose from 0 to 19");
  EXPECT_DOUBLE_EQ(reasons[0].effect, -20);
  EXPECT_EQ(reasons[0].feature, "days_since_reply");
  EXPECT_EQ(reasons[1].text, "close date pushes rose from 0 to 2, now 2024-01-31");
  EXPECT_DOUBLE_EQ(reasons[1].effect, -10);
  EXPECT_EQ(reasons[2].text, "messages to the buyer without a reply rose from 0 to 3");
  EXPECT_DOUBLE_EQ(reasons[2].effect, -5);
  EXPECT_EQ(rules.describe(), "rules");
  EXPECT_FALSE(rules.learned());
  EXPECT_TRUE(rules.follows_directions());
}

TEST(RulesModel, JudgesThreadingSeniorityAndMeetingsOnceTheDealIsTwoWeeksOld) {
  HealthFeatures young;
  young.deal_age_days = 13;
  young.buyer_contacts_engaged = 1;
  HealthFeatures judged = young;
  judged.deal_age_days = 20;
  HealthModel rules = HealthModel::rules();
  EXPECT_DOUBLE_EQ(rules.points(young), 100);
  EXPECT_DOUBLE_EQ(rules.points(judged), 100 - 10 - 10 - 10);
  std::vector<HealthReason> reasons = explain_change(rules, young, judged);
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0].text, "the deal's age rose from 13 to 20 days");
  EXPECT_DOUBLE_EQ(reasons[0].effect, -30);

  HealthFeatures threaded = judged;
  threaded.buyer_contacts_engaged = 2;
  threaded.senior_contact_engaged = 1;
  threaded.senior_contact = "Casey Money (CFO)";
  reasons = explain_change(rules, judged, threaded);
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].text, "buyer contacts engaged in the last 30 days rose from 1 to 2");
  EXPECT_DOUBLE_EQ(reasons[0].effect, 10);
  EXPECT_EQ(reasons[1].text, "a senior contact engaged: Casey Money (CFO)");
  EXPECT_DOUBLE_EQ(reasons[1].effect, 10);
}

TEST(RulesModel, NeverBelowZero) {
  HealthFeatures features;
  features.deal_age_days = 100;
  features.days_since_reply = 90;
  features.unanswered_messages = 9;
  features.days_in_stage = 50;
  features.won_stage_median_days = 10;
  features.close_date_pushes = 6;
  features.amount_decreases = 3;
  features.days_overdue = 40;
  features.close_date = Date{std::chrono::year{2024} / January / 31};
  EXPECT_DOUBLE_EQ(HealthModel::rules().points(features), 0);
}

// The inputs one step apart in one feature, over a grid of deals: the score
// may only move the way the feature's declared direction says.
void expect_follows_directions(const HealthModel& model) {
  const double kSteps[kHealthFeatureCount] = {3, 1, 1, 1, 1, 0.25, 1, 1, 0.25, 5, 4};
  for (int deal = 0; deal < 200; ++deal) {
    HealthVector inputs{};
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
      inputs[i] = kSteps[i] * double((deal * 7 + int(i) * 13) % (i == 3 ? 2 : 9));
    inputs[std::size_t(HealthFeature::milestone_ratio)] =
        std::min(inputs[std::size_t(HealthFeature::milestone_ratio)], 1.0);
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i) {
      HealthVector more = inputs;
      more[i] += kSteps[i];
      double moved = model.points(more) - model.points(inputs);
      SCOPED_TRACE(std::string(to_string(health_feature(i))) + " from " +
                   std::to_string(inputs[i]));
      if (health_direction(health_feature(i)) == HealthDirection::raises)
        EXPECT_GE(moved, 0);
      else
        EXPECT_LE(moved, 0);
    }
  }
}

TEST(RulesModel, FollowTheDeclaredDirections) { expect_follows_directions(HealthModel::rules()); }

TEST(HealthDirections, MoreEngagementNeverLowersTheScoreAndMoreDelayNeverRaisesIt) {
  for (auto feature : {HealthFeature::buyer_contacts_engaged, HealthFeature::senior_contact_engaged,
                       HealthFeature::recent_meetings, HealthFeature::milestone_ratio})
    EXPECT_EQ(health_direction(feature), HealthDirection::raises) << to_string(feature);
  for (auto feature :
       {HealthFeature::days_since_reply, HealthFeature::unanswered_messages,
        HealthFeature::stage_time_beyond_median, HealthFeature::close_date_pushes,
        HealthFeature::amount_decreases, HealthFeature::days_overdue, HealthFeature::deal_age_days})
    EXPECT_EQ(health_direction(feature), HealthDirection::lowers) << to_string(feature);
}

TEST(ChangeWords, SayWhatChangedFromWhatToWhat) {
  HealthFeatures before;
  before.recent_meetings = 3;
  before.stage = "Qualification";
  before.days_in_stage = 25.5;
  before.won_stage_median_days = 10;
  before.milestones_defined = 2;
  before.milestones_attained = 2;
  HealthFeatures after = before;
  after.recent_meetings = 2;
  after.days_in_stage = 26.2;
  HealthModel rules = HealthModel::rules();
  auto text_of = [&](const HealthFeatures& from, const HealthFeatures& to, HealthFeature feature) {
    for (const auto& reason : explain_change(rules, from, to))
      if (reason.feature == to_string(feature)) return reason.text;
    return std::string("(no reason)");
  };
  HealthFeatures judged_before = before, judged_after = after;
  judged_before.deal_age_days = judged_after.deal_age_days = 20;
  judged_after.recent_meetings = 0;
  EXPECT_EQ(text_of(judged_before, judged_after, HealthFeature::recent_meetings),
            "meetings with the buyer in the last 30 days fell from 3 to 0");
  after.days_in_stage = 30;  // 3x the median: another step of the rules
  EXPECT_EQ(text_of(before, after, HealthFeature::stage_time_beyond_median),
            "days in Qualification rose from 25 to 30, won deals' median is 10");
  HealthFeatures next_stage = after;
  next_stage.stage = "Needs Analysis";
  next_stage.days_in_stage = 1;
  next_stage.won_stage_median_days = 12;
  next_stage.milestones_defined = 4;
  next_stage.milestone_ratio = 0.5;
  EXPECT_EQ(text_of(after, next_stage, HealthFeature::stage_time_beyond_median),
            "time in the stage fell from 3.0× won deals' median in Qualification to within won "
            "deals' median in Needs Analysis");
  EXPECT_EQ(text_of(after, next_stage, HealthFeature::milestone_ratio),
            "milestones attained fell from 2 of 2 to 2 of 4");
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
  EXPECT_EQ(silence.changes[0].text, "days since the buyer last replied rose from 4 to 7");
  EXPECT_DOUBLE_EQ(silence.changes[0].effect, -10);
  EXPECT_EQ(silence.changes[0].evidence, (std::vector<Id>{"email-1"}));

  // The reasons of a point: what moved the score since the first touch.
  const HealthPoint& last = report.health.back();
  EXPECT_TRUE(report.health.front().reasons.empty());
  const HealthReason* reply = reason_about(last.reasons, "days_since_reply");
  ASSERT_NE(reply, nullptr);
  EXPECT_EQ(reply->text, "days since the buyer last replied rose from 0 to 19");
  EXPECT_DOUBLE_EQ(reply->effect, -20);
  EXPECT_EQ(reply->evidence, (std::vector<Id>{"email-1"}));
  // Alone, turning two weeks old costs a fresh deal 35 points: no contact
  // engaged, no senior, no meeting. The one contact who replied moved nothing
  // alone: the rules did not judge contacts at the first touch.
  const HealthReason* age = reason_about(last.reasons, "deal_age_days");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->text, "the deal's age rose from 0 to 20 days");
  EXPECT_DOUBLE_EQ(age->effect, -35);
  EXPECT_TRUE(age->evidence.empty());
  EXPECT_EQ(reason_about(last.reasons, "buyer_contacts_engaged"), nullptr);
  EXPECT_EQ(last.reasons.size(), 3u);  // age, silence, unanswered messages

  const HealthPoint& second_message = report.health[4];
  ASSERT_EQ(second_message.changes.size(), 1u);
  EXPECT_EQ(second_message.changes[0].text,
            "messages to the buyer without a reply rose from 1 to 2");
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
  EXPECT_EQ(reply->changes[0].text, "days since the buyer last replied fell from 7 to 0");
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

Timestamp halfway_through(const OpportunitySnapshot& deal) {
  return *deal.opportunity.created_at + (*deal.closed_at - *deal.opportunity.created_at) / 2;
}

TEST(LearnedModel, LearnsTheFeatureThatSeparatesWonFromLost) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = synthetic_closed_deals(40);
  WonCohort cohort(settings.stages);
  for (const auto& deal : deals) cohort.add(deal);
  auto examples = training_examples(deals, cohort, settings);
  ASSERT_EQ(examples.size(), 80u);
  HealthModel model = train_health_model(examples);
  EXPECT_TRUE(model.learned());
  EXPECT_TRUE(model.follows_directions());
  EXPECT_EQ(model.describe(),
            "gradient-boosted trees with monotone constraints, learned from 80 closed deals");

  std::vector<double> won_scores;
  std::vector<double> lost_scores;
  for (const auto& example : examples)
    (example.won ? won_scores : lost_scores).push_back(model.points(example.inputs));
  EXPECT_GT(area_under_curve(won_scores, lost_scores).value(), 0.99);

  ASSERT_TRUE(deals[0].opportunity.outcome == Outcome::won);
  HealthFeatures won = features_at(deals[0], halfway_through(deals[0]), cohort, settings);
  HealthFeatures lost = features_at(deals[1], halfway_through(deals[1]), cohort, settings);
  EXPECT_GT(model.points(won), 70);
  EXPECT_LT(model.points(lost), 30);
  std::vector<HealthReason> reasons = explain_change(model, won, lost);
  ASSERT_FALSE(reasons.empty());
  for (const auto& reason : reasons) EXPECT_LT(reason.effect, 0) << reason.text;
  const HealthReason* silence = reason_about(reasons, "days_since_reply");
  ASSERT_NE(silence, nullptr);
  EXPECT_EQ(silence->text, "days since the buyer last replied rose from " +
                               std::to_string(int(won.days_since_reply)) + " to " +
                               std::to_string(int(lost.days_since_reply)));
}

TEST(LearnedModel, NeedsThirtyDealsOfEachOutcome) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = synthetic_closed_deals(30);
  auto examples = training_examples(deals, WonCohort(), settings);
  EXPECT_TRUE(train_health_model(examples).learned());
  examples.erase(examples.begin());  // one won deal fewer
  HealthModel fallback = train_health_model(examples);
  EXPECT_FALSE(fallback.learned());
  EXPECT_EQ(fallback.describe(), "rules");
}

double logistic(double log_odds) { return 1 / (1 + std::exp(-log_odds)); }

// `per_cell` examples for each number of days since the reply (0..29) and of
// meetings (0..4), of which exactly round(per_cell x p) are won, where
// p = logistic(log_odds(days, meetings)): the true chance is known.
template <typename LogOdds>
std::vector<HealthExample> examples_with_known_odds(LogOdds log_odds, int per_cell) {
  std::vector<HealthExample> examples;
  for (int days = 0; days < 30; ++days)
    for (int meetings = 0; meetings < 5; ++meetings) {
      HealthFeatures features;
      features.days_since_reply = days;
      features.recent_meetings = meetings;
      int won = int(std::lround(per_cell * logistic(log_odds(days, meetings))));
      for (int i = 0; i < per_cell; ++i) examples.push_back({features.values(), i < won});
    }
  return examples;
}

HealthVector inputs_with(int days_since_reply, int meetings) {
  HealthFeatures features;
  features.days_since_reply = days_since_reply;
  features.recent_meetings = meetings;
  return features.values();
}

TEST(LearnedModel, ScoresAreCalibratedProbabilitiesOfWinning) {
  auto log_odds = [](int days, int meetings) { return 2 - 0.25 * days + 0.3 * meetings; };
  HealthModel model = train_health_model(examples_with_known_odds(log_odds, 40));
  ASSERT_TRUE(model.learned());
  for (int days : {0, 6, 12, 20, 28})
    for (int meetings : {0, 2, 4}) {
      SCOPED_TRACE(std::to_string(days) + " days, " + std::to_string(meetings) + " meetings");
      EXPECT_NEAR(model.points(inputs_with(days, meetings)),
                  100 * logistic(log_odds(days, meetings)), 4);
    }
}

// Here more meetings go with losing, as they might in a small or odd sample:
// the constrained model may not learn that, the unconstrained one does.
TEST(LearnedModel, ConstrainedTreesCannotLearnThatMeetingsHurt) {
  auto log_odds = [](int days, int meetings) { return 2 - 0.2 * days - 0.8 * meetings; };
  auto examples = examples_with_known_odds(log_odds, 20);
  HealthModel constrained = train_health_model(examples, Monotonicity::constrained);
  HealthModel unconstrained = train_health_model(examples, Monotonicity::unconstrained);
  ASSERT_TRUE(constrained.learned());
  ASSERT_TRUE(unconstrained.learned());
  EXPECT_FALSE(unconstrained.follows_directions());
  EXPECT_LT(unconstrained.points(inputs_with(5, 4)), unconstrained.points(inputs_with(5, 0)) - 20);
  EXPECT_GE(constrained.points(inputs_with(5, 4)), constrained.points(inputs_with(5, 0)));
  expect_follows_directions(constrained);
}

TEST(LearnedModel, SameExamplesGiveTheSameModel) {
  auto log_odds = [](int days, int meetings) { return 1 - 0.1 * days + 0.2 * meetings; };
  auto examples = examples_with_known_odds(log_odds, 10);
  EXPECT_EQ(train_health_model(examples).save(), train_health_model(examples).save());
}

TEST(SavedHealthModel, ScoresExactlyAsTheModelThatWasSaved) {
  auto log_odds = [](int days, int meetings) { return 1.5 - 0.15 * days + 0.4 * meetings; };
  HealthModel model = train_health_model(examples_with_known_odds(log_odds, 10));
  ASSERT_TRUE(model.learned());
  std::string bytes = model.save();
  auto loaded = HealthModel::load(bytes);
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_TRUE(loaded->learned());
  EXPECT_TRUE(loaded->follows_directions());
  EXPECT_EQ(loaded->describe(), model.describe());
  EXPECT_EQ(loaded->save(), bytes);

  // Inputs the trees never saw as well as ones they did, every feature varied.
  std::vector<HealthVector> inputs;
  for (int row = 0; row < 500; ++row) {
    HealthVector vector{};
    for (std::size_t i = 0; i < kHealthFeatureCount; ++i)
      vector[i] = double((row * 31 + int(i) * 17) % 40) / (i == 8 ? 40 : 1);
    inputs.push_back(vector);
  }
  std::vector<double> expected = model.points(inputs);
  std::vector<double> actual = loaded->points(inputs);
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(actual[i], expected[i]) << i;
  EXPECT_EQ(loaded->points(inputs[7]), expected[7]) << "one row alone scores as in a batch";
}

// Reports are analysed on several threads with one model.
TEST(LearnedModel, ScoresTheSameFromSeveralThreadsAtOnce) {
  auto log_odds = [](int days, int meetings) { return 1.5 - 0.15 * days + 0.4 * meetings; };
  HealthModel model = train_health_model(examples_with_known_odds(log_odds, 10));
  ASSERT_TRUE(model.learned());
  std::vector<HealthVector> inputs;
  for (int row = 0; row < 300; ++row) inputs.push_back(inputs_with(row % 30, row % 5));
  const std::vector<double> expected = model.points(inputs);
  std::atomic<int> mismatches = 0;
  std::vector<std::thread> threads;
  for (int thread = 0; thread < 4; ++thread)
    threads.emplace_back([&] {
      for (int round = 0; round < 50; ++round)
        if (model.points(inputs) != expected) ++mismatches;
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(SavedHealthModel, TheRulesComeBackAsTheRules) {
  auto loaded = HealthModel::load(HealthModel::rules().save());
  ASSERT_TRUE(loaded) << loaded.error().message;
  EXPECT_FALSE(loaded->learned());
  EXPECT_EQ(loaded->points(inputs_with(20, 0)), HealthModel::rules().points(inputs_with(20, 0)));
}

TEST(SavedHealthModel, OtherFormatsFeaturesAndDamagedBytesAreRefused) {
  auto log_odds = [](int days, int meetings) { return 1 - 0.1 * days + 0.2 * meetings; };
  std::string bytes = train_health_model(examples_with_known_odds(log_odds, 10)).save();
  auto replaced = [&](std::string_view from, std::string_view to) {
    std::string changed = bytes;
    changed.replace(changed.find(from), from.size(), to);
    return changed;
  };
  auto refused = [](const std::string& damaged) {
    auto loaded = HealthModel::load(damaged);
    return !loaded && loaded.error().message.find("cannot be read") != std::string::npos;
  };
  EXPECT_TRUE(refused(replaced("rearview health model 1", "rearview health model 2")));
  EXPECT_TRUE(refused(replaced("recent_meetings", "shoe_size")));
  EXPECT_TRUE(refused(replaced("kind constrained", "kind clairvoyant")));
  EXPECT_TRUE(refused(replaced("examples ", "examples x")));
  EXPECT_TRUE(refused(bytes.substr(0, bytes.size() - 10)));
  EXPECT_TRUE(refused(bytes + "more"));
  std::string scrambled = bytes;
  for (std::size_t i = scrambled.size() - 200; i < scrambled.size(); ++i) scrambled[i] = 'x';
  EXPECT_TRUE(refused(scrambled));
  EXPECT_TRUE(refused(""));
}

TEST(Evaluation, HoldsOutDealsDeterministicallyAndMeasuresAllThreeScores) {
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
  for (const HealthMeasure* measure :
       {&evaluation.rules, &evaluation.unconstrained, &evaluation.constrained}) {
    ASSERT_TRUE(measure->auc.has_value());
    ASSERT_TRUE(measure->brier.has_value());
    EXPECT_GE(*measure->auc, 0.5);
    EXPECT_LE(*measure->auc, 1);
    EXPECT_GE(*measure->brier, 0);
    EXPECT_LE(*measure->brier, 1);
  }
  EXPECT_GT(*evaluation.constrained.auc, 0.95);
  EXPECT_LT(*evaluation.constrained.brier, 0.1) << "the deals are easy to tell apart";
  EXPECT_EQ(evaluation.learned_model,
            "gradient-boosted trees with monotone constraints, "
            "learned from " +
                std::to_string(evaluation.training_deals) + " closed deals");

  HealthEvaluation again = evaluate(deals, settings, 0.3, 42);
  EXPECT_EQ(again.holdout_deals, evaluation.holdout_deals);
  EXPECT_EQ(again.constrained.auc, evaluation.constrained.auc);
  EXPECT_EQ(again.constrained.brier, evaluation.constrained.brier);
  HealthEvaluation other_seed = evaluate(deals, settings, 0.3, 43);
  EXPECT_NE(other_seed.holdout_won * 1000 + other_seed.holdout_deals,
            evaluation.holdout_won * 1000 + evaluation.holdout_deals);
}

// Every won deal hears back every three days and closes on day 60; every
// lost one goes silent after day 1 and closes on day 80. Halfway, the rules
// give each won deal 100 - 10 (one contact) - 10 (no senior) - 10 (no
// meeting) = 70, and each lost one 100 - 30 (silent for 39 days) - 10 (13
// messages unanswered) - 15 (no contact engaged) - 10 - 10 = 25.
std::vector<OpportunitySnapshot> deals_the_rules_score_70_and_25(int per_outcome) {
  std::vector<OpportunitySnapshot> deals;
  for (int i = 0; i < 2 * per_outcome; ++i) {
    bool won = i % 2 == 0;
    SnapshotBuilder builder("deal-" + std::to_string(i), kCreated + std::chrono::days{i});
    builder.contact("alex", "Alex Buyer").stage("Qualification", 0).email_from("alex", 1);
    int length = won ? 60 : 80;
    for (int day = 2; day < length; day += 3) {
      builder.email_to("alex", day);
      if (won) builder.email_from("alex", day + 1);
    }
    won ? builder.won(length) : builder.lost(length);
    deals.push_back(builder.build());
  }
  return deals;
}

TEST(Evaluation, TheBrierScoreIsTheMeanSquaredErrorOfTheScoreAsAProbability) {
  AnalysisSettings settings = default_analysis_settings();
  auto deals = deals_the_rules_score_70_and_25(20);
  for (const auto& deal : deals)
    ASSERT_DOUBLE_EQ(
        HealthModel::rules().points(health_example(deal, WonCohort(), settings)->inputs),
        deal.opportunity.outcome == Outcome::won ? 70 : 25);
  HealthEvaluation evaluation = evaluate(deals, WonCohort(), settings, 0.5, 1);
  ASSERT_TRUE(evaluation.rules.brier.has_value());
  double won = double(evaluation.holdout_won);
  double lost = double(evaluation.holdout_deals - evaluation.holdout_won);
  EXPECT_DOUBLE_EQ(*evaluation.rules.brier, (won * 0.3 * 0.3 + lost * 0.25 * 0.25) / (won + lost));
  EXPECT_DOUBLE_EQ(*evaluation.rules.auc, 1);
  const auto& bands = evaluation.rules.bands;
  EXPECT_EQ(bands[7].deals, evaluation.holdout_won);
  EXPECT_DOUBLE_EQ(bands[7].mean_score, 70);
  EXPECT_DOUBLE_EQ(bands[7].won_share, 1);
  EXPECT_EQ(bands[2].deals, evaluation.holdout_deals - evaluation.holdout_won);
  EXPECT_DOUBLE_EQ(bands[2].won_share, 0);
  EXPECT_EQ(bands[0].deals + bands[9].deals, 0);
}

TEST(Evaluation, WithoutEnoughTrainingDealsOnlyTheRulesAreMeasured) {
  AnalysisSettings settings = default_analysis_settings();
  HealthEvaluation evaluation = evaluate(synthetic_closed_deals(20), WonCohort(), settings, 0.5, 1);
  EXPECT_FALSE(evaluation.constrained.auc.has_value());
  EXPECT_FALSE(evaluation.unconstrained.brier.has_value());
  EXPECT_TRUE(evaluation.learned_model.empty());
  EXPECT_TRUE(evaluation.rules.auc.has_value());
  EXPECT_TRUE(evaluation.rules.brier.has_value());
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
  EXPECT_EQ(health_feature(5), HealthFeature::stage_time_beyond_median);
  EXPECT_EQ(to_string(HealthFeature::deal_age_days), "deal_age_days");
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
