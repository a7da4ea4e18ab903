// What only the SQLite engine has: its file (application id, schema version,
// WAL, URIs), opening modes, and the in-memory variant. What every engine
// must do is in the conformance suite beside this file.
#include "rearview/storage/sqlite_database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>

#include "sqlite_query.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;

std::unique_ptr<Database> open_new(const std::filesystem::path& file) {
  auto database = open_sqlite_database(file, OpenMode::create_if_missing);
  EXPECT_TRUE(database) << (database ? "" : database.error().message);
  return database ? std::move(*database) : nullptr;
}

std::unique_ptr<Session> session_of(Database& database) {
  auto session = database.open_session();
  EXPECT_TRUE(session) << (session ? "" : session.error().message);
  return session ? std::move(*session) : nullptr;
}

// Runs `write` in a write transaction of `session` and commits it.
void write_records(Session& session, const std::function<void(RecordWriter&)>& write) {
  auto transaction = session.write_transaction();
  ASSERT_TRUE(transaction) << transaction.error().message;
  write(transaction->records());
  if (::testing::Test::HasFatalFailure()) return;
  ASSERT_TRUE(transaction->commit());
}

void write_account(Session& session, const Id& id) {
  write_records(session, [&](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(Account{.id = id, .name = "Account " + id}));
  });
}

long long accounts_in(Session& session) { return session.deals().counts()->accounts; }

TEST(SqliteDatabase, ReopeningAFileKeepsItsData) {
  TemporaryDirectory directory;
  {
    auto database = open_new(directory / "db.sqlite");
    write_account(*session_of(*database), "001A");
  }
  auto database = open_sqlite_database(directory / "db.sqlite", OpenMode::must_exist);
  ASSERT_TRUE(database);
  EXPECT_EQ(accounts_in(*session_of(**database)), 1);
}

// A new database's file, then `sql` run on it from outside rearview.
void make_database_then(const std::filesystem::path& file, const std::string& sql) {
  open_new(file).reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
}

TEST(SqliteDatabase, RefusesADatabaseFromANewerVersion) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  make_database_then(file, "PRAGMA user_version = " + std::to_string(sqlite_schema_version() + 1));
  auto database = open_sqlite_database(file, OpenMode::must_exist);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::database_too_new);
  EXPECT_NE(database.error().message.find("newer rearview"), std::string::npos);
  EXPECT_FALSE(database.error().hint.empty());
}

TEST(SqliteDatabase, AMissingDatabaseIsNotCreatedForReading) {
  TemporaryDirectory directory;
  auto database = open_sqlite_database(directory / "absent.db", OpenMode::must_exist);
  ASSERT_FALSE(database);
  EXPECT_EQ(database.error().code, ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(directory / "absent.db"));
}

TEST(SqliteDatabase, AFileThatIsNotADatabaseSaysSo) {
  TemporaryDirectory directory;
  testing::write_file(directory / "notes.txt", std::string(8192, 'x'));
  auto database = open_sqlite_database(directory / "notes.txt", OpenMode::must_exist);
  ASSERT_FALSE(database);
  EXPECT_NE(database.error().message.find("not a rearview database"), std::string::npos)
      << database.error().message;
}

TEST(SqliteDatabase, AReadOnlyDatabaseBeginsNoWriteTransaction) {
  TemporaryDirectory directory;
  open_new(directory / "db.sqlite").reset();
  auto database = open_sqlite_database(directory / "db.sqlite", OpenMode::read_only);
  ASSERT_TRUE(database);
  auto session = session_of(**database);
  auto refused = session->write_transaction();
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("reading only"), std::string::npos);
  EXPECT_TRUE(session->read_transaction());
}

// Regression: a bulk import switched to the rollback journal, so every
// reader failed with "database is locked" until it had finished.
TEST(SqliteDatabase, ReadersOpenAndReadWhileAWriterWorksAndSeeTheDataAsItWas) {
  TemporaryDirectory directory;
  auto database = open_new(directory / "db.sqlite");
  auto writer = session_of(*database);
  write_account(*writer, "001A");
  auto writing = writer->write_transaction();
  ASSERT_TRUE(writing);
  ASSERT_TRUE(writing->records().upsert(Account{.id = "001B", .name = "Bolt"}));
  // A rollback journal would lock readers out as soon as the import's pages
  // spill from the cache, which only a large import shows; the journal mode says it at once.
  EXPECT_EQ(testing::query_value(directory / "db.sqlite", "PRAGMA journal_mode"), "wal");
  for (auto mode : {OpenMode::read_only, OpenMode::must_exist}) {
    auto reader =
        open_sqlite_database(directory / "db.sqlite", mode, std::chrono::milliseconds(200));
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ(accounts_in(*session_of(**reader)), 1);
  }
  ASSERT_TRUE(writing->commit());
  auto after = open_sqlite_database(directory / "db.sqlite", OpenMode::read_only);
  ASSERT_TRUE(after);
  EXPECT_EQ(accounts_in(*session_of(**after)), 2);
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
TEST(SqliteDatabase, AForeignDatabaseIsRefusedInEveryModeAndLeftByteForByte) {
  TemporaryDirectory directory;
  auto file = directory / "other-app.sqlite";
  make_foreign_database(file);
  std::string before = file_bytes(file);
  for (auto mode : {OpenMode::read_only, OpenMode::must_exist, OpenMode::create_if_missing}) {
    auto database = open_sqlite_database(file, mode);
    ASSERT_FALSE(database);
    EXPECT_EQ(database.error().code, ErrorCode::database);
    EXPECT_NE(database.error().message.find("not a rearview database"), std::string::npos)
        << database.error().message;
  }
  EXPECT_EQ(file_bytes(file), before);
  EXPECT_FALSE(std::filesystem::exists(directory / "other-app.sqlite-wal"));
}

TEST(SqliteDatabase, ReadingNeverMigratesAnOlderDatabase) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  // As a rearview from before the application id and schema version 3 left it.
  make_database_then(file, "PRAGMA application_id = 0; PRAGMA user_version = 2;");
  std::string before = file_bytes(file);
  auto reader = open_sqlite_database(file, OpenMode::read_only);
  ASSERT_FALSE(reader);
  EXPECT_NE(reader.error().hint.find("rearview upgrade"), std::string::npos) << reader.error().hint;
  EXPECT_EQ(file_bytes(file), before);
}

TEST(SqliteDatabase, ADatabaseFromBeforeTheApplicationIdIsRecognisedAndMarkedByAWriter) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  make_database_then(file, "PRAGMA application_id = 0");
  EXPECT_TRUE(open_sqlite_database(file, OpenMode::read_only));
  EXPECT_EQ(testing::query_value(file, "PRAGMA application_id"), "0");
  EXPECT_TRUE(open_sqlite_database(file, OpenMode::must_exist));
  EXPECT_EQ(testing::query_value(file, "PRAGMA application_id"), std::to_string(0x72767731));
}

TEST(SqliteDatabase, AnEmptyFileBecomesADatabaseButIsNotReadAsOne) {
  TemporaryDirectory directory;
  auto file = directory / "empty.db";
  testing::write_file(file, "");
  EXPECT_FALSE(open_sqlite_database(file, OpenMode::read_only));
  EXPECT_TRUE(open_sqlite_database(file, OpenMode::create_if_missing));
  EXPECT_TRUE(open_sqlite_database(file, OpenMode::read_only));
}

TEST(SqliteDatabase, ANameWithUriCharactersIsTheFileItSays) {
  TemporaryDirectory directory;
  auto file = directory / "deals?mode=memory#1%.db";
  write_account(*session_of(*open_new(file)), "001A");
  EXPECT_TRUE(std::filesystem::exists(file));
  auto reader = open_sqlite_database(file, OpenMode::read_only);
  ASSERT_TRUE(reader);
  EXPECT_EQ(accounts_in(*session_of(**reader)), 1);  // each session opens the same file
}

// Custom fields are a JSON cell; one that another program damaged holds no
// fields, for snapshots and filters alike, instead of failing every read.
TEST(SqliteDatabase, ACustomFieldsCellThatIsNotJsonHoldsNoFields) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  ASSERT_NO_FATAL_FAILURE(
      write_records(*session_of(*open_new(file)), [](RecordWriter& records) {
        ASSERT_TRUE(records.upsert(Opportunity{.id = "006A",
                                               .name = "Deal",
                                               .stage = "Prospecting",
                                               .custom = {{"Segment__c", "SMB"}}}));
      }));
  make_database_then(file, "UPDATE opportunities SET custom = '{\"Segment__c\": \"SMB\"'");
  auto database = open_sqlite_database(file, OpenMode::read_only);
  ASSERT_TRUE(database);
  auto session = session_of(**database);
  auto deal = session->snapshots().snapshot("006A");
  ASSERT_TRUE(deal && *deal) << (deal ? "" : deal.error().message);
  EXPECT_TRUE((*deal)->opportunity.custom.empty());
  auto matching = session->snapshots().for_each_snapshot(
      {.custom_field = CustomFieldEquals{"Segment__c", "SMB"}},
      [](const OpportunitySnapshot&) { return Result<void>(); });
  ASSERT_TRUE(matching) << matching.error().message;
  EXPECT_EQ(*matching, 0);
}

TEST(SqliteMemoryDatabase, HasOneSessionAtATimeAndKeepsItsDataBetweenThem) {
  auto database = open_sqlite_memory_database();
  ASSERT_TRUE(database) << database.error().message;
  {
    auto first = session_of(**database);
    write_account(*first, "001A");
    auto second = (*database)->open_session();
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message.find("one session at a time"), std::string::npos);
  }
  EXPECT_EQ(accounts_in(*session_of(**database)), 1);
}

TEST(SqliteMemoryDatabase, EachDatabaseIsItsOwn) {
  auto one = open_sqlite_memory_database();
  auto other = open_sqlite_memory_database();
  ASSERT_TRUE(one && other);
  write_account(*session_of(**one), "001A");
  EXPECT_EQ(accounts_in(*session_of(**other)), 0);
}

}  // namespace

std::string interaction_indexes_and_triggers(const std::filesystem::path& file) {
  return testing::query_value(
      file, "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_master WHERE type IN "
            "('index', 'trigger') AND tbl_name LIKE 'interaction%' AND sql IS NOT NULL ORDER BY "
            "name)");
}

// Into empty tables an import writes its interactions without their indexes
// and triggers, and before it commits builds the indexes and queues the deals
// the triggers would have queued; whatever the transaction's end, indexes and
// triggers are there afterwards.
TEST(SqliteDatabase, InteractionsLoadedInBulkQueueTheirDealsAndKeepIndexesAndTriggers) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  auto database = open_new(file);
  std::string schema = interaction_indexes_and_triggers(file);
  ASSERT_EQ(schema,
            "interaction_links_delete_queues_analysis interaction_links_insert_queues_analysis "
            "interaction_links_interaction interaction_links_update_queues_analysis "
            "interaction_participants_contact interactions_account interactions_matching "
            "interactions_message_id interactions_source interactions_text_update_rescans "
            "interactions_update_queues_analysis");
  auto session = session_of(*database);
  ASSERT_NO_FATAL_FAILURE(write_records(*session, [](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(Opportunity{.id = "006A", .name = "Acme renewal"}));
  }));
  make_database_then(file, "DELETE FROM analysis_queue");  // as if refreshed since
  for (bool commit : {false, true}) {
    auto transaction = session->write_transaction();
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(transaction->records().upsert(Interaction{
        .id = "00TA", .kind = InteractionKind::note, .links = {crm_link("006A")},
        .occurred_at = Timestamp(std::chrono::seconds(1'750'000'000)),
        .participants = {Participant{.role = ParticipantRole::from, .address = "a@acme.example"}}}));
    if (commit) {
      ASSERT_TRUE(transaction->commit());
    }
  }
  EXPECT_EQ(interaction_indexes_and_triggers(file), schema);
  EXPECT_EQ(testing::query_value(file, "SELECT group_concat(opportunity_id) FROM analysis_queue"),
            "006A");
  // Built with the row in it.
  EXPECT_EQ(testing::query_value(file, "SELECT count(*) FROM interaction_links INDEXED BY "
                                       "interaction_links_interaction WHERE interaction_id = '00TA'"),
            "1");
}

// Schema version 5 rebuilt the interactions table (its CHECKs as comparisons,
// which SQLite checks without a temporary b-tree per row), and version 6
// again (its opportunity_id became a link). Each rebuild drops the old table:
// with foreign keys on, that would have deleted every participant (ON DELETE
// CASCADE).
TEST(SqliteDatabase, Version5KeepsEveryInteractionAndParticipantOfAVersion4Database) {
  TemporaryDirectory directory;
  auto file = directory / "db.sqlite";
  ASSERT_NO_FATAL_FAILURE(write_records(*session_of(*open_new(file)), [](RecordWriter& records) {
    ASSERT_TRUE(records.upsert(Account{.id = "001A", .name = "Acme"}));
    ASSERT_TRUE(records.upsert(Opportunity{.id = "006A", .name = "Acme renewal",
                                           .account_id = "001A"}));
    ASSERT_TRUE(records.upsert(Interaction{
        .id = "00TA", .kind = InteractionKind::email, .links = {crm_link("006A")},
        .occurred_at = Timestamp(std::chrono::seconds(1'750'000'000)),
        .participants = {Participant{.role = ParticipantRole::from, .address = "a@acme.example"},
                         Participant{.role = ParticipantRole::to, .address = "b@us.example"}}}));
  }));
  // The interactions table as version 4 defined it, rebuilt by hand.
  make_database_then(file, R"sql(
    PRAGMA foreign_keys = OFF;
    DROP TABLE buyer_interviews;
    DROP TABLE audit_log;
    DROP TABLE interview_assignments;
    DROP TABLE api_tokens;
    DROP TABLE login_sessions;
    DROP TABLE app_users;
    DROP TABLE tracker_hits;
    DROP TABLE tracker_scans;
    DROP TABLE calendar_versions;
    DROP TABLE match_candidates;
    DROP TABLE match_outcomes;
    DROP TABLE interaction_links;
    DROP TABLE source_cursors;
    CREATE TABLE old_interactions (
      id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('email', 'meeting', 'call', 'note')),
      direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound', 'internal', 'unknown')),
      opportunity_id TEXT REFERENCES opportunities(id), account_id TEXT REFERENCES accounts(id),
      owner_id TEXT REFERENCES users(id), subject TEXT NOT NULL DEFAULT '',
      body TEXT NOT NULL DEFAULT '', occurred_at INTEGER NOT NULL, duration_seconds INTEGER,
      thread_id TEXT NOT NULL DEFAULT '', source_object TEXT NOT NULL DEFAULT '',
      row_hash INTEGER NOT NULL);
    INSERT INTO old_interactions SELECT id, kind, direction, '006A', account_id, owner_id, subject,
      body, occurred_at, duration_seconds, thread_id, source_object, row_hash FROM interactions;
    DROP TABLE interactions;
    ALTER TABLE old_interactions RENAME TO interactions;
    DELETE FROM analysis_queue;
    PRAGMA user_version = 4;)sql");
  ASSERT_NE(testing::query_value(file, "SELECT sql FROM sqlite_master WHERE name = 'interactions'")
                .find("kind IN ("),
            std::string::npos);

  auto database = open_sqlite_database(file, OpenMode::must_exist);
  ASSERT_TRUE(database) << database.error().message;
  EXPECT_EQ(testing::query_value(file, "PRAGMA user_version"), "13");
  EXPECT_EQ(testing::query_value(file, "SELECT sql FROM sqlite_master WHERE name = 'interactions'")
                .find(" IN ("),
            std::string::npos);
  EXPECT_EQ(testing::query_value(file, "SELECT count(*) FROM interactions"), "1");
  EXPECT_EQ(testing::query_value(file, "SELECT count(*) FROM interaction_participants"), "2");
  EXPECT_EQ(testing::query_value(file, "SELECT count(*) FROM pragma_foreign_key_check"), "0");
  EXPECT_EQ(testing::query_value(file, "SELECT group_concat(name, ' ') FROM (SELECT name FROM "
                                       "sqlite_master WHERE tbl_name = 'interactions' AND type "
                                       "IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY name)"),
            "interactions_account interactions_matching interactions_message_id interactions_source "
            "interactions_text_update_rescans interactions_update_queues_analysis");
  EXPECT_EQ(testing::query_value(file, "SELECT interaction_id || ' ' || opportunity_id || ' ' || "
                                       "method || ' ' || source || ' ' || source_id FROM "
                                       "interaction_links JOIN interactions ON id = interaction_id"),
            "00TA 006A crm crm 00TA");
  // Foreign keys are back on for the sessions, and the triggers still queue.
  auto session = session_of(**database);
  auto transaction = session->write_transaction();
  ASSERT_TRUE(transaction);
  auto orphan = transaction->records().upsert(Interaction{
      .id = "00TB", .kind = InteractionKind::call, .links = {crm_link("006-missing")},
      .occurred_at = Timestamp(std::chrono::seconds(1'750'000'000))});
  ASSERT_FALSE(orphan);
  EXPECT_EQ(orphan.error().code, ErrorCode::missing_reference);
  ASSERT_TRUE(transaction->records().upsert(Interaction{
      .id = "00TC", .kind = InteractionKind::call, .links = {crm_link("006A")},
      .occurred_at = Timestamp(std::chrono::seconds(1'750'000'000))}));
  ASSERT_TRUE(transaction->commit());
  EXPECT_EQ(testing::query_value(file, "SELECT group_concat(opportunity_id) FROM analysis_queue"),
            "006A");
}

}  // namespace rearview
