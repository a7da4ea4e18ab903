// The service layer as a server would use it: a generated company imported
// into SQLite, then postmortems looked up, rendered in every format, the
// context kept between calls, milestones validated and recorded.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "rearview/core/settings.h"
#include "rearview/generate/generator.h"
#include "rearview/importers/import.h"
#include "rearview/service/milestones.h"
#include "rearview/service/postmortems.h"
#include "test_support.h"

namespace rearview {
namespace {

using service::FixedClock;
using service::Postmortems;

const Timestamp kNow = *parse_timestamp("2026-06-01T12:00:00Z");

Settings settings_with_a_milestone() {
  Settings settings = default_settings();
  for (auto& stage : settings.stages)
    if (stage.name == "Needs Analysis")
      stage.milestones.push_back(MilestoneDefinition{.key = "budget",
                                                     .label = "Budget confirmed",
                                                     .kind = MilestoneKind::dropdown,
                                                     .options = {"yes", "no"}});
  return settings;
}

class Service : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new testing::TemporaryDirectory();
    ASSERT_TRUE(generate_company({.out_dir = *folder_ / "export", .opportunities = 120,
                                            .seed = 4})
                    .has_value());
    auto store = service::open_store(*folder_ / "rearview.db", OpenMode::create_if_missing);
    ASSERT_TRUE(store.has_value());
    auto imported = import_salesforce(**store, default_settings(), *folder_ / "export", {});
    ASSERT_TRUE(imported && imported->committed);
  }
  static void TearDownTestSuite() { delete folder_; }

  void SetUp() override {
    auto opened = service::open_store(*folder_ / "rearview.db", OpenMode::must_exist);
    ASSERT_TRUE(opened.has_value());
    store_ = std::move(*opened);
  }

  // Any opportunity's id and name, from the store's own listing.
  OpportunityName some_opportunity() {
    auto names = store_->opportunity_names();
    EXPECT_TRUE(names && !names->empty());
    return names->at(names->size() / 2);
  }

  static testing::TemporaryDirectory* folder_;
  std::unique_ptr<Store> store_;
  FixedClock clock_{kNow};
};

testing::TemporaryDirectory* Service::folder_ = nullptr;

TEST_F(Service, ReportOfAnIdIsMeasuredUpToTheClocksTime) {
  Postmortems postmortems(*store_, default_settings(), clock_);
  auto wanted = some_opportunity();
  auto report = postmortems.report(wanted.id);
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_EQ(report->opportunity.id, wanted.id);
  EXPECT_EQ(report->as_of, kNow);
}

TEST_F(Service, EveryFormatRendersBytesOfItsMediaType) {
  Postmortems postmortems(*store_, default_settings(), clock_);
  auto wanted = some_opportunity();
  for (const auto& format : service::output_formats()) {
    auto rendered = postmortems.rendered(wanted.id, format.name);
    ASSERT_TRUE(rendered.has_value()) << format.name << ": " << rendered.error().message;
    EXPECT_EQ(rendered->format, &format);
    EXPECT_EQ(rendered->opportunity_id, wanted.id);
    const std::string& bytes = rendered->bytes;
    if (format.name == "pdf") {
      EXPECT_EQ(bytes.rfind("%PDF-", 0), 0u);
    } else if (format.name == "html") {
      EXPECT_NE(bytes.find("<html"), std::string::npos);
    } else if (format.name == "json") {
      EXPECT_EQ(boost::json::parse(bytes).at("opportunity").at("id").as_string(), wanted.id);
    } else {
      EXPECT_NE(bytes.find(wanted.name.substr(0, 10)), std::string::npos);
    }
  }
  EXPECT_EQ(service::output_format("pdf").value()->media_type, "application/pdf");
}

TEST_F(Service, UnknownFormatIsAUsageErrorThatListsTheFormats) {
  auto format = service::output_format("docx");
  ASSERT_FALSE(format.has_value());
  EXPECT_EQ(format.error().code, ErrorCode::usage);
  EXPECT_NE(format.error().hint.find("html, pdf, md, json"), std::string::npos);
}

TEST_F(Service, UnknownOpportunityIsNotFoundWithTheClosestNames) {
  Postmortems postmortems(*store_, default_settings(), clock_);
  auto wanted = some_opportunity();
  std::string misspelt = wanted.name.substr(0, 6);
  misspelt[2] = misspelt[2] == 'x' ? 'y' : 'x';
  auto report = postmortems.report(misspelt + " no such deal");
  ASSERT_FALSE(report.has_value());
  EXPECT_EQ(report.error().code, ErrorCode::not_found);
  EXPECT_NE(report.error().message.find("the closest are"), std::string::npos);
}

TEST_F(Service, ContextIsBuiltOncePerCohortUntilInvalidated) {
  Postmortems postmortems(*store_, default_settings(), clock_);
  auto first = postmortems.context();
  auto again = postmortems.context();
  ASSERT_TRUE(first && again);
  EXPECT_EQ(*first, *again);
  service::CohortFilter new_business{.type = "New Business"};
  auto narrowed = postmortems.context(new_business);
  ASSERT_TRUE(narrowed.has_value());
  EXPECT_NE(*narrowed, *first);
  EXPECT_LT((*narrowed)->cohort.deals(), (*first)->cohort.deals());
  EXPECT_EQ(*postmortems.context(new_business), *narrowed);
}

TEST_F(Service, CohortFieldWithoutEqualsIsAUsageError) {
  auto parsed = service::parse_cohort({.field_equals_value = "Segment__c"}, TimeZone());
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::usage);
  auto good = service::parse_cohort(
      {.field_equals_value = "Segment__c=Mid=Market", .closed_from = "2024-01-01"}, TimeZone());
  ASSERT_TRUE(good.has_value());
  EXPECT_EQ(good->custom_field, "Segment__c");
  EXPECT_EQ(good->custom_value, "Mid=Market");
  EXPECT_EQ(good->closed_from, parse_timestamp("2024-01-01"));
}

TEST_F(Service, MilestoneValueOutsideTheOptionsIsRefusedAndNothingIsStored) {
  auto wanted = some_opportunity();
  auto refused = service::record_milestone(
      *store_, settings_with_a_milestone(),
      {.opportunity = wanted.id, .key = "budget", .value = "maybe", .by = "ae"}, clock_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::usage);
  EXPECT_NE(refused.error().hint.find("yes, no"), std::string::npos);
  auto snapshot = store_->snapshot(wanted.id);
  ASSERT_TRUE(snapshot && *snapshot);
  for (const auto& attained : (*snapshot)->milestones) EXPECT_NE(attained.key, "budget");
}

TEST_F(Service, MilestoneRecordedWithoutATimeIsAttainedAtTheClocksTime) {
  auto wanted = some_opportunity();
  auto recorded = service::record_milestone(
      *store_, settings_with_a_milestone(),
      {.opportunity = wanted.id, .key = "budget", .value = "yes", .by = "ae"}, clock_);
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  EXPECT_EQ(recorded->label, "Budget confirmed");
  auto snapshot = store_->snapshot(wanted.id);
  ASSERT_TRUE(snapshot && *snapshot);
  auto stored = std::find_if((*snapshot)->milestones.begin(), (*snapshot)->milestones.end(),
                             [](const MilestoneAttainment& m) { return m.key == "budget"; });
  ASSERT_NE(stored, (*snapshot)->milestones.end());
  EXPECT_EQ(stored->value, "yes");
  EXPECT_EQ(stored->attained_at, kNow);
  EXPECT_EQ(stored->attained_by, "ae");
}

TEST_F(Service, UnknownMilestoneKeyListsTheConfiguredOnes) {
  auto refused = service::record_milestone(*store_, settings_with_a_milestone(),
                                           {.opportunity = some_opportunity().id,
                                            .key = "budgte", .value = "yes"},
                                           clock_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::not_found);
  EXPECT_NE(refused.error().hint.find("budget (Needs Analysis)"), std::string::npos);
}

}  // namespace
}  // namespace rearview
