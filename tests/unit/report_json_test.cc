// render_json, read back with Boost.JSON and compared field by field with
// the report it came from.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <limits>

#include "../data/report/report_fixture.h"
#include "rearview/report/render.h"

namespace rearview {
namespace {

namespace json = boost::json;
using testing::lost_report;
using testing::open_report;
using testing::won_report;

json::object parse(const PostmortemReport& report) {
  std::string text = render_json(report);
  boost::system::error_code error;
  json::value value = json::parse(text, error);
  EXPECT_FALSE(error) << "render_json wrote invalid JSON: " << error.message() << "\n" << text;
  return value.is_object() ? value.as_object() : json::object();
}

std::string text(const json::value& value) { return std::string(value.as_string()); }
double number(const json::value& value) { return value.to_number<double>(); }

std::string time_or_null(const json::value& value) {
  return value.is_null() ? "null" : text(value);
}
std::string time_or_null(const std::optional<Timestamp>& time) {
  return time ? format_timestamp(*time) : "null";
}

std::vector<std::string> strings(const json::value& value) {
  std::vector<std::string> result;
  for (const auto& element : value.as_array()) result.push_back(text(element));
  return result;
}

TEST(ReportJson, OpportunityFields) {
  auto report = won_report();
  auto opportunity = parse(report).at("opportunity").as_object();
  EXPECT_EQ(text(opportunity.at("id")), "006Acme0001");
  EXPECT_EQ(text(opportunity.at("name")), testing::kWonDealName);
  EXPECT_DOUBLE_EQ(number(opportunity.at("amount")), 120000);
  EXPECT_EQ(text(opportunity.at("currency")), "USD");
  EXPECT_EQ(text(opportunity.at("stage")), "Closed Won");
  EXPECT_EQ(text(opportunity.at("account")), "Acme | Europe");
  EXPECT_EQ(text(opportunity.at("account_id")), "001Acme");
  EXPECT_EQ(text(opportunity.at("owner")), "Dana Reyes");
  EXPECT_EQ(text(opportunity.at("owner_id")), "005Dana");
  EXPECT_EQ(text(opportunity.at("manager")), "Sam O'Neill");
  EXPECT_EQ(text(opportunity.at("created_at")), "2024-01-08T09:00:00Z");
  EXPECT_EQ(text(opportunity.at("close_date")), "2024-03-29");
  EXPECT_EQ(text(opportunity.at("win_reason")), "Fastest month-end close");
  EXPECT_TRUE(opportunity.at("loss_reason").is_null());
  EXPECT_TRUE(opportunity.at("custom").as_array().empty());
}

TEST(ReportJson, DealFacts) {
  auto report = won_report();
  auto root = parse(report);
  EXPECT_EQ(root.at("report_version").to_number<int>(), 3);
  EXPECT_EQ(text(root.at("outcome")), "won");
  EXPECT_EQ(text(root.at("level")), "full");
  EXPECT_EQ(strings(root.at("audience")), report.audience);
  EXPECT_EQ(text(root.at("as_of")), "2024-03-21T06:00:00Z");
  EXPECT_EQ(text(root.at("first_touch")), "2024-01-08T09:00:00Z");
  EXPECT_EQ(text(root.at("closed_at")), "2024-03-20T16:00:00Z");
  EXPECT_DOUBLE_EQ(number(root.at("cycle_days")), *report.cycle_days);
  const auto& won_cycle = root.at("won_cycle_days").as_object();
  EXPECT_DOUBLE_EQ(number(won_cycle.at("mean")), 63.5);
  EXPECT_DOUBLE_EQ(number(won_cycle.at("median")), 58);
  EXPECT_DOUBLE_EQ(number(won_cycle.at("p25")), 41);
  EXPECT_DOUBLE_EQ(number(won_cycle.at("p75")), 77);
  EXPECT_EQ(won_cycle.at("deals").to_number<int>(), 42);
  EXPECT_EQ(text(root.at("furthest_stage")), "Negotiation");
  EXPECT_EQ(root.at("close_date_pushes").to_number<int>(), 1);
  EXPECT_EQ(text(root.at("health_model")), "rules");
  EXPECT_EQ(text(root.at("line_in_the_sand")), "Proposal");
  EXPECT_EQ(text(root.at("late_stage")), "Negotiation");
  EXPECT_TRUE(root.at("notes").as_array().empty());
}

TEST(ReportJson, PlaceholdersForLaterReleases) {
  auto root = parse(won_report());
  EXPECT_TRUE(root.at("interview").is_null());
  EXPECT_TRUE(root.at("debriefs").as_array().empty());
  EXPECT_TRUE(root.at("action_items").as_array().empty());
}

TEST(ReportJson, Stages) {
  auto report = won_report();
  auto root = parse(report);
  const auto& stages = root.at("stages").as_array();
  ASSERT_EQ(stages.size(), report.stages.size());
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const auto& stage = stages[i].as_object();
    const auto& stay = report.stages[i];
    SCOPED_TRACE(stay.name);
    EXPECT_EQ(text(stage.at("name")), stay.name);
    EXPECT_EQ(text(stage.at("entered_at")), format_timestamp(stay.entered_at));
    EXPECT_EQ(time_or_null(stage.at("left_at")), time_or_null(stay.left_at));
    EXPECT_DOUBLE_EQ(number(stage.at("days")), stay.days);
    if (stay.won) {
      EXPECT_DOUBLE_EQ(number(stage.at("won_median_days")), stay.won->median_days);
      EXPECT_DOUBLE_EQ(number(stage.at("won_p25_days")), stay.won->p25_days);
      EXPECT_DOUBLE_EQ(number(stage.at("won_p75_days")), stay.won->p75_days);
    } else {
      EXPECT_TRUE(stage.at("won_median_days").is_null());
    }
    EXPECT_EQ(stage.at("is_closed").as_bool(), stay.is_closed);
    EXPECT_EQ(stage.at("visit").to_number<int>(), stay.visit);
    EXPECT_EQ(text(stage.at("id")), stay.id);
    EXPECT_EQ(stage.at("milestones").as_array().size(), stay.milestones.size());
  }
}

TEST(ReportJson, Milestones) {
  auto root = parse(won_report());
  const auto& stages = root.at("stages").as_array();
  const auto& milestones = stages[1].at("milestones").as_array();
  ASSERT_EQ(milestones.size(), 2u);
  const auto& buyer = milestones[0].as_object();
  EXPECT_EQ(text(buyer.at("key")), "economic_buyer");
  EXPECT_EQ(text(buyer.at("label")), "Economic buyer identified");
  EXPECT_EQ(text(buyer.at("value")), "Priya Shah, CFO");
  EXPECT_TRUE(buyer.at("attained").as_bool());
  EXPECT_EQ(text(buyer.at("attained_at")), "2024-01-16T10:05:00Z");
  const auto& missed = stages[2].at("milestones").as_array();
  EXPECT_FALSE(missed[0].at("attained").as_bool());
  EXPECT_TRUE(missed[0].at("attained_at").is_null());
  EXPECT_TRUE(missed[0].at("value").is_null());
}

void expect_reasons(const json::value& actual, const std::vector<HealthReason>& expected) {
  const auto& reasons = actual.as_array();
  ASSERT_EQ(reasons.size(), expected.size());
  for (std::size_t i = 0; i < reasons.size(); ++i) {
    EXPECT_EQ(text(reasons[i].at("text")), expected[i].text);
    EXPECT_DOUBLE_EQ(number(reasons[i].at("effect")), expected[i].effect);
    EXPECT_EQ(strings(reasons[i].at("evidence")), expected[i].evidence);
    if (expected[i].feature.empty()) {
      EXPECT_TRUE(reasons[i].at("feature").is_null());
    } else {
      EXPECT_EQ(text(reasons[i].at("feature")), expected[i].feature);
    }
  }
}

TEST(ReportJson, HealthWithReasonsAndEvidence) {
  auto report = won_report();
  auto root = parse(report);
  const auto& health = root.at("health").as_array();
  ASSERT_EQ(health.size(), report.health.size());
  for (std::size_t i = 0; i < health.size(); ++i) {
    const auto& point = health[i].as_object();
    const auto& expected = report.health[i];
    EXPECT_EQ(text(point.at("at")), format_timestamp(expected.at));
    EXPECT_DOUBLE_EQ(number(point.at("score")), expected.score);
    EXPECT_EQ(text(point.at("trigger")), expected.trigger);
    EXPECT_DOUBLE_EQ(number(point.at("change")), expected.change);
    expect_reasons(point.at("reasons"), expected.reasons);
    expect_reasons(point.at("changes"), expected.changes);
  }
}

TEST(ReportJson, Tells) {
  auto report = won_report();
  auto root = parse(report);
  const auto& tells = root.at("tells").as_array();
  ASSERT_EQ(tells.size(), report.tells.size());
  for (std::size_t i = 0; i < tells.size(); ++i) {
    const auto& tell = tells[i].as_object();
    const auto& expected = report.tells[i];
    SCOPED_TRACE(expected.kind);
    EXPECT_EQ(text(tell.at("kind")), expected.kind);
    EXPECT_EQ(text(tell.at("description")), expected.description);
    EXPECT_EQ(text(tell.at("first_fired_at")), format_timestamp(expected.first_fired_at));
    EXPECT_EQ(time_or_null(tell.at("cleared_at")), time_or_null(expected.cleared_at));
    EXPECT_EQ(tell.at("active").as_bool(), !expected.cleared_at.has_value());
    EXPECT_DOUBLE_EQ(number(tell.at("days_before_close")), *expected.days_before_close);
    EXPECT_EQ(strings(tell.at("evidence")), expected.evidence);
  }
  EXPECT_EQ(text(tells[1].at("label")), "Buyer went quiet");
}

TEST(ReportJson, TimelineKeepsOutsideTextExactly) {
  auto report = won_report();
  auto root = parse(report);
  const auto& timeline = root.at("timeline").as_array();
  ASSERT_EQ(timeline.size(), report.timeline.size());
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    const auto& item = timeline[i].as_object();
    const auto& expected = report.timeline[i];
    SCOPED_TRACE(expected.id);
    EXPECT_EQ(text(item.at("id")), expected.id);
    EXPECT_EQ(text(item.at("at")), format_timestamp(expected.at));
    EXPECT_EQ(text(item.at("kind")), expected.kind);
    if (expected.direction.empty()) {
      EXPECT_TRUE(item.at("direction").is_null());
    } else {
      EXPECT_EQ(text(item.at("direction")), expected.direction);
    }
    EXPECT_EQ(text(item.at("stage")), expected.stage);
    EXPECT_EQ(text(item.at("summary")), expected.summary);
    if (!expected.subject.empty()) {
      EXPECT_EQ(text(item.at("subject")), expected.subject);
    }
    if (!expected.body.empty()) {
      EXPECT_EQ(text(item.at("body")), expected.body);
    }
    EXPECT_EQ(strings(item.at("participants")), expected.participants);
    if (expected.duration_seconds) {
      EXPECT_EQ(item.at("duration_seconds").to_number<long long>(), *expected.duration_seconds);
    } else {
      EXPECT_TRUE(item.at("duration_seconds").is_null());
    }
  }
}

TEST(ReportJson, LostDealAndAbsentValues) {
  auto root = parse(lost_report());
  EXPECT_EQ(text(root.at("outcome")), "lost");
  EXPECT_EQ(text(root.at("level")), "short");
  EXPECT_DOUBLE_EQ(number(root.at("opportunity").at("amount")), 48500.5);
  EXPECT_TRUE(root.at("opportunity").at("manager").is_null());
  EXPECT_TRUE(root.at("opportunity").at("owner_id").is_null());
  EXPECT_EQ(text(root.at("opportunity").at("loss_reason")), "No budget this year");
  EXPECT_EQ(strings(root.at("notes")), lost_report().notes);
}

TEST(ReportJson, OpenDealHasNoCloseAndNoDaysBeforeClose) {
  auto root = parse(open_report());
  EXPECT_EQ(text(root.at("outcome")), "open");
  EXPECT_TRUE(root.at("closed_at").is_null());
  for (const auto& tell : root.at("tells").as_array())
    EXPECT_TRUE(tell.at("days_before_close").is_null());
}

TEST(ReportJson, NoWonDealsGiveNullComparisons) {
  auto report = won_report();
  report.won_cycle.reset();
  auto won_cycle = parse(report).at("won_cycle_days").as_object();
  EXPECT_TRUE(won_cycle.at("mean").is_null());
  EXPECT_TRUE(won_cycle.at("median").is_null());
  EXPECT_EQ(won_cycle.at("deals").to_number<int>(), 0);
}

TEST(ReportJson, BrokenTextStillGivesValidJson) {
  auto report = won_report();
  report.opportunity.name = std::string(
      "bad \xC3\x28 byte, control \x01, tab\t, line\xE2\x80\xA8"
      "end");
  report.timeline[0].body = "</script><script>alert(1)</script>";
  report.cycle_days = std::numeric_limits<double>::quiet_NaN();
  std::string rendered = render_json(report);
  EXPECT_EQ(rendered.find("</script"), std::string::npos) << "\"</\" must be written as \"<\\/\"";
  auto root = parse(report);
  EXPECT_EQ(text(root.at("opportunity").at("name")),
            "bad \xEF\xBF\xBD( byte, control \xEF\xBF\xBD, tab\t, line\xE2\x80\xA8"
            "end");
  EXPECT_EQ(text(root.at("timeline").as_array()[0].at("body")), report.timeline[0].body);
  EXPECT_TRUE(root.at("cycle_days").is_null());
}

TEST(ReportJson, NumbersAreWrittenPlainly) {
  std::string rendered = render_json(won_report());
  EXPECT_NE(rendered.find("\"amount\": 120000,"), std::string::npos);
  EXPECT_NE(rendered.find("\"mean\": 63.5,"), std::string::npos);
}

}  // namespace
}  // namespace rearview
