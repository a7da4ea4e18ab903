// Each tell fires and clears at exact moments; the descriptions carry the facts.
#include <gtest/gtest.h>

#include <algorithm>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

using std::chrono::April;
using std::chrono::January;
using std::chrono::July;
using std::chrono::June;
using std::chrono::March;

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / January / 1}};

class TellsTest : public ::testing::Test {
 protected:
  TellsTest() {
    settings_.stages = default_stages();
    builder_.stage("Prospecting", 0)
        .contact("alex", "Alex Buyer", "Engineer")
        .contact("bo", "Bo Buyer", "Analyst");
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

TEST_F(TellsTest, NoActivityFiresAfterTheQuietDaysAndClearsAtTheNextInteraction) {
  builder_.email_to("alex", 1)
      .email_from("alex", 3)
      .note(10, "internal notes are not activity")
      .meeting({"alex"}, 30);
  auto found = tells("no_activity", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(17));
  EXPECT_EQ(found[0].cleared_at, day(30));
  EXPECT_EQ(found[0].description, "no activity with the buyer for 27 days after 2024-01-04");
  EXPECT_EQ(found[0].evidence, (std::vector<Id>{"email-2", "meeting-4"}));
  EXPECT_FALSE(found[0].days_before_close.has_value());
}

TEST_F(TellsTest, NoActivityCountsFromTheFirstTouchWhenNothingHappened) {
  auto found = tells("no_activity", 20);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(14));
  EXPECT_FALSE(found[0].cleared_at.has_value());
  EXPECT_EQ(found[0].description, "no activity with the buyer for 20 days from the first touch");
}

TEST_F(TellsTest, GhostedClearsOnTheReplyAndCanFireAgain) {
  builder_.email_from("alex", 1)
      .email_to("alex", 2)
      .email_to("alex", 5)
      .email_to("alex", 9)
      .email_from("alex", 21)
      .email_to("alex", 22)
      .email_to("alex", 23);
  auto found = tells("ghosted", 40);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].first_fired_at, day(12));  // 10 days after the first unanswered message
  EXPECT_EQ(found[0].cleared_at, day(21));
  EXPECT_EQ(found[0].description, "no reply from the buyer for 19 days after 3 messages");
  EXPECT_EQ(found[0].evidence, (std::vector<Id>{"email-2", "email-3", "email-4", "email-5"}));
  EXPECT_EQ(found[1].first_fired_at, day(32));
  EXPECT_FALSE(found[1].cleared_at.has_value());
  EXPECT_EQ(found[1].description, "no reply from the buyer for 18 days after 2 messages");
}

TEST_F(TellsTest, GhostedNeedsEnoughUnansweredMessages) {
  builder_.email_from("alex", 1).email_to("alex", 2);
  EXPECT_TRUE(tells("ghosted", 40).empty());
  settings_.tells.ghosted_unanswered = 1;
  EXPECT_EQ(tells("ghosted", 40).at(0).first_fired_at, day(12));
}

TEST_F(TellsTest, AMeetingCountsAsTheBuyerAnswering) {
  builder_.email_to("alex", 2).email_to("alex", 5).meeting({"alex"}, 8);
  EXPECT_TRUE(tells("ghosted", 30).empty());
}

TEST_F(TellsTest, SingleThreadedWhileOnlyOneContactEngagesInTheWindow) {
  builder_.meeting({"alex"}, 5)
      .email_from("bo", 10)
      .meeting({"alex"}, 20)
      .meeting({"alex"}, 40)
      .email_from("bo", 50);
  auto found = tells("single_threaded", 60);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(40));  // Bo's reply of day 10 left the 30-day window
  EXPECT_EQ(found[0].cleared_at, day(50));
  EXPECT_EQ(
      found[0].description,
      "only one buyer contact engaged in the 30 days before 2024-02-10: Alex Buyer (Engineer); "
      "it stayed so for 10 days");
}

TEST_F(TellsTest, BeingWrittenToIsNotEngaging) {
  builder_.meeting({"alex"}, 20).email_to("bo", 25).email_to("bo", 26);
  auto found = tells("single_threaded", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(30));  // as soon as the deal is 30 days old
}

TEST_F(TellsTest, NoSeniorContactFromTheLineInTheSandUntilOneEngages) {
  builder_.contact("casey", "Casey Money", "Chief Financial Officer")
      .email_from("alex", 3)
      .stage("Qualification", 5)
      .stage("Value Proposition", 10)
      .stage("Id. Decision Makers", 20)
      .meeting({"casey"}, 25);
  auto found = tells("no_senior_contact", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(10));
  EXPECT_EQ(found[0].cleared_at, day(25));
  EXPECT_EQ(found[0].description,
            "no decision maker or senior contact engaged when the deal reached Value Proposition; "
            "Casey Money (Chief Financial Officer) engaged on 2024-01-26, 15 days later");
  EXPECT_EQ(found[0].evidence, (std::vector<Id>{"stage-2", "meeting-2"}));
}

TEST_F(TellsTest, NoSeniorContactAlsoFiresWhenTheLineIsSkipped) {
  builder_.stage("Perception Analysis", 8);
  auto found = tells("no_senior_contact", 20);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(8));
  EXPECT_EQ(
      found[0].description,
      "no decision maker or senior contact engaged when the deal reached Perception Analysis; "
      "none in the 12 days after");
}

TEST_F(TellsTest, SeniorityComesFromContactRolesOrWholeTitleWords) {
  builder_.contact("hq", "Hal Quarters", "Headquarters Liaison")
      .contact("eb", "Eve Buyer", "Manager", {"Economic Buyer"})
      .stage("Value Proposition", 5)
      .meeting({"hq"}, 6)
      .meeting({"eb"}, 9);
  auto found = tells("no_senior_contact", 20);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].cleared_at, day(9));  // "Headquarters" does not contain the word "head"
}

TEST_F(TellsTest, CloseDatePushedFiresAtTheKthPush) {
  auto date = [](std::chrono::month month, unsigned day) {
    return Date{std::chrono::year{2024} / month / std::chrono::day{day}};
  };
  builder_.close_date(date(March, 31))
      .close_date_change(10, date(March, 31), date(April, 30))
      .close_date_change(20, date(April, 30), date(April, 15))  // pulled in: not a push
      .close_date_change(30, date(April, 15), date(June, 30))
      .close_date_change(40, date(June, 30), date(July, 31));
  auto found = tells("close_date_pushed", 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(30));
  EXPECT_FALSE(found[0].cleared_at.has_value());
  EXPECT_EQ(
      found[0].description,
      "close date pushed a second time, now 2024-06-30; 3 pushes in all, the last to 2024-07-31");
  EXPECT_EQ(found[0].evidence.size(), 3u);

  settings_.tells.close_date_pushes = 3;
  found = tells("close_date_pushed", 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(40));
  EXPECT_EQ(found[0].description, "close date pushed a third time, now 2024-07-31");
}

TEST_F(TellsTest, StalledWhenAStayExceedsTheFactorTimesTheWonMedian) {
  cohort_ = WonCohort(default_stages());
  for (double days : {10.0, 12.0, 14.0}) {
    SnapshotBuilder won("won", kCreated);
    won.stage("Qualification", 0).stage("Needs Analysis", days).won(days + 5);
    cohort_.add(won.build());
  }
  builder_.stage("Qualification", 5).stage("Needs Analysis", 46);
  auto found = tells("stalled", 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(29));  // 5 + 2 x 12
  EXPECT_EQ(found[0].cleared_at, day(46));
  EXPECT_EQ(found[0].description, "41 days in Qualification, won deals' median is 12");
  EXPECT_EQ(found[0].evidence, (std::vector<Id>{"stage-1"}));
}

TEST_F(TellsTest, CloseDateOverdueOnAnOpenDeal) {
  builder_.close_date(Date{std::chrono::year{2024} / January / 31});
  auto found = tells("close_date_overdue", 45);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(31));  // the close date's day is over
  EXPECT_FALSE(found[0].cleared_at.has_value());
  EXPECT_EQ(found[0].description, "15 days past the close date of 2024-01-31");
}

TEST_F(TellsTest, CloseDateOverdueClearsWhenTheDateMoves) {
  Date january_31{std::chrono::year{2024} / January / 31};
  builder_.close_date(january_31)
      .close_date_change(40, january_31, Date{std::chrono::year{2024} / March / 31});
  auto found = tells("close_date_overdue", 45);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].cleared_at, day(40));
  EXPECT_EQ(found[0].description,
            "10 days past the close date of 2024-01-31, until it was moved to 2024-03-31");
}

TEST_F(TellsTest, CloseDateOverdueClearsWhenTheDateIsRemoved) {
  Date january_31{std::chrono::year{2024} / January / 31};
  builder_.close_date(january_31).close_date_change(40, january_31, january_31);
  OpportunitySnapshot snapshot = builder_.build();
  snapshot.field_changes.back().new_value = "";
  settings_.as_of = day(45);
  PostmortemReport report = analyze(snapshot, cohort_, HealthModel::rules(), settings_);
  auto overdue = std::find_if(report.tells.begin(), report.tells.end(),
                              [](const Tell& tell) { return tell.kind == "close_date_overdue"; });
  ASSERT_NE(overdue, report.tells.end());
  EXPECT_EQ(overdue->cleared_at, day(40));
  EXPECT_EQ(overdue->description,
            "10 days past the close date of 2024-01-31, until it was removed");
}

TEST_F(TellsTest, CloseDateOverdueOnAClosedDealIsTimeBeforeClosing) {
  builder_.close_date(Date{std::chrono::year{2024} / January / 31}).lost(45);
  auto found = tells("close_date_overdue", 100);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(31));
  EXPECT_FALSE(found[0].cleared_at.has_value());
  EXPECT_EQ(found[0].description, "closed 15 days after the close date of 2024-01-31");
  EXPECT_DOUBLE_EQ(found[0].days_before_close.value(), 14);
}

TEST_F(TellsTest, AmountDecreasedUntilTheAmountRecovers) {
  builder_.amount(50000)
      .amount_change(10, 50000, 30000)
      .amount_change(20, 30000, 20000)
      .amount_change(30, 20000, 50000);
  auto found = tells("amount_decreased", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(10));
  EXPECT_EQ(found[0].cleared_at, day(30));
  EXPECT_EQ(found[0].description, "amount lowered from 50,000 to 30,000 (-40%); later to 20,000");
}

TEST_F(TellsTest, AmountDecreasedOfHugeAmountsDoesNotOverflow) {
  builder_.amount(2e17).amount_change(10, 2e17, 1e17);
  auto found = tells("amount_decreased", 40);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].description,
            "amount lowered from 200,000,000,000,000,000 to 100,000,000,000,000,000 (-50%)");
}

TEST_F(TellsTest, HugeStalledFactorDoesNotOverflowTheTimeItWouldFire) {
  cohort_ = WonCohort(default_stages());
  for (double days : {10.0, 12.0, 14.0}) {
    SnapshotBuilder won("won", kCreated);
    won.stage("Qualification", 0).stage("Needs Analysis", days).won(days + 5);
    cohort_.add(won.build());
  }
  settings_.tells.stalled_factor = 1e300;  // a stay would have to last longer than time
  builder_.stage("Qualification", 5).stage("Needs Analysis", 46);
  EXPECT_TRUE(tells("stalled", 50).empty());
  settings_.tells.stalled_factor = -1e300;  // every stay is longer than that
  auto found = tells("stalled", 50);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].first_fired_at, day(5));
}

TEST_F(TellsTest, NoNextMeetingAfterTheQuietDays) {
  builder_.meeting({"alex"}, 2).email_from("alex", 10).meeting({"alex"}, 40);
  auto found = tells("no_next_meeting", 50);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(23));
  EXPECT_EQ(found[0].cleared_at, day(40));
  EXPECT_EQ(found[0].description, "no meeting with the buyer for 38 days after 2024-01-03");
}

TEST_F(TellsTest, AScheduledMeetingAfterAsOfDoesNotCountYet) {
  builder_.meeting({"alex"}, 50);
  auto found = tells("no_next_meeting", 30);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].first_fired_at, day(21));
  EXPECT_FALSE(found[0].cleared_at.has_value());
  EXPECT_EQ(found[0].description, "no meeting with the buyer for 30 days from the first touch");
}

TEST_F(TellsTest, ClosedDealsAreEvaluatedOnlyUntilTheClose) {
  builder_.email_from("alex", 1).lost(10);
  settings_.as_of = day(200);
  PostmortemReport report = analyze(builder_.build(), cohort_, HealthModel::rules(), settings_);
  for (const auto& tell : report.tells) EXPECT_LT(tell.first_fired_at, day(10)) << tell.kind;
}

TEST_F(TellsTest, TellsAreOrderedByWhenTheyFired) {
  builder_.close_date(Date{std::chrono::year{2024} / January / 5}).email_from("alex", 1);
  settings_.as_of = day(60);
  PostmortemReport report = analyze(builder_.build(), cohort_, HealthModel::rules(), settings_);
  ASSERT_GE(report.tells.size(), 3u);
  for (std::size_t i = 1; i < report.tells.size(); ++i)
    EXPECT_LE(report.tells[i - 1].first_fired_at, report.tells[i].first_fired_at);
  EXPECT_EQ(report.tells[0].kind, "close_date_overdue");
}

// The tells the trackers' hits drive: a competitor named, a red flag raised,
// a topic not discussed before the stage that needs it.
class TrackerTellsTest : public TellsTest {
 protected:
  TrackerTellsTest() { settings_.trackers = TrackerSettings::default_trackers(); }
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
