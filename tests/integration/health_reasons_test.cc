// Health reasons on a whole generated company, with the model learned the
// way reports learn it (service::build_analysis_context): every reason's sign agrees with its feature's declared direction and
// the direction of its change, and a deal far past its close date and stalled
// in its stage cannot score high on a few recent meetings.
#include <gtest/gtest.h>

#include <cmath>

#include "rearview/analysis/analysis.h"
#include "rearview/analysis/snapshot_builder.h"
#include "rearview/core/settings.h"
#include "rearview/generate/generator.h"
#include "rearview/importers/import.h"
#include "rearview/service/analysis_context.h"
#include "rearview/storage/sqlite_database.h"
#include "test_support.h"

namespace rearview {
namespace {

using std::chrono::July;

// The generator's export time is 2026-06-30 23:59:59: open deals are measured
// to the next day.
const Timestamp kAsOf = Timestamp{std::chrono::sys_days{std::chrono::year{2026} / July / 1}};

// Contact roles attain it on import, so the milestone feature moves too.
Settings settings_with_a_milestone() {
  Settings settings = default_settings();
  for (auto& stage : settings.stages)
    if (stage.name == "Id. Decision Makers")
      stage.milestones = {MilestoneDefinition{.key = "economic_buyer",
                                              .label = "Economic buyer identified",
                                              .contact_role = "Economic Buyer"}};
  return settings;
}

struct Company {
  AnalysisSettings settings;
  WonCohort cohort;
  HealthModel learned = HealthModel::rules();
  std::vector<OpportunitySnapshot> deals;
};

// rearview generate + import salesforce, then the context every report is
// made with: the won cohort and the model train_health_model learns.
Company generated_company() {
  testing::TemporaryDirectory directory;
  GenerateOptions options{.out_dir = directory / "export", .opportunities = 600, .seed = 3};
  auto generated = generate_company(options);
  EXPECT_TRUE(generated) << (generated ? "" : generated.error().message);
  auto database = open_sqlite_database(directory / "company.db", OpenMode::create_if_missing);
  EXPECT_TRUE(database);
  auto session = (*database)->open_session();
  EXPECT_TRUE(session);
  Settings settings = settings_with_a_milestone();
  auto imported = import_salesforce(**session, settings, options.out_dir, ImportOptions{});
  EXPECT_TRUE(imported && imported->committed);
  auto context = service::build_analysis_context((*session)->snapshots(),
                                                 (*session)->stage_catalogue(), settings, kAsOf);
  EXPECT_TRUE(context) << (context ? "" : context.error().message);

  Company company{.settings = context->settings,
                  .cohort = context->cohort,
                  .learned = context->model};
  auto read = (*session)->snapshots().for_each_snapshot(
      DealFilter{}, [&](const OpportunitySnapshot& deal) -> Result<void> {
        company.deals.push_back(deal);
        return {};
      });
  EXPECT_TRUE(read);
  return company;
}

// Made once for all tests, and never destroyed: XGBoost's own statics may be
// gone by the time a static here would free its trees.
const Company& company() {
  static const Company* generated = new Company(generated_company());
  return *generated;
}

// +1 when the input rose, -1 when it fell, 0 when it stayed.
int change_direction(const HealthVector& before, const HealthVector& after, HealthFeature feature) {
  double from = before[std::size_t(feature)];
  double to = after[std::size_t(feature)];
  return (to > from) - (to < from);
}

struct ReasonCheck {
  long long checked = 0;
  long long raising = 0;
  long long lowering = 0;
};

// The inputs at each point are computed again here, from the snapshot, and
// not taken from the series.
void check_reasons(const std::vector<HealthReason>& reasons, const HealthVector& before,
                   const HealthVector& after, const std::string& where, ReasonCheck& check) {
  for (const auto& reason : reasons) {
    SCOPED_TRACE(where + ": " + reason.text);
    auto feature = health_feature_named(reason.feature);
    ASSERT_TRUE(feature.has_value());
    int moved = change_direction(before, after, *feature);
    ASSERT_NE(moved, 0) << "a reason names an input that did not change";
    int expected_sign = moved * static_cast<int>(health_direction(*feature));
    EXPECT_EQ(reason.effect > 0 ? 1 : -1, expected_sign) << "effect " << reason.effect;
    if (*feature != HealthFeature::senior_contact_engaged) {
      EXPECT_NE(reason.text.find(moved > 0 ? " rose from " : " fell from "), std::string::npos);
    }
    ++check.checked;
    (reason.effect > 0 ? check.raising : check.lowering) += 1;
  }
}

ReasonCheck check_every_point(const HealthModel& model) {
  const Company& generated = company();
  ReasonCheck check;
  for (const auto& deal : generated.deals) {
    PostmortemReport report = analyze(deal, generated.cohort, model, generated.settings);
    auto inputs_at = [&](const HealthPoint& point) {
      return features_at(deal, point.at, generated.cohort, generated.settings).values();
    };
    HealthVector first = inputs_at(report.health.front());
    HealthVector previous = first;
    for (const auto& point : report.health) {
      HealthVector now = inputs_at(point);
      std::string where = deal.opportunity.id + " at " + format_timestamp(point.at);
      check_reasons(point.reasons, first, now, where + " (reasons)", check);
      check_reasons(point.changes, previous, now, where + " (changes)", check);
      previous = now;
    }
  }
  return check;
}

TEST(GeneratedCompany, LearnsAModelThatFollowsTheDeclaredDirections) {
  EXPECT_TRUE(company().learned.learned());
  EXPECT_TRUE(company().learned.follows_directions());
}

TEST(GeneratedCompany, EveryReasonOfTheLearnedModelMovesTheScoreTheWayItsChangeSays) {
  ReasonCheck check = check_every_point(company().learned);
  EXPECT_GT(check.raising, 1000);
  EXPECT_GT(check.lowering, 1000);
}

TEST(GeneratedCompany, EveryReasonOfTheRulesMovesTheScoreTheWayItsChangeSays) {
  ReasonCheck check = check_every_point(HealthModel::rules());
  EXPECT_GT(check.raising, 100);
  EXPECT_GT(check.lowering, 1000);
}

// The report that opened the issue: 396 days past its close date, 515 days
// in Needs Analysis (won median 12), three buyer contacts and two meetings in
// the last 30 days; it scored 99, and its reasons counted the meetings and
// the contacts against it.
OpportunitySnapshot overdue_stalled_deal_with_recent_meetings() {
  const Timestamp created = kAsOf - std::chrono::days{530};
  SnapshotBuilder builder("overdue-stalled", created);
  builder.contact("ana", "Ana Buyer", "Engineer")
      .contact("bo", "Bo Buyer", "Analyst")
      .contact("cy", "Cy Buyer", "Engineer")
      .stage("Prospecting", 0)
      .stage("Qualification", 5)
      .stage("Needs Analysis", 15)
      .close_date(std::chrono::floor<std::chrono::days>(builder.day(134)))
      .email_to("ana", 1)
      .email_from("ana", 2)
      .email_from("bo", 505)
      .meeting({"ana", "cy"}, 510)
      .meeting({"ana", "bo"}, 520);
  return builder.build();
}

// Returns the score now.
double expect_honest_reasons(const HealthModel& model) {
  const Company& generated = company();
  PostmortemReport report = analyze(overdue_stalled_deal_with_recent_meetings(), generated.cohort,
                                    model, generated.settings);
  const HealthPoint& now = report.health.back();
  EXPECT_FALSE(now.reasons.empty());
  for (const auto& point : report.health)
    for (const auto* reasons : {&point.reasons, &point.changes})
      for (const auto& reason : *reasons) {
        SCOPED_TRACE(reason.text);
        bool stalling =
            reason.feature == "days_overdue" || reason.feature == "stage_time_beyond_median";
        bool engagement =
            reason.feature == "recent_meetings" || reason.feature == "buyer_contacts_engaged";
        bool rose = reason.text.find(" rose from ") != std::string::npos;
        if (stalling && rose) {
          EXPECT_LT(reason.effect, 0);
        }
        if (engagement && rose) {
          EXPECT_GT(reason.effect, 0);
        }
      }
  auto about = [&](const std::string& feature) -> const HealthReason* {
    for (const auto& reason : now.reasons)
      if (reason.feature == feature) return &reason;
    return nullptr;
  };
  const HealthReason* overdue = about("days_overdue");
  EXPECT_NE(overdue, nullptr) << "396 days overdue explains the score";
  if (overdue) {
    EXPECT_EQ(overdue->text, "days past the close date rose from 0 to 396");
  }
  return now.score;
}

TEST(GeneratedCompany, OverdueStalledDealScored99WithItsMeetingsAgainstIt) {
  ASSERT_TRUE(company().learned.learned());
  EXPECT_LT(expect_honest_reasons(company().learned), 30);
  // The rules deduct a fixed 20 points each for being overdue and stalled.
  EXPECT_LE(expect_honest_reasons(HealthModel::rules()), 40);
}

}  // namespace
}  // namespace rearview
