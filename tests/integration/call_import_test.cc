// rearview import calls: transcripts and sidecars into calls, with speakers
// resolved to sides and the talk counted (figures worked out by hand below),
// re-runs that read only what changed, and bad files reported by file and
// line without losing the rest.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "rearview/importers/call_import.h"
#include "rearview/storage/sqlite_database.h"
#include "sqlite_query.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::query_value;
using testing::TemporaryDirectory;
using testing::write_file;

// Rita (ours) 0-10 s and 40-46 s, Pat (Acme) 11-31 s and, unnamed after
// her, 31-35 s; a stranger 50-53 s. Turns: Rita, Pat, Rita, stranger = 4;
// ours 16 s, the buyer's 24 s, unattributed 3 s; the call lasts 53 s.
constexpr const char* kDemoVtt =
    "WEBVTT\n\n"
    "00:00:00.000 --> 00:00:10.000\n<v Rita Rep>Thanks for joining, Pat.</v>\n\n"
    "00:00:11.000 --> 00:00:31.000\n<v Pat Buyer>We are also talking to Globex.</v>\n\n"
    "00:00:31.000 --> 00:00:35.000\nAnd pricing matters.\n\n"
    "00:00:40.000 --> 00:00:46.000\nRita: Understood.\n\n"
    "00:00:50.000 --> 00:00:53.000\nSam Stranger: Hello?\n";

std::string sidecar(const std::string& id, const std::string& title = "Demo with Acme") {
  return fmt::format(
      R"({{"id": "{}", "title": "{}", "started_at": "2024-01-15T16:00:00+01:00",
          "participants": [{{"name": "Rita Rep", "email": "rita@seller.example"}},
                           {{"name": "Pat Buyer", "email": "Pat@Acme.example"}}]}})",
      id, title);
}

class CallImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_sqlite_database(file_, OpenMode::create_if_missing);
    ASSERT_TRUE(opened) << opened.error().message;
    database_ = std::move(*opened);
    auto session = database_->open_session();
    ASSERT_TRUE(session);
    session_ = std::move(*session);
    auto transaction = session_->write_transaction();
    ASSERT_TRUE(transaction);
    RecordWriter& records = transaction->records();
    ASSERT_TRUE(records.upsert(User{.id = "005R", .name = "Rita Rep", .email = "rita@seller.example"}));
    ASSERT_TRUE(records.upsert(Account{.id = "001A", .name = "Acme"}));
    ASSERT_TRUE(records.upsert(Contact{.id = "003P", .account_id = "001A", .first_name = "Pat",
                                       .last_name = "Buyer", .email = "pat@acme.example"}));
    ASSERT_TRUE(transaction->commit());
    std::filesystem::create_directories(calls_);
  }

  Result<CallImportReport> import() {
    return import_calls(*session_, settings_, {calls_}, CallImportOptions{});
  }
  std::string query(const std::string& sql) { return query_value(file_, sql); }
  std::string call_row(const std::string& id) {
    return query(fmt::format(
        "SELECT kind || ' ' || source || ' ' || duration_seconds || ' ' || speaker_turns || ' ' || "
        "our_talk_seconds || ' ' || buyer_talk_seconds || ' ' || unattributed_talk_seconds || ' ' "
        "|| strftime('%Y-%m-%dT%H:%M:%SZ', occurred_at, 'unixepoch') || ' ' || "
        "coalesce(owner_id, '-') FROM interactions WHERE id = 'call:{}'",
        id));
  }

  TemporaryDirectory folder_;
  std::filesystem::path file_ = folder_ / "db.sqlite";
  std::filesystem::path calls_ = folder_ / "calls";
  Settings settings_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
};

TEST_F(CallImport, ATranscriptBecomesACallWithItsTalkBySide) {
  write_file(calls_ / "demo.vtt", kDemoVtt);
  write_file(calls_ / "demo.json", sidecar("zoom-77"));
  auto report = import();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->calls.imported, 1);
  EXPECT_EQ(report->problem_count, 0) << report->problems.front().message;
  EXPECT_EQ(report->not_transcript_count, 0) << "the sidecar is part of the call";
  EXPECT_EQ(call_row("zoom-77"), "call transcript 53 4 16 24 3 2024-01-15T15:00:00Z 005R");
  EXPECT_EQ(query("SELECT source_id || '|' || subject FROM interactions"), "zoom-77|Demo with Acme");
  EXPECT_EQ(query("SELECT group_concat(coalesce(contact_id, user_id), ',') FROM "
                  "interaction_participants"),
            "005R,003P");
  std::string body = query("SELECT body FROM interactions");
  EXPECT_EQ(body,
            "[0:00] Rita Rep: Thanks for joining, Pat.\n"
            "[0:11] Pat Buyer: We are also talking to Globex. And pricing matters.\n"
            "[0:40] Rita: Understood.\n"
            "[0:50] Sam Stranger: Hello?");
}

TEST_F(CallImport, AReRunReadsOnlyWhatChangedAndASidecarChangeCounts) {
  write_file(calls_ / "demo.vtt", kDemoVtt);
  write_file(calls_ / "demo.json", sidecar("zoom-77"));
  ASSERT_TRUE(import());
  auto again = import();
  ASSERT_TRUE(again);
  EXPECT_EQ(again->files_unchanged, 1);
  EXPECT_EQ(again->calls.transcripts_read, 0);
  write_file(calls_ / "demo.json", sidecar("zoom-77", "Demo with Acme, renamed"));
  auto renamed = import();
  ASSERT_TRUE(renamed);
  EXPECT_EQ(renamed->calls.updated, 1);
  EXPECT_EQ(query("SELECT count(*) || ' ' || subject FROM interactions"), "1 Demo with Acme, renamed");
}

TEST_F(CallImport, TheSameCallExportedTwiceIsStoredOnce) {
  write_file(calls_ / "demo.vtt", kDemoVtt);
  write_file(calls_ / "demo.srt",
             "1\n00:00:00,000 --> 00:00:10,000\nRita Rep: Thanks for joining, Pat.\n");
  write_file(calls_ / "demo.json", sidecar("zoom-77"));
  auto report = import();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->calls.imported, 1);
  EXPECT_EQ(report->calls.duplicates, 1);
  EXPECT_EQ(query("SELECT count(*) FROM interactions"), "1");
}

TEST_F(CallImport, BadFilesAreReportedByFileAndLineAndTheRestImported) {
  write_file(calls_ / "good.vtt", kDemoVtt);
  write_file(calls_ / "good.json", sidecar("good-1"));
  write_file(calls_ / "alone.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n");
  write_file(calls_ / "broken.vtt", kDemoVtt);
  write_file(calls_ / "broken.json", "{\n  \"id\": \"b\",\n  \"started_at\": 2024\n}");
  write_file(calls_ / "noheader.vtt", "00:00:01.000 --> 00:00:02.000\nhi\n");
  write_file(calls_ / "noheader.json", sidecar("noheader-1"));
  write_file(calls_ / "damaged.vtt", std::string(kDemoVtt) + "\n00:0x:60.000 --> 00:01:02.000\nlost\n");
  write_file(calls_ / "damaged.json", sidecar("damaged-1"));
  write_file(calls_ / "notes.txt", "not a call");
  auto report = import();
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->calls.imported, 2);  // good and damaged
  EXPECT_EQ(report->calls.skipped, 3);
  EXPECT_EQ(report->calls.cues_skipped, 1);
  EXPECT_EQ(report->not_transcript_count, 1);
  std::vector<std::string> problems;
  for (const auto& problem : report->problems) problems.push_back(describe(problem));
  auto has = [&](const std::string& start, const std::string& words) {
    for (const auto& problem : problems)
      if (problem.starts_with((calls_ / start).string()) && problem.find(words) != std::string::npos)
        return true;
    return false;
  };
  EXPECT_TRUE(has("alone.srt: ", "no sidecar alone.json")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("broken.json:3: ", "started_at")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("noheader.vtt:1: ", "WEBVTT")) << ::testing::PrintToString(problems);
  EXPECT_TRUE(has("damaged.vtt:18: ", "cannot be read")) << ::testing::PrintToString(problems);
  EXPECT_EQ(call_row("damaged-1"), "call transcript 53 4 16 24 3 2024-01-15T15:00:00Z 005R");
}

TEST_F(CallImport, ALatin1TranscriptIsReadWithAWarning) {
  write_file(calls_ / "old.srt", "1\n00:00:01,000 --> 00:00:03,000\nPat Buyer: Gr\xFC\xDF" "e\n");
  write_file(calls_ / "old.json", sidecar("old-1"));
  auto report = import();
  ASSERT_TRUE(report);
  EXPECT_EQ(report->calls.imported, 1);
  ASSERT_EQ(report->problem_count, 1);
  EXPECT_NE(report->problems[0].message.find("not UTF-8"), std::string::npos);
  EXPECT_EQ(query("SELECT body FROM interactions"), "[0:01] Pat Buyer: Gr\u00FC\u00DFe");
}

TEST_F(CallImport, APathThatDoesNotExistFailsWithAHint) {
  auto report = import_calls(*session_, settings_, {folder_ / "missing"}, CallImportOptions{});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::not_found);
  EXPECT_NE(report.error().hint.find(".vtt"), std::string::npos);
}

}  // namespace
}  // namespace rearview
