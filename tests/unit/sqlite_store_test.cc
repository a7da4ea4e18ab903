#include <gtest/gtest.h>
#include <sqlite3.h>

#include "rearview/storage/sqlite_store.h"
#include "sqlite_query.h"
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

// A new store's file, then `sql` run on it from outside rearview.
void make_database_then(const std::filesystem::path& file, const std::string& sql) {
  open_new(file).reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteStore, RefusesADatabaseFromANewerVersion) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  make_database_then(file, "PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
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
  auto second = open_sqlite_store(directory / "db.sqlite", OpenMode::must_exist,
                                  std::chrono::milliseconds(200));
  ASSERT_TRUE(second);
  auto begun = (*second)->begin();
  ASSERT_FALSE(begun);
  EXPECT_EQ(begun.error().code, ErrorCode::database_locked);
  first->rollback();
}

// Regression: a bulk import switched to the rollback journal, so every
// reader failed with "database is locked" until it had finished.
TEST(SqliteStore, ReadersWorkDuringABulkImportAndSeeTheDataAsItWas) {
  TemporaryDirectory directory;
  auto writer = open_new(directory / "db.sqlite");
  ASSERT_TRUE(writer->begin());
  ASSERT_TRUE(writer->upsert(Account{.id = "001A", .name = "Acme"}));
  ASSERT_TRUE(writer->commit());
  ASSERT_TRUE(writer->begin(TransactionSize::bulk));
  ASSERT_TRUE(writer->upsert(Account{.id = "001B", .name = "Bolt"}));
  // A rollback journal would lock readers out as soon as the import's pages
  // spill from the cache, which only a large import shows; the journal mode says it at once.
  EXPECT_EQ(testing::query_value(directory / "db.sqlite", "PRAGMA journal_mode"), "wal");
  for (auto mode : {OpenMode::read_only, OpenMode::must_exist}) {
    auto reader = open_sqlite_store(directory / "db.sqlite", mode, std::chrono::milliseconds(200));
    ASSERT_TRUE(reader) << reader.error().message;
    auto counts = (*reader)->counts();
    ASSERT_TRUE(counts) << counts.error().message;
    EXPECT_EQ(counts->accounts, 1);
  }
  ASSERT_TRUE(writer->commit());
  auto after = open_sqlite_store(directory / "db.sqlite", OpenMode::read_only);
  ASSERT_TRUE(after);
  EXPECT_EQ((*after)->counts()->accounts, 2);
}

std::string file_bytes(const std::filesystem::path& file) { return testing::read_file(file); }

void make_foreign_database(const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
}

// Regression: `rearview stats --db other-app.sqlite` added rearview's tables
// to another program's database and switched it to WAL.
TEST(SqliteStore, AForeignDatabaseIsRefusedInEveryModeAndLeftByteForByte) {
  TemporaryDirectory directory;
  auto file = directory / "other-app.sqlite";
  make_foreign_database(file);
  std::string before = file_bytes(file);
  for (auto mode : {OpenMode::read_only, OpenMode::must_exist, OpenMode::create_if_missing}) {
    auto store = open_sqlite_store(file, mode);
    ASSERT_FALSE(store);
    EXPECT_EQ(store.error().code, ErrorCode::database);
    EXPECT_NE(store.error().message.find("not a rearview database"), std::string::npos)
        << store.error().message;
  }
  EXPECT_EQ(file_bytes(file), before);
  EXPECT_FALSE(std::filesystem::exists(directory / "other-app.sqlite-wal"));
}

TEST(SqliteStore, ReadingNeverMigratesAnOlderDatabase) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  // As a rearview from before the application id and schema version 3 left it.
  make_database_then(file, "PRAGMA application_id = 0; PRAGMA user_version = 2;");
  std::string before = file_bytes(file);
  auto reader = open_sqlite_store(file, OpenMode::read_only);
  ASSERT_FALSE(reader);
  EXPECT_NE(reader.error().hint.find("rearview upgrade"), std::string::npos) << reader.error().hint;
  EXPECT_EQ(file_bytes(file), before);
}

TEST(SqliteStore, ADatabaseFromBeforeTheApplicationIdIsRecognisedAndMarkedByAWriter) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  make_database_then(file, "PRAGMA application_id = 0");
  EXPECT_TRUE(open_sqlite_store(file, OpenMode::read_only));
  EXPECT_EQ(testing::query_value(file, "PRAGMA application_id"), "0");
  EXPECT_TRUE(open_sqlite_store(file, OpenMode::must_exist));
  EXPECT_EQ(testing::query_value(file, "PRAGMA application_id"), std::to_string(0x72767731));
}

TEST(SqliteStore, AnEmptyFileBecomesADatabaseButIsNotReadAsOne) {
  TemporaryDirectory directory;
  auto file = directory / "empty.db";
  testing::write_file(file, "");
  EXPECT_FALSE(open_sqlite_store(file, OpenMode::read_only));
  EXPECT_TRUE(open_sqlite_store(file, OpenMode::create_if_missing));
  EXPECT_TRUE(open_sqlite_store(file, OpenMode::read_only));
}

TEST(SqliteStore, ANameWithUriCharactersIsTheFileItSays) {
  TemporaryDirectory directory;
  auto file = directory / "deals?mode=memory#1%.db";
  open_new(file).reset();
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_TRUE(open_sqlite_store(file, OpenMode::read_only));
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
