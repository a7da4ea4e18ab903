#include <gtest/gtest.h>
#include <sqlite3.h>

#include "rearview/storage/sqlite_store.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;

std::unique_ptr<Store> open_new(const std::filesystem::path& file) {
  auto store = open_sqlite_store(file, OpenMode::create_if_missing);
  EXPECT_TRUE(store) << (store ? "" : store.error().message);
  return std::move(*store);
}

TEST(SqliteStore, UpsertReportsInsertedUnchangedAndUpdated) {
  TemporaryDirectory directory;
  auto store = open_new(directory / "db.sqlite");
  ASSERT_TRUE(store->begin());
  User user{.id = "005A", .name = "Ann"};
  EXPECT_EQ(store->upsert(user), WriteOutcome::inserted);
  EXPECT_EQ(store->upsert(user), WriteOutcome::unchanged);
  user.title = "VP Sales";
  EXPECT_EQ(store->upsert(user), WriteOutcome::updated);
  ASSERT_TRUE(store->commit());
  EXPECT_EQ(store->counts()->users, 1);
}

TEST(SqliteStore, AReferenceToAMissingRecordIsRefusedAndWritesNothing) {
  TemporaryDirectory directory;
  auto store = open_new(directory / "db.sqlite");
  ASSERT_TRUE(store->begin());
  Opportunity opportunity{.id = "006X", .name = "Deal", .owner_id = "005missing", .stage = "Prospecting"};
  auto written = store->upsert(opportunity);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().code, ErrorCode::missing_reference);
  EXPECT_EQ(store->exists(RecordKind::opportunity, "006X"), false);
}

TEST(SqliteStore, RollbackLeavesTheDatabaseAsItWas) {
  TemporaryDirectory directory;
  auto store = open_new(directory / "db.sqlite");
  ASSERT_TRUE(store->begin());
  ASSERT_TRUE(store->upsert(Account{.id = "001A", .name = "Acme"}));
  store->rollback();
  EXPECT_EQ(store->counts()->accounts, 0);
}

TEST(SqliteStore, ReopeningKeepsDataAndDoesNotMigrateAgain) {
  TemporaryDirectory directory;
  {
    auto store = open_new(directory / "db.sqlite");
    ASSERT_TRUE(store->begin());
    ASSERT_TRUE(store->upsert(Account{.id = "001A", .name = "Acme", .email_domains = {"acme.com"}}));
    ASSERT_TRUE(store->commit());
  }
  auto store = open_sqlite_store(directory / "db.sqlite", OpenMode::must_exist);
  ASSERT_TRUE(store);
  EXPECT_EQ((*store)->counts()->accounts, 1);
}

TEST(SqliteStore, RefusesADatabaseFromANewerVersion) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  open_new(file).reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  std::string pragma = "PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1);
  ASSERT_EQ(sqlite3_exec(db, pragma.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = open_sqlite_store(file, OpenMode::must_exist);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::database_too_new);
  EXPECT_NE(store.error().message.find("newer rearview"), std::string::npos);
  EXPECT_FALSE(store.error().hint.empty());
}

TEST(SqliteStore, AMissingDatabaseIsNotCreatedForReading) {
  TemporaryDirectory directory;
  auto store = open_sqlite_store(directory / "absent.db", OpenMode::must_exist);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().code, ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(directory / "absent.db"));
}

TEST(SqliteStore, AFileThatIsNotADatabaseSaysSo) {
  TemporaryDirectory directory;
  testing::write_file(directory / "notes.txt", std::string(8192, 'x'));
  auto store = open_sqlite_store(directory / "notes.txt", OpenMode::must_exist);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message.find("not a rearview database"), std::string::npos)
      << store.error().message;
}

TEST(SqliteStore, ASecondWriterIsToldTheDatabaseIsLocked) {
  TemporaryDirectory directory;
  auto first = open_new(directory / "db.sqlite");
  ASSERT_TRUE(first->begin());
  auto second = open_sqlite_store(directory / "db.sqlite", OpenMode::must_exist);
  ASSERT_TRUE(second);
  auto begun = (*second)->begin();
  ASSERT_FALSE(begun);
  EXPECT_EQ(begun.error().code, ErrorCode::database_locked);
  first->rollback();
}

TEST(SqliteStore, RederivesOnlyChangedOpportunities) {
  TemporaryDirectory directory;
  auto store = open_new(directory / "db.sqlite");
  ASSERT_TRUE(store->begin());
  Opportunity deal{.id = "006A", .name = "Deal", .stage = "Prospecting",
                   .created_at = parse_timestamp("2024-01-01")};
  ASSERT_TRUE(store->upsert(deal));
  int calls = 0;
  auto derive = [&](const OpportunityForDerivation& opportunity) {
    ++calls;
    StageEntriesAndClose result;
    result.entries.push_back(StageEntry{opportunity.id, 0, opportunity.stage, *opportunity.created_at});
    return result;
  };
  EXPECT_EQ(store->rederive_changed_opportunities(derive), 1);
  EXPECT_EQ(store->rederive_changed_opportunities(derive), 0);
  EXPECT_EQ(store->upsert(deal), WriteOutcome::unchanged);
  EXPECT_EQ(store->rederive_changed_opportunities(derive), 0);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(store->counts()->stage_entries, 1);
  ASSERT_TRUE(store->commit());
}

}  // namespace
}  // namespace rearview
