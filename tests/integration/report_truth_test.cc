// Every report of a generated company against the generator's truth.json:
// the company is generated and imported with the libraries, then every
// report is made by the rearview binary (`report --all`, the code path users
// run) and read back as JSON. Expectations come from truth.json alone, which
// the generator writes from its own plan of each deal, never from the
// analysis under test.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <map>
#include <numeric>

#include "rearview/core/settings.h"
#include "rearview/core/time.h"
#include "rearview/generate/generator.h"
#include "rearview/importers/import.h"
#include "rearview/storage/sqlite_store.h"
#include "test_support.h"

namespace rearview {
namespace {

namespace json = boost::json;
using testing::run_command;
using testing::TemporaryDirectory;

constexpr long long kOpportunities = 300;
constexpr std::uint64_t kSeed = 3;
constexpr double kSecondsPerDay = 86400;

std::string_view text(const json::value& value) { return value.as_string(); }

json::object read_json(const std::filesystem::path& file) {
  return json::parse(testing::read_file(file)).as_object();
}

Timestamp time_of(const json::value& text) {
  auto parsed = parse_timestamp(text.as_string());
  EXPECT_TRUE(parsed) << text;
  return parsed.value_or(Timestamp{});
}

double days_from(const json::value& from, const json::value& to) {
  return double((time_of(to) - time_of(from)).count()) / kSecondsPerDay;
}

// The won-deal figures the way a statistics textbook computes them: the
// quantile interpolates linearly between the closest ranks.
struct Figures {
  double mean = 0;
  double median = 0;
  double p25 = 0;
  double p75 = 0;
  long long deals = 0;
};

double interpolated_quantile(const std::vector<double>& sorted, double q) {
  double rank = q * double(sorted.size() - 1);
  double lower = std::floor(rank);
  double upper = std::ceil(rank);
  return sorted[std::size_t(lower)] +
         (rank - lower) * (sorted[std::size_t(upper)] - sorted[std::size_t(lower)]);
}

Figures figures_of(std::vector<double> cycles) {
  std::sort(cycles.begin(), cycles.end());
  return {std::accumulate(cycles.begin(), cycles.end(), 0.0) / double(cycles.size()),
          interpolated_quantile(cycles, 0.5), interpolated_quantile(cycles, 0.25),
          interpolated_quantile(cycles, 0.75), static_cast<long long>(cycles.size())};
}

Figures figures_in(const json::object& won_cycle_days) {
  return {won_cycle_days.at("mean").to_number<double>(),
          won_cycle_days.at("median").to_number<double>(),
          won_cycle_days.at("p25").to_number<double>(),
          won_cycle_days.at("p75").to_number<double>(),
          won_cycle_days.at("deals").to_number<long long>()};
}

void expect_near(const Figures& actual, const Figures& expected, double tolerance) {
  EXPECT_NEAR(actual.mean, expected.mean, tolerance);
  EXPECT_NEAR(actual.median, expected.median, tolerance);
  EXPECT_NEAR(actual.p25, expected.p25, tolerance);
  EXPECT_NEAR(actual.p75, expected.p75, tolerance);
  EXPECT_EQ(actual.deals, expected.deals);
}

class ReportsAgainstTruth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory();
    auto generated =
        generate_company({.out_dir = folder(), .opportunities = kOpportunities, .seed = kSeed});
    ASSERT_TRUE(generated) << generated.error().message;
    truth_ = new json::object(read_json(folder() / "truth.json"));
    import_company();
    if (HasFatalFailure()) return;
    auto written = run(report_command("--all --format json --out " + reports().string()));
    ASSERT_EQ(written.exit_status, 0) << written.output;
  }
  static void TearDownTestSuite() {
    delete truth_;
    delete directory_;
  }

  static void import_company() {
    auto store = open_sqlite_store(database(), OpenMode::create_if_missing);
    ASSERT_TRUE(store) << store.error().message;
    auto imported = import_salesforce(**store, default_settings(), folder(), ImportOptions{});
    ASSERT_TRUE(imported) << imported.error().message;
    ASSERT_TRUE(imported->committed);
    ASSERT_TRUE(imported->problems.empty());
  }

  static std::filesystem::path folder() { return directory_->path() / "export"; }
  static std::filesystem::path database() { return directory_->path() / "rearview.db"; }
  static std::filesystem::path reports() { return directory_->path() / "reports"; }

  // Run in the temporary folder, so that no rearview.toml changes the settings.
  static testing::CommandResult run(const std::string& arguments) {
    return run_command("cd " + directory_->path().string() + " && " + testing::rearview_binary() +
                       " " + arguments);
  }
  // Open deals are measured up to the export time, which truth.json states.
  static std::string report_command(const std::string& arguments) {
    return "report " + arguments + " --db " + database().string() + " --as-of " +
           std::string(export_time().as_string());
  }

  static const json::value& export_time() { return truth_->at("export_time"); }
  static const json::array& deals() { return truth_->at("opportunities").as_array(); }
  static json::object report_of(const json::object& deal) {
    return read_json(reports() / (std::string(deal.at("id").as_string()) + ".json"));
  }
  static bool is_open(const json::object& deal) { return text(deal.at("outcome")) == "open"; }

  // Closed deals: truth's cycle; open ones: created to the report's as-of time.
  static double expected_cycle(const json::object& deal) {
    if (is_open(deal)) return days_from(deal.at("created_at"), export_time());
    return deal.at("cycle_days").to_number<double>();
  }

  static std::vector<double> won_cycles(const std::function<bool(const json::object&)>& admit) {
    std::vector<double> cycles;
    for (const auto& entry : deals()) {
      const auto& deal = entry.as_object();
      if (text(deal.at("outcome")) == "won" && admit(deal))
        cycles.push_back(deal.at("cycle_days").to_number<double>());
    }
    return cycles;
  }

  static inline TemporaryDirectory* directory_ = nullptr;
  static inline json::object* truth_ = nullptr;
};

TEST_F(ReportsAgainstTruth, EveryDealHasAReport) {
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(reports()))
    files += entry.path().extension() == ".json";
  EXPECT_EQ(files, deals().size());
  EXPECT_EQ(deals().size(), std::size_t(kOpportunities));
}

TEST_F(ReportsAgainstTruth, OutcomeClosedTimeLevelAndPushesAreTheTruth) {
  for (const auto& entry : deals()) {
    const auto& deal = entry.as_object();
    SCOPED_TRACE(deal.at("id").as_string().c_str());
    auto report = report_of(deal);
    EXPECT_EQ(report.at("outcome"), deal.at("outcome"));
    EXPECT_EQ(report.at("closed_at"), deal.at("closed_at"));
    EXPECT_EQ(report.at("level"), deal.at("level"));
    EXPECT_EQ(report.at("close_date_pushes"), deal.at("close_date_pushes"));
  }
}

TEST_F(ReportsAgainstTruth, TheCycleRunsFromCreationToClose) {
  int before_creation = 0;
  for (const auto& entry : deals()) {
    const auto& deal = entry.as_object();
    SCOPED_TRACE(deal.at("id").as_string().c_str());
    auto report = report_of(deal);
    EXPECT_NEAR(report.at("cycle_days").to_number<double>(), expected_cycle(deal), 1e-9);
    double first_touch_lead = report.at("first_touch_days_before_creation").to_number<double>();
    if (deal.at("first_touch_before_creation").as_bool()) {
      ++before_creation;
      EXPECT_GT(first_touch_lead, 0);
    } else {
      EXPECT_EQ(first_touch_lead, 0);
      EXPECT_EQ(report.at("first_touch"), deal.at("created_at"));
    }
  }
  EXPECT_GT(before_creation, 0) << "the sample must have deals touched before their creation";
}

// Each stay lasts until the next entry; the closed stage a deal ended in has
// 0 days; an open deal's last stay runs to the as-of time.
std::vector<double> expected_stays(const json::array& path, bool open, const json::value& as_of) {
  std::vector<double> days;
  for (std::size_t i = 0; i < path.size(); ++i) {
    const auto& entered = path[i].at("entered_at");
    if (i + 1 < path.size())
      days.push_back(days_from(entered, path[i + 1].at("entered_at")));
    else
      days.push_back(open ? days_from(entered, as_of) : 0.0);
  }
  return days;
}

TEST_F(ReportsAgainstTruth, TheStagesAreTheOnesTheDealWentThrough) {
  for (const auto& entry : deals()) {
    const auto& deal = entry.as_object();
    SCOPED_TRACE(deal.at("id").as_string().c_str());
    const auto& path = deal.at("stages").as_array();
    auto report = report_of(deal);
    const auto& stays = report.at("stages").as_array();
    ASSERT_EQ(stays.size(), path.size());
    std::vector<double> days = expected_stays(path, is_open(deal), export_time());
    for (std::size_t i = 0; i < path.size(); ++i) {
      EXPECT_EQ(stays[i].at("name"), path[i].at("stage")) << i;
      EXPECT_EQ(stays[i].at("entered_at"), path[i].at("entered_at")) << i;
      EXPECT_NEAR(stays[i].at("days").to_number<double>(), days[i], 1e-9) << i;
    }
  }
}

// The text of the last cell in the index row that links to `file`: the cycle.
std::string last_cell_of_row(const std::string& index, const std::string& file) {
  auto link = index.find("href=\"" + file + "\"");
  if (link == std::string::npos) return "(no row links to " + file + ")";
  auto row_end = index.find("</tr>", link);
  auto cell = index.rfind("\">", row_end) + 2;
  return index.substr(cell, index.find("</td>", cell) - cell);
}

// The index shows each deal's cycle to one decimal ("12.5 days", "1 day").
TEST_F(ReportsAgainstTruth, TheIndexShowsEachCycle) {
  std::string index = testing::read_file(reports() / "index.html");
  for (const auto& entry : deals()) {
    const auto& deal = entry.as_object();
    std::string id(deal.at("id").as_string());
    std::string shown = last_cell_of_row(index, id + ".json");
    ASSERT_TRUE(shown.ends_with(" days") || shown == "1 day") << id << ": " << shown;
    EXPECT_NEAR(std::stod(shown), expected_cycle(deal), 0.05 + 1e-9) << id << ": " << shown;
  }
}

TEST_F(ReportsAgainstTruth, TheWonCohortOfEveryReportIsThatOfStats) {
  auto stats = run("stats --json --db " + database().string());
  ASSERT_EQ(stats.exit_status, 0) << stats.output;
  Figures of_stats = figures_in(json::parse(stats.output).at("won_cycle_days").as_object());
  expect_near(of_stats, figures_of(won_cycles([](const json::object&) { return true; })), 1e-9);
  for (const auto& entry : deals()) {
    const auto& deal = entry.as_object();
    SCOPED_TRACE(deal.at("id").as_string().c_str());
    // The same deals and the same arithmetic: equal to the last digit.
    Figures of_report = figures_in(report_of(deal).at("won_cycle_days").as_object());
    expect_near(of_report, of_stats, 0);
  }
}

TEST_F(ReportsAgainstTruth, ANarrowedCohortIsThatOfItsWonDealsInTheTruth) {
  std::vector<Timestamp> closes;
  for (const auto& entry : deals())
    if (text(entry.at("outcome")) == "won") closes.push_back(time_of(entry.at("closed_at")));
  std::sort(closes.begin(), closes.end());
  // The middle half of the won deals by their close, a window stats cannot narrow to.
  Timestamp from = closes[closes.size() / 4];
  Timestamp until = closes[closes.size() * 3 / 4];
  auto within = [&](const json::object& deal) {
    Timestamp closed = time_of(deal.at("closed_at"));
    return closed >= from && closed < until;
  };
  const auto& any_deal = deals().front().as_object();
  auto result = run(report_command(std::string(any_deal.at("id").as_string()) +
                                   " --format json --cohort-from " + format_timestamp(from) +
                                   " --cohort-until " + format_timestamp(until)));
  ASSERT_EQ(result.exit_status, 0) << result.output;
  Figures narrowed = figures_in(json::parse(result.output).at("won_cycle_days").as_object());
  Figures expected = figures_of(won_cycles(within));
  expect_near(narrowed, expected, 1e-9);
  EXPECT_LT(expected.deals, static_cast<long long>(closes.size()));
}

}  // namespace
}  // namespace rearview
