// A small hand-written Salesforce export and a fixture that imports it into a
// fresh database, shared by the importer's tests.
#pragma once

#include <gtest/gtest.h>

#include "rearview/config/config.h"
#include "rearview/core/stats.h"
#include "rearview/importers/import.h"
#include "rearview/storage/sqlite_database.h"
#include "stored_data.h"
#include "test_support.h"

namespace rearview::testing {

// A small export in the shapes real ones take: lower/upper-case names, CRLF,
// a BOM, quoted fields with newlines, several boolean and time spellings.
inline void write_export(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  write_file(folder / "USER.CSV",
             "Id,FirstName,LastName,Email,Title,ManagerId,IsActive\n"
             "005R,Rita,Rep,rita@seller.com,Account Executive,005M,true\n"
             "005M,Max,Manager,max@seller.com,Sales Manager,000000000000000AAA,TRUE\n");
  write_file(folder / "Account.csv",
             "\xEF\xBB\xBFId,IsDeleted,Name,Website,OwnerId,Industry\r\n"
             "001A,0,Acme Robotics,https://www.acme-robotics.com/about,005R,Manufacturing\r\n"
             "001Z,1,Deleted Co,,005R,\r\n");
  write_file(folder / "contact.csv",
             "Id,IsDeleted,AccountId,FirstName,LastName,Email,Title\n"
             "003P,false,001A,Pat,Buyer,Pat@Acme-Robotics.com,CFO\n"
             "003Q,false,001A,Quinn,User,quinn@acme-robotics.com,Engineer\n");
  write_file(folder / "Opportunity.csv",
             "Id,IsDeleted,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,OwnerId,"
             "CreatedDate,Type,LeadSource,Loss_Reason__c,Competitor__c,Region__c\n"
             "006W,false,001A,\"Acme, robots\",Closed Won,50000,2024-03-01,true,true,005R,"
             "2024-01-10T15:04:05.000Z,New Business,Web,,,EMEA\n"
             "006L,false,001A,Acme add-on,Closed Lost,9000.50,2024-02-20,1,0,005R,"
             "2024-01-23T17:50:51.000+0000,,,Price,Globex,\n"
             "006O,false,001A,Acme renewal,Prospecting,,2024-09-30,,,005R,2024-04-01 09:00:00,,,,,\n");
  write_file(folder / "OpportunityHistory.csv",
             "Id,OpportunityId,CreatedDate,StageName,Amount,CloseDate,IsDeleted\n"
             "008a,006W,2024-01-10T15:04:05.000Z,Prospecting,40000,2024-02-28,false\n"
             "008b,006W,2024-02-01T10:00:00.000Z,Negotiation/Review,50000,2024-03-01,false\n"
             "008c,006W,2024-02-29T16:00:00.000Z,Closed Won,50000,2024-03-01,false\n"
             "008d,006L,2024-01-23T17:50:51.000Z,Qualification,9000.50,2024-02-20,false\n"
             "008e,006L,2024-02-19T08:00:00.000Z,Closed Lost,9000.50,2024-02-20,false\n");
  write_file(folder / "OpportunityContactRole.csv",
             "Id,OpportunityId,ContactId,Role,IsPrimary,CreatedDate\n"
             "00KA,006W,003P,Economic Buyer,true,2024-01-20T10:00:00.000Z\n");
  write_file(folder / "Task.csv",
             "Id,IsDeleted,WhoId,WhatId,OwnerId,Subject,Description,ActivityDate,CompletedDateTime,"
             "TaskSubtype,Type,CallType,CallDurationInSeconds\n"
             "00T1,false,003P,006W,005R,Call,\"Talked budget.\nNext: legal.\",2024-01-15,"
             "2024-01-15T14:00:00.000Z,Call,Call,Outbound,1800\n"
             "00T2,false,,006W,005R,Note: pricing,Internal note,2024-01-16,,Task,Other,,\n");
  write_file(folder / "Event.csv",
             "Id,IsDeleted,WhoId,WhatId,OwnerId,Subject,StartDateTime,EndDateTime,DurationInMinutes\n"
             "00U1,false,003Q,006W,005R,Demo,2024-01-20T15:00:00.000Z,2024-01-20T16:00:00.000Z,60\n");
  write_file(folder / "EmailMessage.csv",
             "Id,IsDeleted,RelatedToId,Subject,TextBody,FromName,FromAddress,ToAddress,CcAddress,"
             "Incoming,MessageDate,ThreadIdentifier\n"
             "02s1,false,006W,Proposal,\"Hi Pat,\nattached \"\"v2\"\".\",Rita Rep,rita@seller.com,"
             "pat@acme-robotics.com,max@seller.com,false,2024-02-02T09:00:00.000Z,t1\n"
             "02s2,false,006W,Re: Proposal,Looks good,Pat Buyer,pat@acme-robotics.com,"
             "rita@seller.com,,true,2024-02-03T09:00:00.000Z,t1\n"
             "02s3,false,006W,Forecast,Internal only,Rita Rep,rita@seller.com,max@seller.com,,"
             "false,2024-02-04T09:00:00.000Z,t2\n");
}

class SalesforceImportTest : public ::testing::Test {
 protected:
  Result<ImportReport> import(const std::filesystem::path& folder, BadRows bad_rows = BadRows::fail_import) {
    auto database = open_sqlite_database(this->database(), OpenMode::create_if_missing);
    if (!database) return std::unexpected(database.error());
    auto session = (*database)->open_session();
    if (!session) return std::unexpected(session.error());
    ImportOptions options;
    options.bad_rows = bad_rows;
    options.rejects_file = rejects_;
    options.database_file = this->database();
    return import_salesforce(**session, settings_, folder, options);
  }

  // What the database holds now, read back through the storage roles.
  StoredData stored() { return StoredData(database()); }
  Stats stats() { return *compute_stats(stored().session().deals()); }
  OpportunitySnapshot deal(const Id& id) {
    auto found = stored().deal(id);
    if (!found) throw std::runtime_error("no opportunity " + id);
    return *found;
  }

  std::filesystem::path database() const { return directory_ / "rearview.db"; }
  std::filesystem::path folder() const { return directory_ / "export"; }

  TemporaryDirectory directory_;
  std::filesystem::path rejects_ = directory_ / "rejects.csv";
  Settings settings_ = default_settings();
};

}  // namespace rearview::testing
