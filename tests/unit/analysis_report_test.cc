// The report as a whole: its level and audience, and what it says about its data.
#include <gtest/gtest.h>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"

namespace rearview {
namespace {

using std::chrono::January;

const Timestamp kCreated = Timestamp{std::chrono::sys_days{std::chrono::year{2024} / January / 1}};
const std::vector<std::string> kEarly = {"rep", "first-line manager", "marketing"};
const std::vector<std::string> kMid = {"the team"};
const std::vector<std::string> kLate = {"quarterly business review"};

class ReportTest : public ::testing::Test {
 protected:
  ReportTest() { settings_.stages = default_stages(); }

  PostmortemReport report_of(const SnapshotBuilder& builder) {
    settings_.as_of = builder.day(365);
    return analyze(builder.build(), WonCohort(settings_.stages), HealthModel::rules(), settings_);
  }

  // A deal that went through `stages` (a day each) and then closed or stayed open.
  SnapshotBuilder deal(const std::vector<std::string>& stages) {
    SnapshotBuilder builder("deal", kCreated);
    for (std::size_t i = 0; i < stages.size(); ++i) builder.stage(stages[i], double(i));
    return builder;
  }

  AnalysisSettings settings_;
};

TEST_F(ReportTest, EarlyLossesGetTheShortFormForTheirAudience) {
  PostmortemReport report = report_of(deal({"Prospecting", "Qualification"}).lost(5));
  EXPECT_EQ(report.level, ReportLevel::short_form);
  EXPECT_EQ(report.audience, kEarly);
  EXPECT_EQ(report.line_in_the_sand, "Value Proposition");  // the first stage at 50%
  EXPECT_EQ(report.late_stage, "Proposal/Price Quote");     // the first stage at 75%
  EXPECT_TRUE(report.notes.empty());
}

TEST_F(ReportTest, LossesAtTheLineGetTheFullFormForTheTeam) {
  PostmortemReport report = report_of(deal({"Prospecting", "Value Proposition"}).lost(5));
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_EQ(report.audience, kMid);
}

TEST_F(ReportTest, LateLossesAreJudgedByTheFurthestStageReached) {
  PostmortemReport report =
      report_of(deal({"Prospecting", "Proposal/Price Quote", "Needs Analysis"}).lost(5));
  EXPECT_EQ(report.furthest_stage, "Proposal/Price Quote");
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_EQ(report.audience, kLate);
}

TEST_F(ReportTest, WinsGetTheFullFormForTheQuarterlyReview) {
  PostmortemReport report = report_of(deal({"Prospecting"}).won(5));
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_EQ(report.audience, kLate);
}

TEST_F(ReportTest, OpenDealsAreReadByTheRepAndTheirManager) {
  PostmortemReport report = report_of(deal({"Prospecting"}));
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_EQ(report.audience, (std::vector<std::string>{"rep", "first-line manager"}));
  EXPECT_FALSE(report.closed_at.has_value());
  EXPECT_EQ(report.as_of, kCreated + std::chrono::days{365});
}

TEST_F(ReportTest, AConfiguredLineInTheSandMovesTheBoundary) {
  settings_.postmortem.line_in_the_sand = "Needs Analysis";
  settings_.postmortem.late_stage = "Value Proposition";
  EXPECT_EQ(report_of(deal({"Qualification"}).lost(5)).level, ReportLevel::short_form);
  PostmortemReport report = report_of(deal({"Needs Analysis"}).lost(5));
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_EQ(report.audience, kMid);
  EXPECT_EQ(report_of(deal({"Value Proposition"}).lost(5)).audience, kLate);
}

TEST_F(ReportTest, AnUnknownLineInTheSandFallsBackWithANote) {
  settings_.postmortem.line_in_the_sand = "Nowhere";
  PostmortemReport report = report_of(deal({"Qualification"}).lost(5));
  EXPECT_EQ(report.line_in_the_sand, "Value Proposition");
  EXPECT_EQ(report.notes,
            (std::vector<std::string>{
                "the line in the sand \"Nowhere\" is not an open stage of the sales process; "
                "using Value Proposition"}));
}

TEST_F(ReportTest, WithoutALineEveryLossIsFull) {
  for (auto& stage : settings_.stages) stage.probability = std::min(stage.probability, 40.0);
  PostmortemReport report = report_of(deal({"Prospecting"}).lost(5));
  EXPECT_EQ(report.level, ReportLevel::full);
  EXPECT_TRUE(report.line_in_the_sand.empty());
  EXPECT_EQ(report.notes.size(), 2u);
}

TEST_F(ReportTest, CarriesTheDealAndNotesMissingCloseTimes) {
  SnapshotBuilder builder = deal({"Prospecting"});
  builder.close_date(Date{std::chrono::year{2024} / January / 20}).lost(5);
  OpportunitySnapshot snapshot = builder.build();
  snapshot.closed_at.reset();
  settings_.as_of = builder.day(365);
  PostmortemReport report = analyze(snapshot, WonCohort(), HealthModel::rules(), settings_);
  EXPECT_EQ(report.opportunity.id, "deal");
  EXPECT_EQ(report.account_name, "Buyer Inc.");
  EXPECT_EQ(report.owner_name, "Riley Rep");
  EXPECT_EQ(report.manager_name, "Morgan Manager");
  EXPECT_EQ(report.closed_at, builder.day(19));  // the close date
  EXPECT_EQ(report.notes.at(0), "the time it closed is not recorded; its close date is used");
}

TEST_F(ReportTest, ADealClosedBeforeItWasCreatedHasNoCycle) {
  PostmortemReport report = report_of(deal({"Prospecting"}).won(-30));
  EXPECT_FALSE(report.cycle_days.has_value());
  EXPECT_TRUE(report.tells.empty());
  ASSERT_EQ(report.health.size(), 1u);
  EXPECT_EQ(report.notes.at(0).substr(0, 36), "it closed before it was created (dat");
}

TEST_F(ReportTest, WithoutACreationTimeThereIsNoCycleAndTheReportSaysWhy) {
  SnapshotBuilder builder = deal({"Prospecting"});
  builder.contact("alex", "Alex Buyer").email_to("alex", 2).won(30);
  OpportunitySnapshot snapshot = builder.build();
  snapshot.opportunity.created_at.reset();  // an export without CreatedDate
  settings_.as_of = builder.day(365);
  PostmortemReport report =
      analyze(snapshot, WonCohort(settings_.stages), HealthModel::rules(), settings_);
  EXPECT_FALSE(report.cycle_days.has_value()) << "not from the first e-mail instead";
  EXPECT_EQ(report.first_touch, builder.day(2));
  EXPECT_EQ(report.notes.at(0),
            "its creation time is not recorded, so it has no cycle (creation to close)");
}

TEST_F(ReportTest, AnOpenDealMeasuredBeforeItsCreationHasNoCycleYet) {
  SnapshotBuilder builder = deal({"Prospecting"});
  settings_.as_of = builder.day(-1);
  PostmortemReport report =
      analyze(builder.build(), WonCohort(settings_.stages), HealthModel::rules(), settings_);
  EXPECT_FALSE(report.cycle_days.has_value());
  EXPECT_EQ(report.notes.at(0),
            "it was created after the report's as-of time, so it has no cycle yet");
}

TEST(ReportLevelNames, AreTheJsonWords) {
  EXPECT_EQ(to_string(ReportLevel::short_form), "short");
  EXPECT_EQ(to_string(ReportLevel::full), "full");
}

}  // namespace
}  // namespace rearview
