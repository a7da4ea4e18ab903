// Regressions for the command line as a careless user or another program
// meets it: exit statuses, databases that are not ours, read-only places,
// a reader while another process writes.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include "stored_data.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::read_file;
using testing::run_command;
using testing::TemporaryDirectory;

std::string rearview(const std::string& arguments) {
  return testing::rearview_binary() + " " + arguments;
}

// A small company, imported into directory/rearview.db.
std::filesystem::path small_database(const TemporaryDirectory& directory) {
  auto generated = run_command(rearview("generate --out " + (directory / "export").string() +
                                        " --opportunities 60 --seed 5"));
  EXPECT_EQ(generated.exit_status, 0) << generated.output;
  auto database = directory / "rearview.db";
  auto imported = run_command(rearview("import salesforce " + (directory / "export").string() +
                                       " --progress none --db " + database.string()));
  EXPECT_EQ(imported.exit_status, 0) << imported.output;
  return database;
}

// Regression: command-line mistakes exited 105, 106 or 109 instead of 2.
TEST(CommandLine, EveryMistakeOnTheCommandLineExitsWithStatus2) {
  for (const char* arguments :
       {"stats --no-such-option", "import salesforce", "import salesforce x --progress sideways",
        "--config /no/such/rearview.toml stats", "no-such-command", "",
        "report --all --format html --holdout x"}) {
    auto result = run_command(rearview(arguments));
    EXPECT_EQ(result.exit_status, 2) << arguments << "\n" << result.output;
  }
  EXPECT_EQ(run_command(rearview("--help")).exit_status, 0);
  EXPECT_EQ(run_command(rearview("import --help")).exit_status, 0);
}

// Regression: `rearview stats --db other-app.sqlite` added rearview's tables
// to another program's database and switched it to WAL.
TEST(CommandLine, AnotherProgramsDatabaseIsRefusedAndLeftByteForByte) {
  TemporaryDirectory directory;
  auto foreign = directory / "other-app.sqlite";
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  std::string before = read_file(foreign);
  small_database(directory);
  for (std::string command : {std::string("stats"), "report --all --out " + (directory / "out").string(),
                              "import salesforce " + (directory / "export").string() + " --progress none"}) {
    auto result = run_command(rearview(command + " --db " + foreign.string()));
    EXPECT_EQ(result.exit_status, 5) << command << "\n" << result.output;
    EXPECT_NE(result.output.find("is not a rearview database"), std::string::npos) << result.output;
  }
  EXPECT_EQ(read_file(foreign), before);
  EXPECT_FALSE(std::filesystem::exists(directory / "other-app.sqlite-wal"));
}

// Regression: a database the user may read but not write could not be read.
TEST(CommandLine, ReadingCommandsWorkOnADatabaseInAReadOnlyFolder) {
  TemporaryDirectory directory;
  auto database = small_database(directory);
  auto read_only = directory / "read-only";
  std::filesystem::create_directories(read_only);
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a read-only file system needs root";
  if (run_command("mount -t tmpfs -o size=32m tmpfs " + read_only.string()).exit_status != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here";
  std::filesystem::copy_file(database, read_only / "rearview.db");
  std::string before = read_file(read_only / "rearview.db");
  ASSERT_EQ(run_command("mount -o remount,ro " + read_only.string()).exit_status, 0);
  auto stats = run_command(rearview("stats --json --db " + (read_only / "rearview.db").string()));
  auto report = run_command(rearview("report --all --closed --out " + (directory / "out").string() +
                                     " --db " + (read_only / "rearview.db").string()));
  auto tells = run_command(rearview("tells --db " + (read_only / "rearview.db").string()));
  auto import = run_command(rearview("import salesforce " + (directory / "export").string() +
                                     " --progress none --db " + (read_only / "rearview.db").string()));
  std::string after = read_file(read_only / "rearview.db");
  run_command("umount " + read_only.string());
  EXPECT_EQ(stats.exit_status, 0) << stats.output;
  EXPECT_NE(stats.output.find("\"opportunities\""), std::string::npos);
  EXPECT_EQ(report.exit_status, 0) << report.output;
  EXPECT_EQ(tells.exit_status, 0) << tells.output;
  EXPECT_NE(import.exit_status, 0);
  EXPECT_EQ(after, before);
}

// Regression: a bulk import switched SQLite to the rollback journal, so
// every reader exited 5 ("database is locked") while it ran.
TEST(CommandLine, ReadersWorkWhileAnotherProcessWritesAndASecondWriterIsToldWhy) {
  TemporaryDirectory directory;
  auto database = small_database(directory);
  testing::StoredData writer(database, OpenMode::must_exist);
  auto deals = writer.deals();
  std::string counted = std::to_string(deals.size());
  auto writing = writer.session().write_transaction();
  ASSERT_TRUE(writing) << writing.error().message;
  for (auto& deal : deals) {
    deal.opportunity.name = "renamed";
    ASSERT_TRUE(writing->records().upsert(deal.opportunity));
  }
  auto stats = run_command(rearview("stats --json --db " + database.string()));
  auto report = run_command(rearview("report --all --format md --out " + (directory / "md").string() +
                                     " --db " + database.string()));
  auto second_writer = run_command(rearview("import salesforce " + (directory / "export").string() +
                                            " --progress none --db " + database.string()));
  writing->rollback();
  EXPECT_EQ(stats.exit_status, 0) << stats.output;
  EXPECT_NE(stats.output.find("\"total\":" + counted), std::string::npos) << stats.output;
  EXPECT_EQ(report.exit_status, 0) << report.output;
  EXPECT_EQ(read_file(directory / "md" / "index.html").find("renamed"), std::string::npos);
  EXPECT_EQ(second_writer.exit_status, 5) << second_writer.output;
  EXPECT_NE(second_writer.output.find("locked"), std::string::npos) << second_writer.output;
  EXPECT_NE(second_writer.output.find("another rearview process is writing"), std::string::npos);
}

// Regression: `rearview generate --out` into a real export overwrote its files.
TEST(CommandLine, GenerateNeverOverwritesAFolderItDidNotWrite) {
  TemporaryDirectory directory;
  auto folder = directory / "my-export";
  std::filesystem::create_directories(folder);
  testing::write_file(folder / "Opportunity.csv", "Id\nmine\n");
  auto refused = run_command(rearview("generate --opportunities 5 --out " + folder.string()));
  EXPECT_EQ(refused.exit_status, 2) << refused.output;
  EXPECT_EQ(read_file(folder / "Opportunity.csv"), "Id\nmine\n");
  auto first = run_command(rearview("generate --opportunities 5 --out " + (directory / "g").string()));
  ASSERT_EQ(first.exit_status, 0) << first.output;
  auto again = run_command(rearview("generate --opportunities 5 --out " + (directory / "g").string()));
  EXPECT_EQ(again.exit_status, 0) << again.output;
}

// Thousands of bad rows are a few kinds: printed by kind with their first
// lines, every one in a file beside the database.
TEST(CommandLine, ManyRowProblemsArePrintedByKindAndListedInFull) {
  TemporaryDirectory directory;
  auto folder = directory / "export";
  std::filesystem::create_directories(folder);
  std::string rows = "Id,Name,StageName,CloseDate,CreatedDate\n";
  for (int row = 1; row <= 40; ++row)
    rows += "006X" + std::to_string(row) + ",Deal,Prospecting," + (row % 2 ? "never" : "soon") +
            ",2024-01-01\n";
  testing::write_file(folder / "Opportunity.csv", rows);
  auto database = directory / "rearview.db";
  auto result = run_command(rearview("import salesforce " + folder.string() + " --db " +
                                     database.string()));
  EXPECT_NE(result.exit_status, 0);
  EXPECT_NE(result.output.find("Opportunity.csv: 40 rows: column CloseDate: not valid (expected"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("first on lines 2 (\"never\"), 3 (\"soon\"), 4 (\"never\")"),
            std::string::npos)
      << result.output;
  EXPECT_EQ(result.output.find("Opportunity.csv:5:"), std::string::npos) << "not one by one";
  std::string list = read_file(directory / "rearview.db.problems.txt");
  EXPECT_EQ(std::count(list.begin(), list.end(), '\n'), 40);
  EXPECT_NE(list.find("Opportunity.csv:41: column CloseDate: \"soon\""), std::string::npos) << list;
}

}  // namespace
}  // namespace rearview
