// The rearview binary as a user runs it: generate a company, import it,
// compare the statistics with the generator's truth.json; re-import; kill an
// import half-way and finish it.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json.hpp>

#include <set>

#include "rearview/importers/csv_reader.h"
#include "sqlite_query.h"
#include "stored_data.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::run_command;
using testing::TemporaryDirectory;

std::string rearview(const std::string& arguments) {
  return testing::rearview_binary() + " " + arguments;
}

boost::json::object stats_json(const std::filesystem::path& database) {
  auto result = run_command(rearview("stats --json --db " + database.string()));
  EXPECT_EQ(result.exit_status, 0) << result.output;
  return boost::json::parse(result.output).as_object();
}

void expect_matches_truth(const boost::json::object& stats, const boost::json::object& truth) {
  for (const char* key : {"users", "accounts", "contacts", "stage_entries"})
    EXPECT_EQ(stats.at(key).to_number<long long>(), truth.at(key).to_number<long long>()) << key;
  for (const char* key : {"total", "open", "won", "lost"})
    EXPECT_EQ(stats.at("opportunities").at(key).to_number<long long>(),
              truth.at("opportunities").at(key).to_number<long long>())
        << key;
  for (const char* key : {"email", "meeting", "call", "note"})
    EXPECT_EQ(stats.at("interactions").at(key).to_number<long long>(),
              truth.at("interactions").at(key).to_number<long long>())
        << key;
  EXPECT_NEAR(stats.at("win_rate").to_number<double>(), truth.at("win_rate").to_number<double>(), 1e-12);
  for (const char* key : {"mean", "median"})
    EXPECT_NEAR(stats.at("won_cycle_days").at(key).to_number<double>(),
                truth.at("won_cycle_days").at(key).to_number<double>(), 1e-9)
        << key;
}

boost::json::object truth_counts(const std::filesystem::path& folder) {
  auto truth = boost::json::parse(testing::read_file(folder / "truth.json")).as_object();
  return truth.at("counts").as_object();
}

void generate(const std::filesystem::path& folder, int opportunities, int seed) {
  auto result = run_command(rearview("generate --out " + folder.string() + " --opportunities " +
                                     std::to_string(opportunities) + " --seed " + std::to_string(seed)));
  ASSERT_EQ(result.exit_status, 0) << result.output;
}

TEST(EndToEnd, GenerateImportStatsMatchesTruthAndReimportChangesNothing) {
  TemporaryDirectory directory;
  auto folder = directory / "export";
  auto database = directory / "rearview.db";
  generate(folder, 600, 7);
  auto imported = run_command(rearview("import salesforce " + folder.string() + " --db " + database.string()));
  ASSERT_EQ(imported.exit_status, 0) << imported.output;
  EXPECT_NE(imported.output.find("Opportunity"), std::string::npos);
  auto truth = truth_counts(folder);
  auto first = stats_json(database);
  expect_matches_truth(first, truth);

  auto again = run_command(rearview("import salesforce " + folder.string() + " --db " + database.string()));
  ASSERT_EQ(again.exit_status, 0) << again.output;
  EXPECT_EQ(stats_json(database), first);
  // Every object line reads "... rows  0 new  0 updated  rows unchanged ...".
  std::istringstream lines(again.output);
  std::string line;
  int object_lines = 0;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string object;
    long long rows, inserted, updated, unchanged;
    if (words >> object >> rows >> inserted >> updated >> unchanged) {
      ++object_lines;
      EXPECT_EQ(inserted, 0) << line;
      EXPECT_EQ(updated, 0) << line;
    }
  }
  EXPECT_EQ(object_lines, 10) << again.output;
}

TEST(EndToEnd, TheSameSeedGivesTheSameCompany) {
  TemporaryDirectory directory;
  generate(directory / "a", 150, 3);
  generate(directory / "b", 150, 3);
  EXPECT_EQ(testing::read_file(directory / "a" / "EmailMessage.csv"),
            testing::read_file(directory / "b" / "EmailMessage.csv"));
}

// Starts an import, kills it with SIGKILL after its first progress line.
bool kill_import_midway(const std::filesystem::path& folder, const std::filesystem::path& database) {
  int output[2];
  if (pipe(output) != 0) return false;
  pid_t child = fork();
  if (child == 0) {
    dup2(output[1], STDERR_FILENO);
    close(output[0]);
    int null = open("/dev/null", O_WRONLY);
    dup2(null, STDOUT_FILENO);
    std::string binary = testing::rearview_binary();
    execl(binary.c_str(), binary.c_str(), "import", "salesforce", folder.c_str(), "--db",
          database.c_str(), "--progress", "lines", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(output[1]);
  std::string seen;
  char buffer[256];
  ssize_t count;
  int progress_lines = 0;
  while (progress_lines < 3 && (count = read(output[0], buffer, sizeof buffer)) > 0) {
    seen.append(buffer, std::size_t(count));
    progress_lines = int(std::count(seen.begin(), seen.end(), '\n'));
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(output[0]);
  return WIFSIGNALED(status);
}

TEST(EndToEnd, AKilledImportLeavesTheDatabaseConsistentAndARerunCompletesIt) {
  TemporaryDirectory directory;
  auto folder = directory / "export";
  auto database = directory / "rearview.db";
  generate(folder, 3000, 11);
  bool killed = kill_import_midway(folder, database);
  if (!killed) GTEST_SKIP() << "the import finished before it could be killed";
  EXPECT_EQ(testing::query_value(database, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(testing::query_value(database, "PRAGMA foreign_key_check"), "<no row>");
  auto partial = stats_json(database);
  EXPECT_EQ(partial.at("opportunities").at("total").to_number<long long>(), 0)
      << "a killed import must not leave part of its work behind";
  auto rerun = run_command(rearview("import salesforce " + folder.string() + " --db " + database.string()));
  ASSERT_EQ(rerun.exit_status, 0) << rerun.output;
  expect_matches_truth(stats_json(database), truth_counts(folder));
}

TEST(EndToEnd, ABadExportFailsWithItsProblemsAndAHint) {
  TemporaryDirectory directory;
  std::filesystem::create_directories(directory / "export");
  testing::write_file(directory / "export" / "Opportunity.csv",
                      "Id,StageName,CreatedDate\n006A,Prospecting,last tuesday\n");
  auto result = run_command(rearview("import salesforce " + (directory / "export").string() +
                                     " --db " + (directory / "db").string()));
  EXPECT_EQ(result.exit_status, 3);
  EXPECT_NE(result.output.find("Opportunity.csv:2: column CreatedDate: \"last tuesday\" is not valid"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("hint: fix the rows"), std::string::npos) << result.output;
}

TEST(EndToEnd, StatsOnAMissingDatabaseSaysHowToMakeOne) {
  TemporaryDirectory directory;
  auto result = run_command(rearview("stats --db " + (directory / "none.db").string()));
  EXPECT_EQ(result.exit_status, 4);
  EXPECT_NE(result.output.find("there is no database at"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("hint:"), std::string::npos);
}

TEST(EndToEnd, ConfigCheckReportsTheFileAndLine) {
  TemporaryDirectory directory;
  testing::write_file(directory / "rearview.toml", "[company]\ntime_zone = \"Nowhere/Land\"\n");
  auto result = run_command(rearview("--config " + (directory / "rearview.toml").string() + " config check"));
  EXPECT_EQ(result.exit_status, 6);
  EXPECT_NE(result.output.find("rearview.toml:2:13: unknown time zone 'Nowhere/Land'"),
            std::string::npos)
      << result.output;
  auto init = run_command("cd " + directory.path().string() + " && " + rearview("config init --file fresh.toml") +
                          " && " + rearview("--config fresh.toml config check"));
  EXPECT_EQ(init.exit_status, 0) << init.output;
  EXPECT_NE(init.output.find("the configuration is valid"), std::string::npos);
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

TEST(EndToEnd, MilestonesAreSetByNameAndValidated) {
  TemporaryDirectory directory;
  auto folder = directory / "export";
  auto database = directory / "rearview.db";
  auto config = directory / "rearview.toml";
  testing::write_file(config, R"(
[company]
time_zone = "America/Los_Angeles"
[[stages]]
name = "Prospecting"
  [[stages.milestones]]
  key = "economic_buyer"
  label = "Economic buyer identified"
  [[stages.milestones]]
  key = "budget"
  kind = "dropdown"
  options = ["unknown", "approved"]
[[stages]]
name = "Closed Won"
closed = true
won = true
[[stages]]
name = "Closed Lost"
closed = true
)");
  generate(folder, 60, 5);
  std::string with_config = "--config " + config.string() + " ";
  ASSERT_EQ(run_command(rearview(with_config + "import salesforce " + folder.string() + " --db " +
                                 database.string()))
                .exit_status,
            0);
  std::string id = testing::StoredData(database).deals().front().opportunity.id;
  auto milestone = [&](const std::string& arguments) {
    return run_command(rearview(with_config + "milestone set " + arguments + " --db " + database.string()));
  };
  auto bad_option = milestone(id + " budget maybe");
  EXPECT_EQ(bad_option.exit_status, 2);
  EXPECT_NE(bad_option.output.find("options: unknown, approved"), std::string::npos) << bad_option.output;
  auto unknown_key = milestone(id + " champion yes");
  EXPECT_EQ(unknown_key.exit_status, 4);
  EXPECT_NE(unknown_key.output.find("economic_buyer (Prospecting)"), std::string::npos);
  auto unknown_deal = milestone("'no such deal at all' budget approved");
  EXPECT_EQ(unknown_deal.exit_status, 4);
  EXPECT_NE(unknown_deal.output.find("the closest are"), std::string::npos) << unknown_deal.output;
  auto set = milestone(id + " economic_buyer yes --by 'Rita Rep' --at 2025-01-02T10:00:00Z");
  ASSERT_EQ(set.exit_status, 0) << set.output;
  // The recorded milestone (not one a contact role attains), read back.
  auto recorded = [&](const std::string& key) {
    auto deal = testing::StoredData(database).deal(id);
    if (!deal) throw std::runtime_error("no deal " + id);
    for (const auto& attained : deal->milestones)
      if (attained.key == key && attained.source == "user") return attained;
    throw std::runtime_error("no recorded milestone " + key);
  };
  EXPECT_EQ(recorded("economic_buyer").value, "true");
  EXPECT_EQ(recorded("economic_buyer").attained_by, "Rita Rep");
  EXPECT_EQ(recorded("economic_buyer").attained_at, parse_timestamp("2025-01-02T10:00:00Z"));
  // Without an offset, --at is read in Los Angeles: 09:30 PDT (UTC-7) is
  // 2025-07-01 16:30 UTC.
  auto local = milestone(id + " budget approved --at '2025-07-01 09:30'");
  ASSERT_EQ(local.exit_status, 0) << local.output;
  EXPECT_NE(local.output.find("2025-07-01 09:30 PDT by cli"), std::string::npos) << local.output;
  EXPECT_EQ(recorded("budget").attained_at, parse_timestamp("2025-07-01T16:30:00Z"));
}

}  // namespace
}  // namespace rearview

namespace rearview {
namespace {

class ReportCommand : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new TemporaryDirectory();
    generate(folder(), 300, 13);
    auto imported = run_command(rearview("import salesforce " + folder().string() + " --db " +
                                         database().string()));
    ASSERT_EQ(imported.exit_status, 0) << imported.output;
  }
  static void TearDownTestSuite() { delete directory_; }
  static std::filesystem::path folder() { return directory_->path() / "export"; }
  static std::filesystem::path database() { return directory_->path() / "rearview.db"; }
  static std::string report(const std::string& arguments) {
    return rearview("report " + arguments + " --db " + database().string() +
                    " --as-of 2026-06-30T23:59:59Z");
  }
  static std::string closed_deal(OutcomeFilter outcome) {
    return testing::StoredData(database()).deals({.outcome = outcome}).front().opportunity.id;
  }
  static inline TemporaryDirectory* directory_ = nullptr;
};

TEST_F(ReportCommand, JsonOfAWonDealCarriesTheDocumentedFields) {
  std::string id = closed_deal(OutcomeFilter::won);
  auto result = run_command(report(id + " --format json"));
  ASSERT_EQ(result.exit_status, 0) << result.output;
  auto json = boost::json::parse(result.output).as_object();
  EXPECT_EQ(json.at("opportunity").at("id").as_string(), id);
  EXPECT_EQ(json.at("outcome").as_string(), "won");
  EXPECT_EQ(json.at("level").as_string(), "full");
  EXPECT_GT(json.at("cycle_days").to_number<double>(), 0);
  EXPECT_GT(json.at("won_cycle_days").at("median").to_number<double>(), 0);
  EXPECT_FALSE(json.at("stages").as_array().empty());
  EXPECT_FALSE(json.at("health").as_array().empty());
  EXPECT_FALSE(json.at("timeline").as_array().empty());
  EXPECT_TRUE(json.at("closed_at").is_string());
}

// The Ids of the activities whose records in the export name `deal`, read
// from the CSV files themselves.
std::set<std::string> crm_activities_of(const std::filesystem::path& folder, const Id& deal) {
  std::set<std::string> ids;
  for (auto [file, column] : {std::pair{"Task.csv", "WhatId"}, std::pair{"Event.csv", "WhatId"},
                              std::pair{"EmailMessage.csv", "RelatedToId"}}) {
    auto reader = CsvReader::open(folder / file);
    EXPECT_TRUE(reader) << file;
    if (!reader) continue;
    const auto& header = (*reader)->header();
    auto index = [&](std::string_view name) {
      return std::size_t(std::find(header.begin(), header.end(), name) - header.begin());
    };
    std::size_t id = index("Id"), names = index(column), deleted = index("IsDeleted");
    CsvRecord record;
    CsvDamage damage;
    while ((*reader)->next(record, damage) == CsvReader::Status::record)
      if (record[names] == deal && record[deleted] != "true") ids.insert(std::string(record[id]));
  }
  return ids;
}

boost::json::object report_json(const std::string& command) {
  auto result = run_command(command);
  EXPECT_EQ(result.exit_status, 0) << result.output;
  return boost::json::parse(result.output).as_object();
}

// Interactions on the timeline whose link has `method`, by their source_id.
std::set<std::string> linked_items(const boost::json::object& report, std::string_view method) {
  std::set<std::string> ids;
  for (const auto& value : report.at("timeline").as_array()) {
    const auto& item = value.as_object();
    if (item.at("link").is_null() || item.at("link").at("method").as_string() != method) continue;
    ids.insert(std::string(item.at("source_id").as_string()));
  }
  return ids;
}

TEST_F(ReportCommand, EachInteractionNamesItsSourceRecordAndWhyItIsOnTheDeal) {
  for (auto outcome : {OutcomeFilter::won, OutcomeFilter::lost}) {
    std::string id = closed_deal(outcome);
    auto json = report_json(report(id + " --format json"));
    auto expected = crm_activities_of(folder(), id);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(linked_items(json, "crm"), expected);
    for (const auto& value : json.at("timeline").as_array()) {
      const auto& item = value.as_object();
      bool interaction = !item.at("direction").is_null();
      EXPECT_EQ(item.at("source").is_null(), !interaction) << item.at("kind");
      if (!interaction) continue;
      EXPECT_EQ(item.at("source").as_string(), "crm");
      EXPECT_EQ(item.at("link").at("score").to_number<double>(), 1);
      EXPECT_EQ(item.at("link").at("rule").as_string(), "the CRM record names the opportunity");
    }
  }
}

TEST_F(ReportCommand, AnInteractionAssignedByHandMovesToThatDealAndStays) {
  TemporaryDirectory copy;
  auto database = copy / "assigned.db";
  std::filesystem::copy_file(ReportCommand::database(), database);
  std::string from = closed_deal(OutcomeFilter::won), to = closed_deal(OutcomeFilter::lost);
  auto on = [&](const std::string& deal) {
    return report_json(rearview("report " + deal + " --format json --db " + database.string()));
  };
  std::string moved = *crm_activities_of(folder(), from).begin();
  auto assigned = run_command(rearview("assign " + moved + " " + to + " --by 'Max Manager' --db " +
                                       database.string()));
  ASSERT_EQ(assigned.exit_status, 0) << assigned.output;
  EXPECT_NE(assigned.output.find("it was on " + from + " (crm)"), std::string::npos)
      << assigned.output;
  EXPECT_EQ(linked_items(on(to), "manual"), std::set<std::string>{moved});
  EXPECT_EQ(linked_items(on(from), "crm").count(moved), 0u);
  // A re-import of the export that linked it to `from` leaves it where it was put.
  auto imported = run_command(rearview("import salesforce " + folder().string() + " --db " +
                                       database.string()));
  ASSERT_EQ(imported.exit_status, 0) << imported.output;
  EXPECT_EQ(linked_items(on(to), "manual"), std::set<std::string>{moved});
  auto unknown = run_command(rearview("assign no-such-interaction " + to + " --db " +
                                      database.string()));
  EXPECT_NE(unknown.exit_status, 0);
  EXPECT_NE(unknown.output.find("no interaction has the id or source id 'no-such-interaction'"),
            std::string::npos)
      << unknown.output;
}

TEST_F(ReportCommand, TheConfiguredTimeZoneReachesTheReportsAndTheJsonStaysUtc) {
  auto config = directory_->path() / "los-angeles.toml";
  testing::write_file(config, "[company]\ntime_zone = \"America/Los_Angeles\"\n");
  std::string id = closed_deal(OutcomeFilter::won);
  auto in_los_angeles = [&](const std::string& arguments) {
    return run_command(rearview("--config " + config.string() + " report " + id + " --db " +
                                database().string() + " " + arguments));
  };
  // 2026-06-30 23:59:59 UTC is 16:59 PDT (UTC-7).
  auto markdown = in_los_angeles("--format md --as-of 2026-06-30T23:59:59Z");
  ASSERT_EQ(markdown.exit_status, 0) << markdown.output;
  EXPECT_NE(markdown.output.find("compiled 2026-06-30 16:59 PDT · Times in America/Los_Angeles"),
            std::string::npos);
  // An --as-of without an offset is a Los Angeles time: 09:00 PST (UTC-8).
  auto json = in_los_angeles("--format json --as-of '2026-01-15 09:00'");
  ASSERT_EQ(json.exit_status, 0) << json.output;
  auto report = boost::json::parse(json.output).as_object();
  EXPECT_EQ(report.at("time_zone").as_string(), "America/Los_Angeles");
  EXPECT_EQ(report.at("as_of").as_string(), "2026-01-15T17:00:00Z");
  EXPECT_TRUE(report.at("closed_at").as_string().ends_with("Z"));
}

TEST_F(ReportCommand, TheWonCohortCanBeNarrowedByTypeAndPeriod) {
  std::string id = closed_deal(OutcomeFilter::lost);
  auto median = [&](const std::string& cohort) {
    auto result = run_command(report(id + " --format json " + cohort));
    EXPECT_EQ(result.exit_status, 0) << result.output;
    auto json = boost::json::parse(result.output.substr(result.output.find('{'))).as_object();
    return json.at("won_cycle_days").at("median");
  };
  auto everyone = median("");
  auto new_business = median("--cohort-type 'New Business'");
  auto nobody = median("--cohort-until 2000-01-01");
  auto no_segment = median("--cohort-field Segment__c=Enterprise");  // the generator has none
  EXPECT_TRUE(no_segment.is_null());
  EXPECT_TRUE(everyone.is_number());
  EXPECT_TRUE(new_business.is_number());
  EXPECT_NE(everyone, new_business);
  EXPECT_TRUE(nobody.is_null());
  auto bad = run_command(report(id + " --cohort-from yesterday"));
  EXPECT_EQ(bad.exit_status, 2);
}

TEST_F(ReportCommand, AnUnknownNameListsTheClosestMatches) {
  auto result = run_command(report("'zzz no such deal' --format md"));
  EXPECT_EQ(result.exit_status, 4);
  EXPECT_NE(result.output.find("the closest are"), std::string::npos) << result.output;
}

TEST_F(ReportCommand, MarkdownHtmlAndPdfAreWritten) {
  std::string id = closed_deal(OutcomeFilter::lost);
  auto out = directory_->path() / "one";
  std::filesystem::create_directories(out);
  for (const char* format : {"md", "html", "pdf"}) {
    auto file = out / (id + "." + format);
    auto result = run_command(report(id + " --format " + format + " --out " + file.string()));
    ASSERT_EQ(result.exit_status, 0) << result.output;
    EXPECT_GT(std::filesystem::file_size(file), 1000u) << format;
  }
  EXPECT_NE(testing::read_file(out / (id + ".html")).find("<svg"), std::string::npos);
}

TEST_F(ReportCommand, AllClosedDealsGetAReportAndAnIndex) {
  auto out = directory_->path() / "all";
  auto result = run_command(report("--all --closed --out " + out.string()));
  ASSERT_EQ(result.exit_status, 0) << result.output;
  auto closed = static_cast<long long>(
      testing::StoredData(database()).deals({.outcome = OutcomeFilter::closed}).size());
  long long files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out))
    files += entry.path().extension() == ".html" && entry.path().filename() != "index.html";
  EXPECT_EQ(files, closed);
  std::string index = testing::read_file(out / "index.html");
  EXPECT_NE(index.find(closed_deal(OutcomeFilter::won) + ".html"), std::string::npos);
}

// Every CSV of the export with the opportunity ids `from` replaced by `to`.
void rename_ids(const std::filesystem::path& folder,
                const std::vector<std::pair<std::string, std::string>>& renames) {
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".csv") continue;
    std::string text = testing::read_file(entry.path());
    for (const auto& [from, to] : renames)
      for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    testing::write_file(entry.path(), text);
  }
}

class HostileIds : public ::testing::Test {
 protected:
  void SetUp() override {
    generate(directory_ / "export", 12, 5);
    rename_ids(directory_ / "export", {{"006000000000000001", "../../escaped"},
                                       {"006000000000000002", absolute_id()},
                                       {"006000000000000003", "index"},
                                       // the longest Id an import accepts: past NAME_MAX with ".html"
                                       {"006000000000000004", std::string(255, 'L')},
                                       {"006000000000000005", "a~b/c"}});
    auto imported = run_command(rearview("import salesforce " + (directory_ / "export").string() +
                                         " --db " + database().string()));
    ASSERT_EQ(imported.exit_status, 0) << imported.output;
    out_ = directory_.path() / "a" / "b" / "out";
  }
  std::filesystem::path database() const { return directory_ / "rearview.db"; }
  std::string absolute_id() const { return (directory_ / "absolute").string(); }
  testing::CommandResult report_all() const {
    return run_command(rearview("report --all --out " + out_.string() + " --db " +
                                database().string() + " 2>&1"));
  }
  TemporaryDirectory directory_;
  std::filesystem::path out_;
};

TEST_F(HostileIds, ReportsStayInsideTheOutFolderAndTheIndexLinksThemAll) {
  auto result = report_all();
  ASSERT_EQ(result.exit_status, 0) << result.output;
  EXPECT_FALSE(std::filesystem::exists(directory_ / "absolute"));
  EXPECT_FALSE(std::filesystem::exists(directory_ / "a" / "escaped"));
  std::string index = testing::read_file(out_ / "index.html");
  EXPECT_NE(index.find("<h1>Postmortems</h1>"), std::string::npos) << "the id 'index' left it be";
  std::size_t reports = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out_)) {
    std::string name = entry.path().filename().string();
    if (name == "index.html") continue;
    ++reports;
    EXPECT_NE(index.find("href=\"" + name + "\""), std::string::npos) << name;
  }
  EXPECT_EQ(reports, 12u);
}

TEST_F(HostileIds, OneUnwritableReportIsReportedAndTheRestAreWritten) {
  std::filesystem::create_directories(out_ / "index_.html");  // where the id "index" goes
  auto result = report_all();
  EXPECT_EQ(result.exit_status, 4) << result.output;
  EXPECT_NE(result.output.find("1 of 12 reports could not be written"), std::string::npos)
      << result.output;
  std::string index = testing::read_file(out_ / "index.html");
  EXPECT_EQ(index.find("index_.html"), std::string::npos) << "the index lists what was written";
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(out_)) files += entry.is_regular_file();
  EXPECT_EQ(files, 12u) << "11 reports and the index";
}

TEST_F(ReportCommand, TellsAndHealthEvaluationRun) {
  auto tells = run_command(rearview("tells --db " + database().string()));
  ASSERT_EQ(tells.exit_status, 0) << tells.output;
  EXPECT_NE(tells.output.find("ghosted"), std::string::npos) << tells.output;
  auto health = run_command(rearview("health evaluate --db " + database().string()));
  ASSERT_EQ(health.exit_status, 0) << health.output;
  EXPECT_NE(health.output.find("AUC"), std::string::npos) << health.output;
}

}  // namespace
}  // namespace rearview
