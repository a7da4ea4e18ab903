// Stays in stages, the won cohort, and the cycle against won deals.
#include <gtest/gtest.h>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

using std::chrono::January;

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / January / 1}};

struct StayExpectation {
  std::string name;
  double days;
  bool left;
};

void expect_stays(const PostmortemReport& report, const std::vector<StayExpectation>& expected) {
  ASSERT_EQ(report.stages.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE(expected[i].name);
    EXPECT_EQ(report.stages[i].name, expected[i].name);
    EXPECT_DOUBLE_EQ(report.stages[i].days, expected[i].days);
    EXPECT_EQ(report.stages[i].left_at.has_value(), expected[i].left);
  }
}

class StagesTest : public ::testing::Test {
 protected:
  StagesTest() {
    settings_.stages = default_stages();
    cohort_ = WonCohort(settings_.stages);
  }

  PostmortemReport report_of(const SnapshotBuilder& builder, double as_of_day) {
    settings_.as_of = builder.day(as_of_day);
    return analyze(builder.build(), cohort_, HealthModel::rules(), settings_);
  }

  // Three won deals: Qualification 4 + 6 (re-entered), 12 and 20 days;
  // Needs Analysis 5, 5, and skipped by the third.
  void add_won_deals() {
    SnapshotBuilder first("won-1", kCreated);
    first.stage("Qualification", 0).stage("Needs Analysis", 4).stage("Qualification", 9).won(15);
    SnapshotBuilder second("won-2", kCreated);
    second.stage("Qualification", 0).stage("Needs Analysis", 12).won(17);
    SnapshotBuilder third("won-3", kCreated);
    third.stage("Qualification", 0).stage("Value Proposition", 20).won(30);
    for (const auto* builder : {&first, &second, &third}) cohort_.add(builder->build());
  }

  AnalysisSettings settings_;
  WonCohort cohort_;
};

TEST_F(StagesTest, SkippedStagesHaveNoStay) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Prospecting", 0)
      .stage("Needs Analysis", 5)
      .stage("Proposal/Price Quote", 15)
      .lost(20);
  PostmortemReport report = report_of(builder, 100);
  expect_stays(report, {{"Prospecting", 5, true},
                        {"Needs Analysis", 10, true},
                        {"Proposal/Price Quote", 5, true},
                        {"Closed Lost", 0, false}});
  EXPECT_TRUE(report.stages.back().is_closed);
  EXPECT_EQ(report.furthest_stage, "Proposal/Price Quote");
}

TEST_F(StagesTest, MovesBackAndReEntriesAreSeparateStaysAndTheLastRunsToAsOf) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0)
      .stage("Needs Analysis", 4)
      .stage("Qualification", 9)
      .stage("Needs Analysis", 12);
  PostmortemReport report = report_of(builder, 20);
  expect_stays(report, {{"Qualification", 4, true},
                        {"Needs Analysis", 5, true},
                        {"Qualification", 3, true},
                        {"Needs Analysis", 8, false}});
  EXPECT_EQ(report.stages[2].visit, 2);
  EXPECT_EQ(report.stages[2].left_at, builder.day(12));
  EXPECT_EQ(report.stages[3].id, "stage-3");
  EXPECT_EQ(report.furthest_stage, "Needs Analysis");
}

TEST_F(StagesTest, AReopenedDealCountsTheTimeItSpentClosed) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0).lost(10).reopen("Negotiation/Review", 20).won(30);
  PostmortemReport report = report_of(builder, 100);
  expect_stays(report, {{"Qualification", 10, true},
                        {"Closed Lost", 10, true},
                        {"Negotiation/Review", 10, true},
                        {"Closed Won", 0, false}});
  EXPECT_EQ(report.closed_at, builder.day(30));
  EXPECT_EQ(report.furthest_stage, "Negotiation/Review");
  EXPECT_EQ(report.cycle_days, 30.0);
}

TEST_F(StagesTest, AStageWithoutCloseStageRunsToTheCloseOfAClosedDeal) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0).won(10);
  OpportunitySnapshot snapshot = builder.build();
  snapshot.stage_entries.pop_back();  // an incomplete history
  settings_.as_of = builder.day(100);
  PostmortemReport report = analyze(snapshot, cohort_, HealthModel::rules(), settings_);
  ASSERT_EQ(report.stages.size(), 1u);
  EXPECT_DOUBLE_EQ(report.stages[0].days, 10);
}

TEST_F(StagesTest, WonCohortSumsStaysPerStageAndIgnoresSkippedStages) {
  add_won_deals();
  auto qualification = cohort_.stage("Qualification");
  ASSERT_TRUE(qualification.has_value());
  EXPECT_EQ(qualification->deals, 3);
  EXPECT_DOUBLE_EQ(qualification->median_days, 12);
  EXPECT_DOUBLE_EQ(qualification->p25_days, 11);
  EXPECT_DOUBLE_EQ(qualification->p75_days, 16);
  auto needs_analysis = cohort_.stage("Needs Analysis");
  ASSERT_TRUE(needs_analysis.has_value());
  EXPECT_EQ(needs_analysis->deals, 2);  // the third skipped it: not a 0
  EXPECT_DOUBLE_EQ(needs_analysis->median_days, 5);
  EXPECT_FALSE(cohort_.stage("Closed Won").has_value());
  EXPECT_FALSE(cohort_.stage("Prospecting").has_value());
  EXPECT_EQ(cohort_.deals(), 3);
}

// Regression: a deal created in year 0001 moved the won-cycle mean by years.
TEST_F(StagesTest, WonCohortLeavesOutDealsWithImplausibleDates) {
  add_won_deals();
  SnapshotBuilder ancient("ancient", Timestamp{std::chrono::sys_days{std::chrono::year{1} / January / 1}});
  ancient.stage("Qualification", 0).won(739000);
  cohort_.add(ancient.build());
  EXPECT_EQ(cohort_.deals(), 3);
  EXPECT_EQ(cohort_.excluded(), 1);
  EXPECT_NEAR(cohort_.cycle_mean_days(), (15.0 + 17 + 30) / 3, 1e-9);
}

TEST_F(StagesTest, WonCohortCycleAndLosersAreIgnored) {
  add_won_deals();
  SnapshotBuilder lost("lost", kCreated);
  lost.stage("Qualification", 0).lost(100);
  cohort_.add(lost.build());
  SnapshotBuilder backwards("backwards", kCreated);
  backwards.stage("Qualification", 0).won(-10);  // closed before it was created
  cohort_.add(backwards.build());
  EXPECT_EQ(cohort_.deals(), 3);
  EXPECT_EQ(cohort_.excluded(), 1);
  auto cycle = cohort_.cycle();
  ASSERT_TRUE(cycle.has_value());
  EXPECT_DOUBLE_EQ(cycle->median_days, 17);
  EXPECT_NEAR(cohort_.cycle_mean_days(), (15.0 + 17 + 30) / 3, 1e-9);
}

// As in `rearview stats`: the cycle starts at creation, and a deal without
// a creation time has none, however early its first e-mail.
TEST_F(StagesTest, WonCohortMeasuresFromCreationAndLeavesOutDealsWithoutOne) {
  add_won_deals();
  SnapshotBuilder early("early", kCreated);
  early.contact("alex", "Alex Buyer").email_to("alex", -10).stage("Qualification", 0).won(17);
  cohort_.add(early.build());
  OpportunitySnapshot undated = early.build();
  undated.opportunity.created_at.reset();
  cohort_.add(undated);
  EXPECT_EQ(cohort_.deals(), 4);
  EXPECT_EQ(cohort_.excluded(), 1);
  EXPECT_DOUBLE_EQ(cohort_.cycle()->median_days, 17);  // 15, 17, 17, 30
  EXPECT_NEAR(cohort_.cycle_mean_days(), (15.0 + 17 + 17 + 30) / 4, 1e-9);
  EXPECT_EQ(cohort_.stage("Qualification")->deals, 4) << "its stays are left out too";
}

TEST_F(StagesTest, EachOpenStayIsComparedWithWonDeals) {
  add_won_deals();
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0).stage("Needs Analysis", 30).lost(40);
  PostmortemReport report = report_of(builder, 100);
  ASSERT_TRUE(report.stages[0].won.has_value());
  EXPECT_DOUBLE_EQ(report.stages[0].won->median_days, 12);
  EXPECT_DOUBLE_EQ(report.stages[0].days, 30);
  EXPECT_DOUBLE_EQ(report.stages[1].won->median_days, 5);
  EXPECT_FALSE(report.stages[2].won.has_value());  // the closed stage
  ASSERT_TRUE(report.won_cycle.has_value());
  EXPECT_DOUBLE_EQ(report.won_cycle->median_days, 17);
  EXPECT_DOUBLE_EQ(report.won_cycle_mean_days, (15.0 + 17 + 30) / 3);
  EXPECT_EQ(report.cycle_days, 40.0);
}

TEST_F(StagesTest, OpenDealCycleRunsToAsOf) {
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0);
  EXPECT_EQ(report_of(builder, 12.5).cycle_days, 12.5);
  EXPECT_FALSE(report_of(builder, 12.5).won_cycle.has_value());
}

TEST_F(StagesTest, MilestonesShowInsideTheirStage) {
  settings_.stages[1].milestones = {
      MilestoneDefinition{.key = "budget", .label = "Budget confirmed"},
      MilestoneDefinition{.key = "process",
                          .label = "Decision process",
                          .kind = MilestoneKind::dropdown,
                          .options = {"Committee", "Single"}}};
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0)
      .milestone("Qualification", "budget", 3)
      .milestone("Qualification", "crm_only", 4, "Yes")
      .stage("Needs Analysis", 5)
      .milestone("Qualification", "process", 8, "Committee");
  PostmortemReport report = report_of(builder, 20);
  const auto& milestones = report.stages[0].milestones;
  ASSERT_EQ(milestones.size(), 3u);
  EXPECT_EQ(milestones[0].label, "Budget confirmed");
  EXPECT_EQ(milestones[0].value, "true");
  EXPECT_EQ(milestones[0].attained_at, builder.day(3));
  EXPECT_EQ(milestones[0].attained_by, "Riley Rep");
  EXPECT_EQ(milestones[1].value,
            "Committee");  // ticked after the stage, still shown: its last stay
  EXPECT_EQ(milestones[2].key, "crm_only");
  EXPECT_TRUE(report.stages[1].milestones.empty());
}

TEST_F(StagesTest, AnEarlierStayShowsMilestonesAsTheyStoodWhenItEnded) {
  settings_.stages[1].milestones = {
      MilestoneDefinition{.key = "budget", .label = "Budget confirmed"}};
  SnapshotBuilder builder("deal", kCreated);
  builder.stage("Qualification", 0)
      .stage("Needs Analysis", 5)
      .stage("Qualification", 10)
      .milestone("Qualification", "budget", 12);
  PostmortemReport report = report_of(builder, 20);
  EXPECT_EQ(report.stages[0].milestones.at(0).value, "");
  EXPECT_FALSE(report.stages[0].milestones.at(0).attained_at.has_value());
  EXPECT_EQ(report.stages[2].milestones.at(0).value, "true");
}

}  // namespace
}  // namespace rearview
