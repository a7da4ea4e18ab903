// Regressions for hostile and clumsy input to the importers: each test is
// named after a problem that was found, and failed before its fix.
#include <unistd.h>

#include "salesforce_export_fixture.h"

namespace rearview {
namespace {

using testing::read_file;
using testing::run_command;
using testing::SalesforceImportTest;
using testing::write_export;
using testing::write_file;

const std::string kOpportunityHeader =
    "Id,IsDeleted,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,OwnerId,CreatedDate,"
    "StageSortOrder\n";

std::string opportunity_row(const std::string& id, const std::string& amount,
                            const std::string& sort_order = "") {
  return id + ",false,001A,Deal " + id + ",Prospecting," + amount + ",2024-09-30,,,005R," +
         "2024-04-01T00:00:00Z," + sort_order + "\n";
}

class ImportHardeningTest : public SalesforceImportTest {
 protected:
  // The export with Opportunity.csv replaced by `rows`.
  void write_opportunities(const std::string& rows) {
    write_export(folder());
    write_file(folder() / "Opportunity.csv", kOpportunityHeader + rows);
    std::filesystem::remove(folder() / "OpportunityHistory.csv");
    std::filesystem::remove(folder() / "OpportunityContactRole.csv");
    for (auto file : {"Task.csv", "Event.csv", "EmailMessage.csv"}) std::filesystem::remove(folder() / file);
  }

  std::vector<std::string> problem_columns(const ImportReport& report) {
    std::vector<std::string> columns;
    for (const auto& problem : report.problems) columns.push_back(problem.column);
    return columns;
  }
};

// Regression: an Amount of 1e17 crashed every report; NaN and infinities were accepted.
TEST_F(ImportHardeningTest, AnAmountOutOfRangeOrNotFiniteIsABadValue) {
  std::vector<std::string> bad = {"1e17", "NaN", "nan", "inf", "-Infinity", "1e308", "-2e15"};
  std::string rows;
  for (std::size_t i = 0; i < bad.size(); ++i) rows += opportunity_row("006B" + std::to_string(i), bad[i]);
  rows += opportunity_row("006G", "999999999999999");  // just inside the range
  write_opportunities(rows);
  auto report = import(folder());
  ASSERT_TRUE(report);
  EXPECT_FALSE(report->committed);
  ASSERT_EQ(report->problem_count, long(bad.size()));
  for (std::size_t i = 0; i < bad.size(); ++i) {
    EXPECT_EQ(report->problems[i].column, "Amount");
    EXPECT_EQ(report->problems[i].value, bad[i]);
    EXPECT_EQ(report->problems[i].line, long(i) + 2);
  }
}

// Regression: a StageSortOrder of 1e300 or nan was stored as 0, and a call of
// 1e300 seconds showed as -9223372036854775808.
TEST_F(ImportHardeningTest, WholeNumbersOutOfRangeAreBadValuesNotWrappedIntegers) {
  write_opportunities(opportunity_row("006A", "10", "1e300") + opportunity_row("006B", "10", "nan") +
                      opportunity_row("006C", "10", "2.5") + opportunity_row("006D", "10", "3"));
  write_file(folder() / "Task.csv",
             "Id,WhatId,OwnerId,Subject,ActivityDate,TaskSubtype,CallDurationInSeconds\n"
             "00T1,006D,005R,Call,2024-05-01,Call,1e300\n00T2,006D,005R,Call,2024-05-01,Call,-1\n"
             "00T3,006D,005R,Call,2024-05-01,Call,1800\n");
  auto report = import(folder());
  ASSERT_TRUE(report);
  EXPECT_EQ(problem_columns(*report),
            (std::vector<std::string>{"StageSortOrder", "StageSortOrder", "StageSortOrder",
                                      "CallDurationInSeconds", "CallDurationInSeconds"}));
}

// Regression: an Id with a NUL was stored and written raw into the HTML; a
// byte-order mark in the middle of a file (two exports concatenated) too.
TEST_F(ImportHardeningTest, IdsWithControlCharactersOrAByteOrderMarkAreBadValues) {
  write_opportunities(opportunity_row(std::string("006\0X", 5), "10") +
                      opportunity_row("\xEF\xBB\xBF" "006Y", "10") +
                      opportunity_row("006\x1B[31mZ", "10") +
                      opportunity_row(std::string(300, 'L'), "10") + opportunity_row("006OK", "10"));
  auto report = import(folder());
  ASSERT_TRUE(report);
  ASSERT_EQ(report->problem_count, 4);
  for (const auto& problem : report->problems) EXPECT_EQ(problem.column, "Id");
  // What is shown on a terminal carries no control character.
  for (const auto& problem : report->problems)
    for (unsigned char c : describe(problem)) EXPECT_TRUE(c >= 0x20 && c != 0x7F) << describe(problem);
  EXPECT_NE(describe(report->problems[0]).find("006\\x00X"), std::string::npos);
}

// Regression: duplicate Ids in one file merged silently (the last row won,
// and the summary said "201 updated" for 200 records).
TEST_F(ImportHardeningTest, ADuplicateIdInOneImportIsAProblemNamingBothLines) {
  write_opportunities(opportunity_row("006A", "10") + opportunity_row("006B", "20") +
                      opportunity_row("006A", "30"));
  auto failed = import(folder());
  ASSERT_TRUE(failed);
  EXPECT_FALSE(failed->committed);
  ASSERT_EQ(failed->problem_count, 1);
  EXPECT_EQ(failed->problems[0].line, 4);
  EXPECT_NE(failed->problems[0].message.find("also on line 2 of Opportunity.csv"), std::string::npos)
      << failed->problems[0].message;

  auto skipped = import(folder(), BadRows::skip);
  ASSERT_TRUE(skipped);
  EXPECT_TRUE(skipped->committed);
  EXPECT_EQ(deal("006A").opportunity.amount, 10.0);
  const auto& opportunities = skipped->objects[3];
  ASSERT_EQ(opportunities.object, "Opportunity");
  EXPECT_EQ(opportunities.inserted, 2);
  EXPECT_EQ(opportunities.updated, 0);
  EXPECT_EQ(opportunities.rejected, 1);
}

TEST_F(ImportHardeningTest, TheSameIdInTasksAndEventsIsADuplicateInteraction) {
  write_export(folder());
  write_file(folder() / "Event.csv",
             "Id,WhatId,OwnerId,Subject,StartDateTime\n00T1,006W,005R,Demo,2024-01-20T15:00:00Z\n");
  auto report = import(folder());
  ASSERT_TRUE(report);
  ASSERT_EQ(report->problem_count, 1);
  EXPECT_NE(report->problems[0].message.find("also on line 2 of Task.csv"), std::string::npos);
}

// Regression: with --skip-bad-rows over an existing database, the history of
// a rejected opportunity was applied, so a deal stayed open while its history
// ended in Closed Lost.
TEST_F(ImportHardeningTest, RowsThatDependOnARejectedRowAreRejectedWithIt) {
  write_export(folder());
  ASSERT_TRUE(import(folder())->committed);
  auto stages_before = deal("006O").stage_entries;
  // A newer export closes 006O, but its Opportunity row has a bad amount.
  std::string opportunities = read_file(folder() / "Opportunity.csv");
  auto at = opportunities.find("006O,false,001A,Acme renewal,Prospecting,,");
  ASSERT_NE(at, std::string::npos);
  opportunities.replace(at, std::string("006O,false,001A,Acme renewal,Prospecting,,").size(),
                        "006O,false,001A,Acme renewal,Closed Lost,12k,");
  write_file(folder() / "Opportunity.csv", opportunities);
  write_file(folder() / "OpportunityHistory.csv",
             read_file(folder() / "OpportunityHistory.csv") +
                 "008f,006O,2024-05-01T00:00:00.000Z,Closed Lost,,2024-05-01,false\n");
  write_file(folder() / "Task.csv", read_file(folder() / "Task.csv") +
                                        "00T9,false,,006O,005R,Call,,2024-05-01,,Call,Call,,\n");
  auto report = import(folder(), BadRows::skip);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->committed);
  ASSERT_EQ(report->problem_count, 3);
  for (std::size_t i : {1, 2}) {
    EXPECT_EQ(report->problems[i].value, "006O");
    EXPECT_NE(report->problems[i].message.find("depends on Opportunity 006O, which was rejected "
                                               "(Opportunity.csv:"),
              std::string::npos)
        << report->problems[i].message;
  }
  OpportunitySnapshot renewal = deal("006O");
  ASSERT_EQ(renewal.stage_entries.size(),
            stages_before.size());  // the history ending in Closed Lost is not applied
  EXPECT_EQ(renewal.stage_entries.back().stage, stages_before.back().stage);
  EXPECT_TRUE(renewal.interactions.empty());  // the call 00T9 is not either
  EXPECT_EQ(renewal.opportunity.outcome, Outcome::open);
}

// Regression: `--rejects x.db --db x.db` turned the database into a CSV file,
// and `--rejects EXPORT/EmailMessage.csv` overwrote the user's input.
TEST_F(ImportHardeningTest, ARejectsPathThatWouldDestroyDataIsRefusedAndNothingIsWritten) {
  write_opportunities(opportunity_row("006A", "12k"));
  ASSERT_TRUE(open_sqlite_database(database(), OpenMode::create_if_missing));
  write_file(directory_ / "notes.txt", "my notes\n");
  for (auto path : {database(), std::filesystem::path(database().string() + "-wal"),
                    folder() / "EmailMessage.csv", folder() / "new-file.csv",
                    directory_ / "." / "export" / ".." / "rearview.db", directory_ / "notes.txt"}) {
    std::string database_before = read_file(database());
    std::string notes_before = read_file(directory_ / "notes.txt");
    write_file(folder() / "EmailMessage.csv", "Id\n");
    rejects_ = path;
    auto report = import(folder(), BadRows::skip);
    ASSERT_FALSE(report) << path;
    EXPECT_EQ(report.error().code, ErrorCode::usage);
    EXPECT_NE(report.error().message.find("--rejects"), std::string::npos);
    EXPECT_EQ(read_file(database()), database_before) << path;
    EXPECT_EQ(read_file(folder() / "EmailMessage.csv"), "Id\n");
    EXPECT_EQ(read_file(directory_ / "notes.txt"), notes_before);
    EXPECT_FALSE(std::filesystem::exists(folder() / "new-file.csv"));
  }
}

TEST_F(ImportHardeningTest, AnEarlierRejectsFileMayBeReplaced) {
  write_opportunities(opportunity_row("006A", "12k") + opportunity_row("006B", "10"));
  ASSERT_TRUE(import(folder(), BadRows::skip)->committed);
  write_opportunities(opportunity_row("006A", "13k") + opportunity_row("006B", "10"));
  auto again = import(folder(), BadRows::skip);
  ASSERT_TRUE(again);
  EXPECT_NE(read_file(rejects_).find("13k"), std::string::npos);
}

// Regression: a rejects file that could not be written lost the rejected
// rows silently while the message said they were there.
TEST_F(ImportHardeningTest, ARejectsFileThatCannotBeWrittenFailsTheImportAndChangesNothing) {
  write_opportunities(opportunity_row("006A", "12k") + opportunity_row("006B", "10"));
  rejects_ = directory_ / "no-such-folder" / "rejects.csv";
  auto report = import(folder(), BadRows::skip);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::io);
  EXPECT_TRUE(stored().deals().empty());
}

TEST_F(ImportHardeningTest, AFullDiskForTheRejectsFileFailsTheImportAndSaysSo) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small file system needs root";
  auto small = directory_ / "small";
  std::filesystem::create_directories(small);
  if (run_command("mount -t tmpfs -o size=16k tmpfs " + small.string()).exit_status != 0)
    GTEST_SKIP() << "cannot mount a tmpfs here";
  std::string rows;
  for (int i = 0; i < 400; ++i) rows += opportunity_row("006X" + std::to_string(i), "bad-amount-" + std::string(60, 'x'));
  write_opportunities(rows + opportunity_row("006G", "10"));
  rejects_ = small / "rejects.csv";
  auto report = import(folder(), BadRows::skip);
  run_command("umount " + small.string());
  ASSERT_FALSE(report);
  EXPECT_NE(report.error().message.find("the disk is full"), std::string::npos) << report.error().message;
  EXPECT_TRUE(stored().deals().empty());
}

// Regression: rows rejected for structural damage had no reason in the
// rejects file; cells could run as formulas in a spreadsheet.
TEST_F(ImportHardeningTest, TheRejectsFileGivesEveryReasonAndNeutralisesFormulas) {
  write_opportunities(opportunity_row("006A", "=HYPERLINK(\"http://x\")") +
                      "006B,\"unterminated\n");
  auto report = import(folder(), BadRows::skip);
  ASSERT_TRUE(report);
  std::string rejects = read_file(rejects_);
  EXPECT_EQ(rejects.find(",=HYPERLINK"), std::string::npos) << rejects;
  EXPECT_NE(rejects.find("'=HYPERLINK"), std::string::npos) << rejects;
  // Every rejected row says what was wrong with it.
  std::size_t damaged = rejects.find("Opportunity.csv,3,");
  ASSERT_NE(damaged, std::string::npos) << rejects;
  EXPECT_NE(rejects.find("quote", damaged), std::string::npos) << rejects;
}

// Regression: a creation date in year 0001 moved the won-cycle mean from 87
// to 705 days, and was accepted silently.
TEST_F(ImportHardeningTest, ImplausibleDatesAreWarnedAboutAndLeftOutOfCycleStatistics) {
  write_export(folder());
  ASSERT_TRUE(import(folder())->committed);
  auto baseline = stats();
  ASSERT_TRUE(baseline.won_cycle);
  write_file(folder() / "Opportunity.csv",
             read_file(folder() / "Opportunity.csv") +
                 "006V,false,001A,Ancient,Closed Won,10,2024-03-01,true,true,005R,0001-01-01,,,,,\n");
  auto report = import(folder());
  ASSERT_TRUE(report);
  ASSERT_TRUE(report->committed);
  std::string warnings = ::testing::PrintToString(report->warnings);
  EXPECT_NE(warnings.find("Opportunity.csv: column CreatedDate: 1 date(s) outside 1980-01-01 to "
                          "2099-12-31 (the first, \\\"0001-01-01\\\", on line 5)"),
            std::string::npos)
      << warnings;
  auto after = stats();
  EXPECT_EQ(after.won_cycle_implausible, 1);
  ASSERT_TRUE(after.won_cycle);
  EXPECT_DOUBLE_EQ(after.won_cycle->mean_days, baseline.won_cycle->mean_days);
  EXPECT_EQ(after.counts.opportunities_won, baseline.counts.opportunities_won + 1);
}

}  // namespace
}  // namespace rearview
