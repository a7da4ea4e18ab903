// The tells the trackers' hits drive: a competitor named, a red flag raised,
// a topic not discussed before the stage that needs it.
#include <gtest/gtest.h>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} /
                                                           std::chrono::January / 1}};

class TrackerTellsTest : public ::testing::Test {
 protected:
  TrackerTellsTest() {
    settings_.stages = default_stages();
    settings_.trackers = TrackerSettings::default_trackers();
    builder_.stage("Prospecting", 0).contact("alex", "Alex Buyer", "Engineer");
  }

  std::vector<Tell> tells(const std::string& kind, double as_of_day) {
    settings_.as_of = builder_.day(as_of_day);
    PostmortemReport report = analyze(builder_.build(), cohort_, HealthModel::rules(), settings_);
    std::vector<Tell> found;
    for (const auto& tell : report.tells)
      if (tell.kind == kind) found.push_back(tell);
    return found;
  }

  Timestamp day(double days) const { return builder_.day(days); }

  AnalysisSettings settings_;
  WonCohort cohort_;
  SnapshotBuilder builder_{"deal", kCreated};
};

TEST_F(TrackerTellsTest, ACompetitorNamedFiresAtTheFirstMentionAndStays) {
  builder_.email_to("alex", 1)
      .email_from("alex", 5)
      .tracked("competitors", "Zeta Corp")
      .email_from("alex", 9)
      .tracked("competitors", "competitor")
      .tracked("competitors", "Zeta Corp");
  auto found = tells("competitor_named", 30);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(5));
  EXPECT_FALSE(found[0].cleared_at);
  EXPECT_EQ(found[0].description,
            "a competitor was named: \"Zeta Corp\", the buyer in the e-mail of 2024-01-06; "
            "later \"competitor\"");
  EXPECT_EQ(found[0].evidence, (std::vector<Id>{"email-2", "email-3"}));
}

TEST_F(TrackerTellsTest, ARedFlagFiresOnlyForARedFlagTracker) {
  builder_.email_from("alex", 3).tracked("pricing", "price").tracked("budget", "budget");
  EXPECT_TRUE(tells("red_flag", 30).empty());
  builder_.email_from("alex", 12).tracked("red flags", "too expensive");
  auto found = tells("red_flag", 30);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(12));
  EXPECT_EQ(found[0].description,
            "a red flag was raised: \"too expensive\", the buyer in the e-mail of 2024-01-13");
}

TEST_F(TrackerTellsTest, AHitOfATrackerNoLongerConfiguredIsIgnored) {
  builder_.email_from("alex", 3).tracked("old flags", "too expensive");
  EXPECT_TRUE(tells("red_flag", 30).empty());
  settings_.trackers.clear();
  builder_.email_from("alex", 4).tracked("red flags", "too expensive");
  EXPECT_TRUE(tells("red_flag", 30).empty());
}

TEST_F(TrackerTellsTest, PricingNotDiscussedBeforeTheLateStageFiresThereAndClearsWhenItIs) {
  // Default stages: the late stage is Proposal/Price Quote, the first at 75%.
  builder_.email_to("alex", 1)
      .stage("Qualification", 5)
      .stage("Proposal/Price Quote", 20)
      .email_from("alex", 25)
      .tracked("pricing", "discount");
  auto found = tells("topic_not_discussed", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(20));
  EXPECT_EQ(found[0].cleared_at, day(25));
  EXPECT_EQ(found[0].description,
            "pricing never discussed before Proposal/Price Quote (first on 2024-01-26, 5 days "
            "after it was reached)");
  EXPECT_EQ(found[0].evidence.back(), "email-2");
}

TEST_F(TrackerTellsTest, PricingDiscussedEarlyKeepsTheTellQuiet) {
  builder_.email_from("alex", 3)
      .tracked("pricing", "price", SaidBy::ours)
      .stage("Proposal/Price Quote", 20);
  EXPECT_TRUE(tells("topic_not_discussed", 40).empty());
}

TEST_F(TrackerTellsTest, AStageReachedBySkippingItCountsAsReached) {
  builder_.email_to("alex", 1).stage("Negotiation/Review", 10);
  auto found = tells("topic_not_discussed", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(10));
  EXPECT_EQ(found[0].description, "pricing never discussed before Proposal/Price Quote");
}

TEST_F(TrackerTellsTest, NoTopicTellBeforeTheStageIsReached) {
  builder_.email_to("alex", 1).stage("Qualification", 5);
  EXPECT_TRUE(tells("topic_not_discussed", 40).empty());
}

TEST_F(TrackerTellsTest, AnExpectedStageCanBeNamed) {
  for (auto& tracker : settings_.trackers)
    if (tracker.name == "security review") tracker.expected_before = "Negotiation/Review";
  builder_.email_to("alex", 1)
      .email_from("alex", 2)
      .tracked("pricing", "price")
      .stage("Negotiation/Review", 10);
  auto found = tells("topic_not_discussed", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(10));
  EXPECT_FALSE(found[0].cleared_at);
  EXPECT_EQ(found[0].description, "security review never discussed before Negotiation/Review");
}

}  // namespace
}  // namespace rearview
