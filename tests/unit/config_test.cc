#include <gtest/gtest.h>

#include "rearview/config/config.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

Result<Settings> load(const std::string& text) {
  TemporaryDirectory directory;
  write_file(directory / "rearview.toml", text);
  return load_settings(directory / "rearview.toml");
}

TEST(Config, DefaultsAreSalesforcesStandardProcess) {
  auto settings = default_settings();
  ASSERT_EQ(settings.stages.size(), 10u);
  EXPECT_EQ(settings.stages.front().name, "Prospecting");
  EXPECT_TRUE(settings.stages[8].is_won);
  EXPECT_EQ(settings.loss_reason_field, "Loss_Reason__c");
}

TEST(Config, ReadsCompanyStagesAndMilestones) {
  auto settings = load(R"(
[company]
name = "Acme"
email_domains = ["Acme.com"]
time_zone = "UTC"

[salesforce]
loss_reason_field = "Why_Lost__c"

[[stages]]
name = "Discovery"
probability = 20
  [[stages.milestones]]
  key = "economic_buyer"
  label = "Economic buyer identified"
  [[stages.milestones]]
  key = "budget"
  kind = "dropdown"
  options = ["unknown", "approved"]

[[stages]]
name = "Won"
closed = true
won = true

[[stages]]
name = "Lost"
closed = true
)");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->company_email_domains, std::vector<std::string>{"acme.com"});
  EXPECT_EQ(settings->loss_reason_field, "Why_Lost__c");
  ASSERT_EQ(settings->stages.size(), 3u);
  EXPECT_EQ(settings->stages[0].milestones.size(), 2u);
  EXPECT_EQ(settings->stages[0].milestones[1].kind, MilestoneKind::dropdown);
  EXPECT_EQ(settings->stages[2].sort_order, 3);
}

TEST(Config, ProblemsNameTheLineAndWhatWasExpected) {
  auto settings = load("[company]\ntime_zone = \"Mars/Olympus\"\n[[stages]]\nname = \"A\"\nprobability = 140\n");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::config);
  const auto& message = settings.error().message;
  EXPECT_NE(message.find("rearview.toml:2:"), std::string::npos) << message;
  EXPECT_NE(message.find("unknown time zone 'Mars/Olympus'"), std::string::npos) << message;
  EXPECT_NE(message.find(":5:"), std::string::npos) << message;
  EXPECT_NE(message.find("from 0 to 100"), std::string::npos) << message;
  EXPECT_NE(message.find("closed won and one closed lost"), std::string::npos) << message;
}

TEST(Config, ReadsTheTimeZoneByItsIanaName) {
  auto settings = load("[company]\nname = \"Acme\"\ntime_zone = \"America/Los_Angeles\"\n");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->time_zone.name(), "America/Los_Angeles");
  // 2026-07-01 12:00 UTC is 05:00 PDT (UTC-7).
  EXPECT_EQ(settings->time_zone.format(*parse_timestamp("2026-07-01T12:00:00Z")),
            "2026-07-01 05:00 PDT");
  auto defaults = load("[company]\nname = \"Acme\"\n");
  ASSERT_TRUE(defaults);
  EXPECT_EQ(defaults->time_zone.name(), "UTC");
}

TEST(Config, AnUnknownTimeZoneNamesItsLineAndColumn) {
  auto settings = load("[company]\nname = \"Acme\"\ntime_zone = \"Europe/Berlinn\"\n");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::config);
  // Line 3; the value starts at column 13, after `time_zone = `.
  EXPECT_NE(settings.error().message.find("rearview.toml:3:13: unknown time zone 'Europe/Berlinn'"),
            std::string::npos)
      << settings.error().message;
  auto not_text = load("[company]\ntime_zone = 1\n");
  ASSERT_FALSE(not_text);
  EXPECT_NE(not_text.error().message.find("rearview.toml:2:13: 'time_zone' must be a string"),
            std::string::npos)
      << not_text.error().message;
}

TEST(Config, ReadsTellThresholdsAndPostmortemAudiences) {
  auto settings = load(R"(
[tells]
ghosted_days = 7
stalled_factor = 1.5
senior_roles = ["Economic Buyer"]

[postmortem]
line_in_the_sand = "Value Proposition"
late_stage_audience = ["QBR", "VP Sales"]
)");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->tells.ghosted_days, 7);
  EXPECT_DOUBLE_EQ(settings->tells.stalled_factor, 1.5);
  EXPECT_EQ(settings->tells.no_activity_days, 14);  // a default stays
  EXPECT_EQ(settings->tells.senior_roles, std::vector<std::string>{"Economic Buyer"});
  EXPECT_EQ(settings->postmortem.line_in_the_sand, "Value Proposition");
  EXPECT_EQ(settings->postmortem.late_stage_audience, (std::vector<std::string>{"QBR", "VP Sales"}));
}

TEST(Config, ReadsMatchingAndChecksItsThresholds) {
  auto settings = load("[matching]\nwindow_days = 30\nlink_score = 0.7\n"
                       "free_mail_domains = [\" Example-ISP.net \"]\n");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->matching.window_days, 30);
  EXPECT_DOUBLE_EQ(settings->matching.link_score, 0.7);
  EXPECT_DOUBLE_EQ(settings->matching.review_score, 0.35);  // a default stays
  EXPECT_EQ(settings->matching.free_mail_domains, std::vector<std::string>{"example-isp.net"});
  auto inverted = load("[matching]\nlink_score = 0.3\nreview_score = 0.5\n");
  ASSERT_FALSE(inverted);
  EXPECT_NE(inverted.error().message.find("'review_score' must not be above 'link_score'"),
            std::string::npos)
      << inverted.error().message;
  auto typo = load("[matching]\nwindow = 3\n");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("matching.window"), std::string::npos) << typo.error().message;
}

const Tracker* find_tracker(const Settings& settings, std::string_view name) {
  for (const auto& tracker : settings.trackers.trackers)
    if (tracker.name == name) return &tracker;
  return nullptr;
}

TEST(Config, TrackersReplaceTheBuiltInOnesKeyByKeyAddAndRemove) {
  auto settings = load(R"(
[trackers]
language = "german"
competitors_from_crm = false
[trackers.pricing]
phrases = ["Preis", "Rabatt"]
[trackers.budget]
phrases = []
[trackers."data residency"]
phrases = ["data residency", "EU hosting"]
role = "red_flag"
buyer_only = true
expected_before = "Negotiation/Review"
)");
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->trackers.language, "german");
  EXPECT_FALSE(settings->trackers.competitors_from_crm);
  const Tracker* pricing = find_tracker(*settings, "pricing");
  ASSERT_TRUE(pricing);
  EXPECT_EQ(pricing->phrases, (std::vector<std::string>{"Preis", "Rabatt"}));
  EXPECT_EQ(pricing->expected_before, kLateStageName) << "a key not given keeps the built-in value";
  EXPECT_FALSE(find_tracker(*settings, "budget")) << "empty phrases remove a tracker";
  EXPECT_TRUE(find_tracker(*settings, "competitors"));
  const Tracker* residency = find_tracker(*settings, "data residency");
  ASSERT_TRUE(residency);
  EXPECT_EQ(residency->role, TrackerRole::red_flag);
  EXPECT_TRUE(residency->buyer_only);
  EXPECT_EQ(residency->expected_before, "Negotiation/Review");
}

TEST(Config, TrackerMistakesNameTheirPlace) {
  auto role = load("[trackers.pricing]\nrole = \"villain\"\n");
  ASSERT_FALSE(role);
  EXPECT_NE(role.error().message.find("rearview.toml:2:8: 'role' must be \"topic\""),
            std::string::npos)
      << role.error().message;
  auto stage = load("[trackers.pricing]\nexpected_before = \"Nowhere\"\n");
  ASSERT_FALSE(stage);
  EXPECT_NE(stage.error().message.find("names stage 'Nowhere'"), std::string::npos)
      << stage.error().message;
  auto typo = load("[trackers.pricing]\nphrase = [\"x\"]\n");
  ASSERT_FALSE(typo);
  EXPECT_NE(typo.error().message.find("trackers.pricing.phrase"), std::string::npos)
      << typo.error().message;
  auto not_a_table = load("[trackers]\npricing = \"price\"\n");
  ASSERT_FALSE(not_a_table);
  EXPECT_NE(not_a_table.error().message.find("'trackers.pricing' must be a table"),
            std::string::npos)
      << not_a_table.error().message;
  auto flag = load("[trackers]\ncompetitors_from_crm = \"yes\"\n");
  ASSERT_FALSE(flag);
}

TEST(Config, TellThresholdsAndStageNamesAreChecked) {
  auto settings = load("[tells]\nghosted_days = 0\n[postmortem]\nline_in_the_sand = \"Nope\"\n");
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("rearview.toml:2:16: 'ghosted_days' must be a whole number from 1 to 3650"),
            std::string::npos)
      << settings.error().message;
  EXPECT_NE(settings.error().message.find("names stage 'Nope'"), std::string::npos);
}

// Regression: nan passed the minimum check, and 1e300 wrapped when stored in an int.
TEST(Config, ThresholdsThatAreNotFiniteOrTooLargeOrFractionalAreProblems) {
  for (std::string value : {"nan", "inf", "-inf", "1e300", "2.5", "3651"}) {
    auto settings = load("[tells]\nghosted_days = " + value + "\n");
    ASSERT_FALSE(settings) << value;
    EXPECT_NE(settings.error().message.find("'ghosted_days' must be a whole number"), std::string::npos)
        << settings.error().message;
  }
  EXPECT_FALSE(load("[tells]\nstalled_factor = nan\n"));
  auto fine = load("[tells]\nstalled_factor = 2.5\nghosted_days = 12.0\n");
  ASSERT_TRUE(fine) << fine.error().message;
  EXPECT_EQ(fine->tells.ghosted_days, 12);
}

TEST(Config, AMilestoneDrivenByAContactRoleIsAToggle) {
  auto settings = load(R"(
[[stages]]
name = "Discovery"
  [[stages.milestones]]
  key = "economic_buyer"
  contact_role = "Economic Buyer"
  [[stages.milestones]]
  key = "budget"
  kind = "dropdown"
  options = ["a"]
  contact_role = "Economic Buyer"
[[stages]]
name = "Won"
closed = true
won = true
[[stages]]
name = "Lost"
closed = true
)");
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("'budget' is driven by a contact role, so it must be a toggle"),
            std::string::npos)
      << settings.error().message;
}

TEST(Config, RejectsUnknownSettingsToCatchTypos) {
  auto settings = load("[company]\nemail_domain = [\"x.com\"]\n");
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("unknown setting 'company.email_domain'"), std::string::npos);
}

TEST(Config, ReportsTomlSyntaxErrorsWithTheirPlace) {
  auto settings = load("[company\nname = 1\n");
  ASSERT_FALSE(settings);
  EXPECT_NE(settings.error().message.find("rearview.toml:1:"), std::string::npos)
      << settings.error().message;
}

TEST(Config, AMissingExplicitFileIsNotFound) {
  auto settings = load_settings("/nonexistent/rearview.toml");
  ASSERT_FALSE(settings);
  EXPECT_EQ(settings.error().code, ErrorCode::not_found);
}

TEST(Config, TheInitTextIsAValidConfiguration) {
  auto settings = load(default_config_text());
  ASSERT_TRUE(settings) << settings.error().message;
  EXPECT_EQ(settings->stages.size(), default_stages().size());
}

}  // namespace
}  // namespace rearview
