// Importing another CRM's CSV through a column mapping.
#include <gtest/gtest.h>

#include "rearview/core/settings.h"
#include "rearview/core/stats.h"
#include "rearview/importers/import.h"
#include "rearview/storage/sqlite_database.h"
#include "stored_data.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

const char* kMapping = R"(
[source]
id_prefix = "crm-"
name_template = "{company} / {product}"

[columns]
id = "deal"
owner = "rep"
account = "company"
stage = "status"
created = "opened"
close_date = "closed"
amount = "value"

[outcome]
won = ["Won"]
lost = ["Lost"]

[stages]
order = ["Open", "Won", "Lost"]

[users]
file = "team.csv"
name = "rep"
manager = "boss"
)";

class MappedCsvImportTest : public ::testing::Test {
 protected:
  Result<ImportReport> import(const std::string& mapping) {
    write_file(directory_ / "mapping.toml", mapping);
    auto database = open_sqlite_database(directory_ / "db.sqlite", OpenMode::create_if_missing);
    if (!database) return std::unexpected(database.error());
    auto session = (*database)->open_session();
    if (!session) return std::unexpected(session.error());
    return import_mapped_csv(**session, default_settings(), directory_ / "deals.csv",
                             directory_ / "mapping.toml", ImportOptions{});
  }
  testing::StoredData stored() { return testing::StoredData(directory_ / "db.sqlite"); }
  TemporaryDirectory directory_;
};

TEST_F(MappedCsvImportTest, MapsColumnsOutcomesNamesAndTheTeam) {
  write_file(directory_ / "team.csv", "rep,boss\nAnn,Zoe\nBen,Zoe\n");
  write_file(directory_ / "deals.csv",
             "deal,rep,company,product,status,opened,closed,value\n"
             "D1,Ann,Acme,Widget,Won,2024-01-01,2024-01-31,1000\n"
             "D2,Ben,Acme,Gadget,Lost,2024-02-01,2024-02-11,\n"
             "D3,Ann,,Widget,Open,,,\n");
  auto report = import(kMapping);
  ASSERT_TRUE(report) << report.error().message;
  for (const auto& problem : report->problems) ADD_FAILURE() << describe(problem);
  ASSERT_TRUE(report->committed);
  auto data = stored();
  EXPECT_EQ(data.counts().users, 3);
  auto won = data.deal("crm-D1");
  ASSERT_TRUE(won);
  EXPECT_EQ(won->opportunity.name, "Acme / Widget");
  EXPECT_EQ(won->opportunity.outcome, Outcome::won);
  EXPECT_EQ(won->opportunity.owner_id, "crm-user:Ann");
  EXPECT_EQ(won->owner_name, "Ann");
  EXPECT_EQ(won->manager_name, "Zoe");
  EXPECT_EQ(data.deal("crm-D3")->opportunity.account_id, std::nullopt);
  auto stats = compute_stats(data.session().deals());
  EXPECT_DOUBLE_EQ(stats->won_cycle->mean_days, 30);
  EXPECT_DOUBLE_EQ(*stats->win_rate, 0.5);
}

// A partial team file: the deal stands, its owner is added by name, and one
// warning says so for all of them.
TEST_F(MappedCsvImportTest, OwnersMissingFromTheTeamFileAreAddedWithOneWarning) {
  write_file(directory_ / "team.csv", "rep,boss\nAnn,Zoe\n");
  write_file(directory_ / "deals.csv",
             "deal,rep,company,product,status,opened,closed,value\n"
             "D1,Nobody,Acme,Widget,Won,2024-01-01,2024-01-31,1000\n"
             "D2,Nobody,Acme,Widget,Won,2024-02-01,2024-02-28,1000\n"
             "D3,Someone,Acme,Widget,Lost,2024-03-01,2024-03-31,1000\n");
  auto report = import(kMapping);
  ASSERT_TRUE(report);
  EXPECT_TRUE(report->committed);
  EXPECT_TRUE(report->problems.empty());
  EXPECT_NE(std::find(report->warnings.begin(), report->warnings.end(),
                      "2 owners are not in team.csv: added by name, without details (Nobody, "
                      "Someone)"),
            report->warnings.end())
      << (report->warnings.empty() ? "" : report->warnings.front());
}

TEST_F(MappedCsvImportTest, MappingProblemsNameTheirLine) {
  write_file(directory_ / "deals.csv", "deal\nD1\n");
  auto report = import("[columns]\nid = \"deal\"\nprice = \"value\"\n");
  ASSERT_FALSE(report);
  const auto& message = report.error().message;
  EXPECT_NE(message.find("mapping.toml:3:9: [columns] has no field 'price'"), std::string::npos) << message;
  EXPECT_NE(message.find("needs 'stage'"), std::string::npos) << message;
  EXPECT_NE(message.find("[outcome] needs 'won' and 'lost'"), std::string::npos) << message;
}

TEST_F(MappedCsvImportTest, LinkedFileOutsideTheCsvFolderIsRefused) {
  write_file(directory_ / "deals.csv", "deal,rep,company,status,opened,closed,value\n");
  std::string mapping = kMapping;
  for (std::string escape : {"../team.csv", "/etc/passwd", "sub/../../team.csv"}) {
    std::string hostile = mapping;
    hostile.replace(hostile.find("\"team.csv\""), 10, "\"" + escape + "\"");
    auto report = import(hostile);
    ASSERT_FALSE(report) << escape;
    EXPECT_NE(report.error().message.find("must be a file beside the mapped CSV"), std::string::npos)
        << report.error().message;
  }
}

}  // namespace
}  // namespace rearview
