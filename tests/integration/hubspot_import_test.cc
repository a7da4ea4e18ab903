// `rearview import hubspot` on a small export written by hand
// (tests/data/hubspot): every figure below is read off those files by eye,
// the times converted from the portal's clock (Europe/Berlin) by hand.
#include <gtest/gtest.h>

#include "sqlite_query.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::query_value;
using testing::run_command;
using testing::TemporaryDirectory;
using testing::write_file;

const std::filesystem::path kExport = std::filesystem::path(REARVIEW_SOURCE_DIR) / "tests/data/hubspot";

class HubspotImport : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(directory_ / "rearview.toml",
               "[company]\ntime_zone = \"Europe/Berlin\"\nemail_domains = [\"seller.example\"]\n");
  }
  testing::CommandResult import(const std::string& paths, const std::string& options = "") {
    return run_command(testing::rearview_command(
        "--config " + (directory_ / "rearview.toml").string() + " import hubspot " + paths +
        " --db " + database().string() + " --progress lines " + options));
  }
  std::filesystem::path database() const { return directory_ / "h.db"; }
  std::string query(const std::string& sql) { return query_value(database(), sql); }

  TemporaryDirectory directory_;
};

TEST_F(HubspotImport, DealsCompaniesContactsAndActivitiesAreImportedWithTheirAssociations) {
  auto imported = import(kExport.string());
  ASSERT_EQ(imported.exit_status, 0) << imported.output;
  EXPECT_EQ(query("SELECT group_concat(id || ':' || outcome, ' ') FROM (SELECT * FROM "
                  "opportunities ORDER BY id)"),
            "hubspot-deal-301:won hubspot-deal-302:lost hubspot-deal-303:open");
  // 09:00 in Berlin in January is 08:00 UTC; 08:00 on 1 April (summer time) is 06:00.
  EXPECT_EQ(query("SELECT datetime(created_at, 'unixepoch') FROM opportunities WHERE id = "
                  "'hubspot-deal-301'"),
            "2024-01-10 08:00:00");
  EXPECT_EQ(query("SELECT datetime(created_at, 'unixepoch') FROM opportunities WHERE id = "
                  "'hubspot-deal-303'"),
            "2024-04-01 06:00:00");
  EXPECT_EQ(query("SELECT datetime(closed_at, 'unixepoch') FROM opportunities WHERE id = "
                  "'hubspot-deal-301'"),
            "2024-03-15 11:00:00");
  EXPECT_EQ(query("SELECT account_id || ' ' || owner_id || ' ' || amount FROM opportunities "
                  "WHERE id = 'hubspot-deal-302'"),
            "hubspot-company-102 hubspot-owner:sam seller 8000.0");
  EXPECT_EQ(query("SELECT loss_reason FROM opportunities WHERE id = 'hubspot-deal-302'"), "Price");
  EXPECT_EQ(query("SELECT group_concat(name, ', ') FROM (SELECT name FROM users ORDER BY name)"),
            "Rita Rep, Sam Seller");
  EXPECT_EQ(query("SELECT group_concat(domain, ' ') FROM (SELECT domain FROM account_domains "
                  "ORDER BY domain)"),
            "acme-robotics.com globex.example");
  EXPECT_EQ(query("SELECT group_concat(opportunity_id || '/' || contact_id, ' ') FROM (SELECT * "
                  "FROM contact_roles ORDER BY id)"),
            "hubspot-deal-301/hubspot-contact-201 hubspot-deal-302/hubspot-contact-202");
  // A call associated with two deals is on both.
  EXPECT_EQ(query("SELECT group_concat(opportunity_id, ' ') FROM (SELECT opportunity_id FROM "
                  "interaction_links WHERE interaction_id = 'hubspot-call-402' ORDER BY 1)"),
            "hubspot-deal-302 hubspot-deal-303");
  EXPECT_EQ(query("SELECT count(*) FROM interaction_links WHERE interaction_id = "
                  "'hubspot-note-702'"),
            "0");
}

TEST_F(HubspotImport, TheDateEnteredColumnsAreTheStageHistoryAndThePipelineTheCatalogue) {
  ASSERT_EQ(import(kExport.string()).exit_status, 0);
  EXPECT_EQ(query("SELECT group_concat(name || ' ' || probability || (CASE WHEN is_won THEN ' won' "
                  "WHEN is_closed THEN ' lost' ELSE '' END), ', ') FROM (SELECT * FROM stages "
                  "ORDER BY sort_order)"),
            "Appointment Scheduled 20.0, Qualified To Buy 40.0, Contract Sent 90.0, Closed Won "
            "100.0 won, Closed Lost 0.0 lost");
  EXPECT_EQ(query("SELECT group_concat(stage || '@' || strftime('%m-%dT%H:%M', entered_at, "
                  "'unixepoch'), ' ') FROM (SELECT * FROM stage_entries WHERE opportunity_id = "
                  "'hubspot-deal-301' ORDER BY sequence)"),
            "Appointment Scheduled@01-10T08:00 Qualified To Buy@01-20T09:00 Contract "
            "Sent@02-15T15:00 Closed Won@03-15T11:00");
  EXPECT_EQ(query("SELECT group_concat(stage, ' > ') FROM (SELECT * FROM stage_entries WHERE "
                  "opportunity_id = 'hubspot-deal-302' ORDER BY sequence)"),
            "Appointment Scheduled > Qualified To Buy > Closed Lost");
}

TEST_F(HubspotImport, ActivitiesKeepTheirKindDirectionLengthTextAndPeople) {
  ASSERT_EQ(import(kExport.string()).exit_status, 0);
  EXPECT_EQ(query("SELECT kind || ' ' || direction || ' ' || duration_seconds || ' ' || body FROM "
                  "interactions WHERE id = 'hubspot-call-401'"),
            "call outbound 1500 Pat said the budget is approved.");  // 00:25:00, HTML read
  EXPECT_EQ(query("SELECT duration_seconds FROM interactions WHERE id = 'hubspot-call-402'"),
            "1500");  // 1,500,000 ms
  EXPECT_EQ(query("SELECT direction FROM interactions WHERE id = 'hubspot-email-501'"), "inbound");
  EXPECT_EQ(query("SELECT direction FROM interactions WHERE id = 'hubspot-email-502'"), "outbound");
  EXPECT_EQ(query("SELECT duration_seconds || ' ' || datetime(occurred_at, 'unixepoch') FROM "
                  "interactions WHERE id = 'hubspot-meeting-601'"),
            "3600 2024-01-25 13:00:00");
  EXPECT_EQ(query("SELECT body FROM interactions WHERE id = 'hubspot-note-701'"),
            "Champion is Pat.");
  EXPECT_EQ(query("SELECT group_concat(role || ' ' || coalesce(contact_id, user_id), ', ') FROM "
                  "interaction_participants WHERE interaction_id = 'hubspot-email-501'"),
            "to hubspot-owner:sam seller, from hubspot-contact-202");
  // "Re: pricing" in the subject, "too expensive" in the text.
  EXPECT_EQ(query("SELECT group_concat(phrase, ',') FROM (SELECT phrase FROM tracker_hits WHERE "
                  "interaction_id = 'hubspot-email-501' ORDER BY phrase)"),
            "price,too expensive");
}

TEST_F(HubspotImport, PartialExportsAndOtherFilesAreSaidOnceEach) {
  write_file(directory_ / "export" / "other.csv", "Name,Value\nx,1\n");
  for (const auto& entry : std::filesystem::directory_iterator(kExport))
    std::filesystem::copy(entry.path(), directory_ / "export" / entry.path().filename());
  auto imported = import((directory_ / "export").string());
  ASSERT_EQ(imported.exit_status, 0) << imported.output;
  EXPECT_NE(imported.output.find("1 CSV file is not a HubSpot export we read, left out: other.csv"),
            std::string::npos)
      << imported.output;
  EXPECT_NE(imported.output.find("1 associated company is not in the export nor in the database"),
            std::string::npos);
  EXPECT_NE(imported.output.find("1 associated deal is not in the export nor in the database"),
            std::string::npos);
  EXPECT_EQ(query("SELECT name FROM accounts WHERE id = 'hubspot-company-999'"), "Initech");
}

TEST_F(HubspotImport, ImportingTheSameExportAgainChangesNothing) {
  ASSERT_EQ(import(kExport.string()).exit_status, 0);
  auto again = import(kExport.string());
  ASSERT_EQ(again.exit_status, 0) << again.output;
  EXPECT_NE(again.output.find("Deal                                3         0         0          3"),
            std::string::npos)
      << again.output;
  EXPECT_EQ(query("SELECT count(*) FROM stage_entries"), "9");
}

TEST_F(HubspotImport, ABadValueNamesItsFileLineAndColumnAndImportsNothing) {
  write_file(directory_ / "bad" / "deals.csv",
             "Record ID,Deal Name,Deal Stage,Create Date,Amount\n"
             "1,Fine,Closed Won,2024-01-01,100\n"
             "2,Broken,Closed Lost,yesterday,12x\n");
  auto imported = import((directory_ / "bad").string());
  EXPECT_EQ(imported.exit_status, 3) << imported.output;
  EXPECT_NE(imported.output.find("deals.csv:3: column Create Date: \"yesterday\" is not valid"),
            std::string::npos)
      << imported.output;
  EXPECT_NE(imported.output.find("deals.csv:3: column Amount: \"12x\" is not valid"),
            std::string::npos);
  EXPECT_EQ(query("SELECT count(*) FROM opportunities"), "0");
}

TEST_F(HubspotImport, SeveralPipelinesKeepTheirStagesApart) {
  write_file(directory_ / "two" / "deals.csv",
             "Record ID,Deal Name,Pipeline,Deal Stage,Create Date\n"
             "1,New,Sales Pipeline,Closed Won,2024-01-01\n"
             "2,Renewal,Renewals,Closed Won,2024-01-01\n"
             "3,Renewal 2,Renewals,Up for renewal,2024-01-01\n");
  ASSERT_EQ(import((directory_ / "two").string()).exit_status, 0);
  EXPECT_EQ(query("SELECT group_concat(id || ':' || stage || ':' || outcome, ' | ') FROM (SELECT "
                  "* FROM opportunities ORDER BY id)"),
            "hubspot-deal-1:Closed Won (Sales Pipeline):won | hubspot-deal-2:Closed Won "
            "(Renewals):won | hubspot-deal-3:Up for renewal (Renewals):open");
}

TEST_F(HubspotImport, ConfiguredStagesDecideAndOthersAreAddedWithAWarning) {
  write_file(directory_ / "rearview.toml",
             "[company]\ntime_zone = \"Europe/Berlin\"\n"
             "[[stages]]\nname = \"Appointment Scheduled\"\nprobability = 5\n"
             "[[stages]]\nname = \"Qualified To Buy\"\nprobability = 30\n"
             "[[stages]]\nname = \"Closed Won\"\nprobability = 100\nclosed = true\nwon = true\n"
             "[[stages]]\nname = \"Closed Lost\"\nclosed = true\n");
  auto imported = import(kExport.string());
  ASSERT_EQ(imported.exit_status, 0) << imported.output;
  EXPECT_NE(imported.output.find("stage 'Contract Sent' is not configured: added it as open (90%)"),
            std::string::npos)
      << imported.output;
  EXPECT_EQ(query("SELECT group_concat(name || ' ' || probability, ', ') FROM (SELECT * FROM "
                  "stages ORDER BY sort_order)"),
            "Appointment Scheduled 5.0, Qualified To Buy 30.0, Closed Won 100.0, Closed Lost 0.0, "
            "Contract Sent 90.0");
}

TEST_F(HubspotImport, APathWithNoHubspotExportSaysWhatToExport) {
  write_file(directory_ / "none" / "list.csv", "Name\nx\n");
  auto imported = import((directory_ / "none").string());
  EXPECT_EQ(imported.exit_status, 4) << imported.output;
  EXPECT_NE(imported.output.find("no HubSpot export among"), std::string::npos) << imported.output;
  EXPECT_NE(imported.output.find("Record ID"), std::string::npos) << imported.output;
  write_file(directory_ / "hubspot-export.zip", "PK\x03\x04 not really");
  auto zipped = import((directory_ / "hubspot-export.zip").string());
  EXPECT_EQ(zipped.exit_status, 4) << zipped.output;
  EXPECT_NE(zipped.output.find("unzip it"), std::string::npos) << zipped.output;
}

}  // namespace
}  // namespace rearview
