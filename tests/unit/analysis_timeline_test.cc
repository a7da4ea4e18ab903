// The timeline: every item in order, stamped with its stage, with unique ids.
#include <gtest/gtest.h>

#include <set>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

using std::chrono::April;
using std::chrono::January;
using std::chrono::March;

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / January / 1}};

PostmortemReport report_of(const OpportunitySnapshot& snapshot, Timestamp as_of) {
  AnalysisSettings settings{.stages = default_stages(), .as_of = as_of};
  settings.stages[1].milestones.push_back(
      MilestoneDefinition{.key = "budget", .label = "Budget confirmed"});
  return analyze(snapshot, WonCohort(settings.stages), HealthModel::rules(), settings);
}

const TimelineItem& item_with_id(const PostmortemReport& report, const std::string& id) {
  for (const auto& item : report.timeline)
    if (item.id == id) return item;
  throw std::runtime_error("no timeline item " + id);
}

std::vector<std::string> kinds_of(const PostmortemReport& report) {
  std::vector<std::string> kinds;
  for (const auto& item : report.timeline) kinds.push_back(item.kind);
  return kinds;
}

TEST(Timeline, EverythingInTimeOrderWithCreationFirstAndCloseLastAtEqualTimes) {
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer")
      .email_to("alex", 0, "Intro")
      .stage("Prospecting", 0)
      .stage("Qualification", 10)
      .milestone("Qualification", "budget", 12)
      .amount(50000)
      .amount_change(15, 50000, 40000)
      .close_date(Date{std::chrono::year{2024} / March / 31})
      .close_date_change(16, Date{std::chrono::year{2024} / March / 31},
                         Date{std::chrono::year{2024} / April / 30})
      .call("alex", Direction::outbound, 18)
      .note(19, "Champion is keen")
      .won(20);
  PostmortemReport report = report_of(builder.build(), builder.day(100));
  EXPECT_EQ(kinds_of(report),
            (std::vector<std::string>{"created", "stage", "email", "stage", "milestone", "amount",
                                      "close_date", "call", "note", "stage", "closed"}));
  for (std::size_t i = 1; i < report.timeline.size(); ++i)
    EXPECT_LE(report.timeline[i - 1].at, report.timeline[i].at);
  EXPECT_EQ(report.timeline.back().at, builder.day(20));
  EXPECT_EQ(report.timeline.back().summary, "Closed won");
}

TEST(Timeline, ItemsCarryTheStageOfTheirMomentAndTheirDetail) {
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer", "CTO")
      .stage("Prospecting", 0)
      .email_from("alex", 10, "Budget question")
      .stage("Qualification", 10)
      .email_to("alex", 9.5, "Pricing");
  PostmortemReport report = report_of(builder.build(), builder.day(30));
  const TimelineItem& reply = item_with_id(report, "email-1");
  EXPECT_EQ(reply.stage, "Qualification");  // entered at that very moment
  EXPECT_EQ(reply.direction, "inbound");
  EXPECT_EQ(reply.subject, "Budget question");
  EXPECT_EQ(reply.body, "Thanks, Budget question");
  EXPECT_EQ(reply.summary, "Email from Alex Buyer: Budget question");
  EXPECT_EQ(reply.participants,
            (std::vector<std::string>{"Alex Buyer <alex@buyer.example> (from)",
                                      "Riley Rep <riley@seller.example> (to)"}));
  const TimelineItem& pricing = item_with_id(report, "email-2");
  EXPECT_EQ(pricing.stage, "Prospecting");
  EXPECT_EQ(pricing.summary, "Email to Alex Buyer: Pricing");
}

// A meeting read from a calendar names its organizer as the sender.
TEST(Timeline, AMeetingsSenderIsItsOrganizer) {
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer").stage("Prospecting", 0).meeting({"alex"}, 3, "Demo");
  OpportunitySnapshot snapshot = builder.build();
  for (auto& interaction : snapshot.interactions)
    for (auto& participant : interaction.participants)
      if (participant.role == ParticipantRole::owner) participant.role = ParticipantRole::from;
  PostmortemReport report = report_of(snapshot, builder.day(30));
  const TimelineItem* meeting = nullptr;
  for (const auto& item : report.timeline)
    if (item.kind == "meeting") meeting = &item;
  ASSERT_TRUE(meeting);
  EXPECT_EQ(meeting->participants,
            (std::vector<std::string>{"Alex Buyer <alex@buyer.example> (attendee)",
                                      "Riley Rep <riley@seller.example> (organizer)"}));
}

TEST(Timeline, FieldChangesAppearOnlyWhenRecorded) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Prospecting", 0)
      .amount(50000)
      .close_date(Date{std::chrono::year{2024} / March / 31});
  PostmortemReport report = report_of(builder.build(), builder.day(30));
  EXPECT_EQ(kinds_of(report), (std::vector<std::string>{"created", "stage"}));
  EXPECT_EQ(report.close_date_pushes, 0);

  builder
      .close_date_change(5, Date{std::chrono::year{2024} / March / 31},
                         Date{std::chrono::year{2024} / April / 30})
      .amount_change(6, 50000, 60000);
  report = report_of(builder.build(), builder.day(30));
  ASSERT_EQ(report.timeline.size(), 4u);
  EXPECT_EQ(report.timeline[2].summary,
            "Close date pushed from 2024-03-31 to 2024-04-30 (30 days later)");
  EXPECT_EQ(report.timeline[2].id, "close_date-fc1");
  EXPECT_EQ(report.timeline[3].summary, "Amount raised from 50,000 to 60,000");
  EXPECT_EQ(report.close_date_pushes, 1);
}

TEST(Timeline, MilestonesUseTheCatalogueLabel) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0).milestone("Qualification", "budget", 3);
  PostmortemReport report = report_of(builder.build(), builder.day(30));
  const TimelineItem& milestone = item_with_id(report, "milestone-budget");
  EXPECT_EQ(milestone.summary, "Milestone attained: Budget confirmed");
  EXPECT_EQ(milestone.stage, "Qualification");
}

TEST(Timeline, FirstTouchBeforeCreationStartsTheStoryButNotTheCycle) {
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer").email_to("alex", -5).stage("Prospecting", 0).lost(20);
  PostmortemReport report = report_of(builder.build(), builder.day(100));
  EXPECT_EQ(report.first_touch, builder.day(-5));
  EXPECT_EQ(report.timeline.front().kind, "email");
  EXPECT_EQ(report.timeline.front().stage, "Prospecting");  // the stage it was created in
  EXPECT_EQ(report.cycle_days, 20.0);  // creation to close, as `stats` measures it
  EXPECT_EQ(report.closed_at, builder.day(20));
}

TEST(Timeline, IdsAreUniqueEvenWhenTheCrmRepeatsThem) {
  SnapshotBuilder builder("deal", kCreated);
  builder.contact("alex", "Alex Buyer")
      .stage("Prospecting", 0)
      .email_to("alex", 1)
      .email_to("alex", 2)
      .milestone("Prospecting", "budget", 3)
      .milestone("Prospecting", "budget", 4, "false");
  OpportunitySnapshot snapshot = builder.build();
  snapshot.interactions[1].id = snapshot.interactions[0].id;
  snapshot.interactions.push_back(snapshot.interactions[0]);
  snapshot.interactions.back().id = "closed";
  PostmortemReport report = report_of(snapshot, builder.day(30));
  std::set<std::string> ids;
  for (const auto& item : report.timeline) EXPECT_TRUE(ids.insert(item.id).second) << item.id;
  EXPECT_TRUE(ids.contains("email-1-2"));
  EXPECT_TRUE(ids.contains("milestone-budget-2"));
  EXPECT_EQ(item_with_id(report, "milestone-budget-2").summary, "Milestone taken back: budget");
}

TEST(Timeline, StageSummariesTellSkipsMovesBackAndReopening) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Prospecting", 0)
      .stage("Needs Analysis", 5)
      .stage("Proposal/Price Quote", 15)
      .stage("Qualification", 20)
      .lost(25)
      .reopen("Negotiation/Review", 30);
  PostmortemReport report = report_of(builder.build(), builder.day(40));
  std::vector<std::string> summaries;
  for (const auto& item : report.timeline)
    if (item.kind == "stage") summaries.push_back(item.summary);
  EXPECT_EQ(
      summaries,
      (std::vector<std::string>{
          "Started in Prospecting",
          "Moved forward from Prospecting to Needs Analysis, skipping 1 stage",
          "Moved forward from Needs Analysis to Proposal/Price Quote, skipping 3 stages",
          "Moved back from Proposal/Price Quote to Qualification",
          "Closed Lost (from Qualification)", "Reopened in Negotiation/Review (was Closed Lost)"}));
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

// 400 digits parse as infinity: an amount that no formatter can show.
TEST(Timeline, AnAmountTooLargeForADoubleReadsAsNone) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Prospecting", 0).amount(50000).amount_change(6, 50000, 60000);
  OpportunitySnapshot snapshot = builder.build();
  snapshot.field_changes.back().new_value = std::string(400, '9');
  PostmortemReport report = report_of(snapshot, builder.day(30));
  ASSERT_EQ(report.timeline.size(), 3u);
  EXPECT_EQ(report.timeline[2].summary, "Amount changed from 50,000 to none");
}

}  // namespace
}  // namespace rearview
