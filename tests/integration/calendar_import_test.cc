// rearview import calendar: events into meetings with their participants
// resolved; updates by SEQUENCE, cancellations, shortened series and
// overridden occurrences applied; invitations in mail read too; the real
// corpora read to the end.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "rearview/importers/calendar_import.h"
#include "rearview/importers/mail_import.h"
#include "rearview/storage/sqlite_database.h"
#include "sqlite_query.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::query_value;
using testing::TemporaryDirectory;
using testing::write_file;

std::string calendar(const std::string& events, const std::string& method = "") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
         (method.empty() ? "" : "METHOD:" + method + "\r\n") + events + "END:VCALENDAR\r\n";
}

// A demo Rita (ours) set up with Pat (Acme's contact), version `sequence`.
std::string demo(int sequence, const std::string& summary, const std::string& extra = "") {
  return fmt::format(
      "BEGIN:VEVENT\r\nUID:demo-1@seller.example\r\nSEQUENCE:{}\r\nDTSTAMP:2024010{}T000000Z\r\n"
      "DTSTART:20240115T150000Z\r\nDTEND:20240115T160000Z\r\nSUMMARY:{}\r\n"
      "ORGANIZER;CN=Rita Rep:mailto:rita@seller.example\r\n"
      "ATTENDEE;CN=Pat Buyer:mailto:pat@acme.example\r\n{}END:VEVENT\r\n",
      sequence, sequence + 1, summary, extra);
}

// Weekly on Mondays at 15:00 UTC from 8 January 2024.
std::string weekly(int sequence, const std::string& rule, const std::string& extra = "") {
  return fmt::format(
      "BEGIN:VEVENT\r\nUID:sync@seller.example\r\nSEQUENCE:{}\r\nDTSTAMP:20240101T000000Z\r\n"
      "DTSTART:20240108T150000Z\r\nDURATION:PT30M\r\nRRULE:{}\r\nSUMMARY:Weekly sync\r\n"
      "ORGANIZER:mailto:rita@seller.example\r\nATTENDEE:mailto:pat@acme.example\r\n{}"
      "END:VEVENT\r\n",
      sequence, rule, extra);
}

class CalendarImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_sqlite_database(file_, OpenMode::create_if_missing);
    ASSERT_TRUE(opened) << opened.error().message;
    database_ = std::move(*opened);
    auto session = database_->open_session();
    ASSERT_TRUE(session);
    session_ = std::move(*session);
    settings_.company_email_domains = {"seller.example"};
    auto transaction = session_->write_transaction();
    ASSERT_TRUE(transaction);
    RecordWriter& records = transaction->records();
    ASSERT_TRUE(records.upsert(User{.id = "005R", .name = "Rita Rep", .email = "rita@seller.example"}));
    ASSERT_TRUE(records.upsert(Account{.id = "001A", .name = "Acme"}));
    ASSERT_TRUE(records.upsert(Contact{.id = "003P", .account_id = "001A", .first_name = "Pat",
                                       .last_name = "Buyer", .email = "pat@acme.example"}));
    // Series are expanded within the opportunities' lives (plus 14 days).
    ASSERT_TRUE(records.upsert(Opportunity{.id = "006A", .name = "Acme expansion",
                                           .account_id = "001A",
                                           .created_at = *parse_timestamp("2024-01-01T00:00:00Z"),
                                           .close_date = *parse_date("2024-02-15"),
                                           .outcome = Outcome::won}));
    ASSERT_TRUE(transaction->commit());
  }

  // Writes `text` to a new file (a new name each time, as another export).
  Result<CalendarImportReport> import_text(const std::string& text) {
    auto path = folder_ / fmt::format("calendar-{}.ics", ++files_);
    write_file(path, text);
    return import({path});
  }
  Result<CalendarImportReport> import(const std::vector<std::filesystem::path>& paths) {
    return import_calendar(*session_, settings_, paths, CalendarImportOptions{});
  }
  std::string query(const std::string& sql) { return query_value(file_, sql); }
  std::string meetings() {
    return query("SELECT count(*) FROM interactions WHERE source = 'calendar'");
  }

  TemporaryDirectory folder_;
  std::filesystem::path file_ = folder_ / "db.sqlite";
  int files_ = 0;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
  Settings settings_;
};

TEST_F(CalendarImport, EventBecomesAMeetingWithItsPeopleAndSourceId) {
  auto report = import_text(calendar(demo(0, "Acme demo")));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->events.events_read, 1);
  EXPECT_EQ(report->events.imported, 1);
  EXPECT_EQ(query("SELECT kind || '|' || direction || '|' || source_id || '|' || subject || '|' || "
                  "duration_seconds || '|' || owner_id FROM interactions"),
            "meeting|outbound|demo-1@seller.example|Acme demo|3600|005R");
  EXPECT_EQ(query("SELECT group_concat(role || ':' || coalesce(contact_id, user_id, '-'), ',') "
                  "FROM (SELECT * FROM interaction_participants ORDER BY position)"),
            "from:005R,attendee:003P");
}

TEST_F(CalendarImport, UnchangedFileIsNotReadAgain) {
  auto path = folder_ / "work.ics";
  write_file(path, calendar(demo(0, "Acme demo")));
  ASSERT_TRUE(import({path}));
  auto again = import({path});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->files_read, 0);
  EXPECT_EQ(again->files_unchanged, 1);
}

TEST_F(CalendarImport, LaterSequenceReplacesAndAnOlderOneReadLaterChangesNothing) {
  ASSERT_TRUE(import_text(calendar(demo(0, "Acme demo"))));
  auto update = import_text(calendar(demo(2, "Acme demo (moved room)")));
  ASSERT_TRUE(update);
  EXPECT_EQ(update->events.updated, 1);
  auto stale = import_text(calendar(demo(1, "Acme demo, first draft")));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->events.older_versions, 1);
  EXPECT_EQ(query("SELECT subject FROM interactions"), "Acme demo (moved room)");
}

TEST_F(CalendarImport, CancellationRemovesTheMeetingAndAnOlderRequestDoesNotBringItBack) {
  ASSERT_TRUE(import_text(calendar(demo(0, "Acme demo"))));
  auto cancel = import_text(calendar(demo(1, "Acme demo"), "CANCEL"));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->events.removed, 1);
  EXPECT_EQ(meetings(), "0");
  auto stale = import_text(calendar(demo(0, "Acme demo")));
  ASSERT_TRUE(stale);
  EXPECT_EQ(stale->events.older_versions, 1);
  EXPECT_EQ(meetings(), "0");
}

TEST_F(CalendarImport, SeriesIsOneMeetingPerOccurrenceWithinTheDealsLife) {
  // Endless; the deal lives 1 January to 15 February 2024, plus 14 days:
  // Mondays 8 January to 26 February are 8 occurrences.
  auto report = import_text(calendar(weekly(0, "FREQ=WEEKLY")));
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->events.imported, 8);
  EXPECT_EQ(query("SELECT min(source_id) || '|' || max(source_id) FROM interactions"),
            "sync@seller.example@20240108T150000Z|sync@seller.example@20240226T150000Z");
}

TEST_F(CalendarImport, ShortenedSeriesLosesItsLaterOccurrences) {
  ASSERT_TRUE(import_text(calendar(weekly(0, "FREQ=WEEKLY;COUNT=6"))));
  auto shorter = import_text(calendar(weekly(1, "FREQ=WEEKLY;COUNT=3",
                                             "EXDATE:20240115T150000Z\r\n")));
  ASSERT_TRUE(shorter);
  EXPECT_EQ(shorter->events.removed, 4);  // 15 January and 29 January to 12 February
  EXPECT_EQ(query("SELECT group_concat(substr(source_id, 21, 8), ',') FROM "
                  "(SELECT source_id FROM interactions ORDER BY source_id)"),
            "20240108,20240122");
}

TEST_F(CalendarImport, OverriddenOccurrenceMovesAndSurvivesTheSeriesReadAgain) {
  std::string moved =
      "BEGIN:VEVENT\r\nUID:sync@seller.example\r\nRECURRENCE-ID:20240122T150000Z\r\n"
      "SEQUENCE:1\r\nDTSTART:20240123T090000Z\r\nDURATION:PT30M\r\nSUMMARY:Weekly sync (Tue)\r\n"
      "END:VEVENT\r\n";
  // The override first in the file: the series is applied before it anyway.
  ASSERT_TRUE(import_text(calendar(moved + weekly(0, "FREQ=WEEKLY;COUNT=3"))));
  EXPECT_EQ(query("SELECT datetime(occurred_at, 'unixepoch') || '|' || subject FROM interactions "
                  "WHERE source_id = 'sync@seller.example@20240122T150000Z'"),
            "2024-01-23 09:00:00|Weekly sync (Tue)");
  ASSERT_TRUE(import_text(calendar(weekly(0, "FREQ=WEEKLY;COUNT=3", "DESCRIPTION:agenda\r\n"))));
  EXPECT_EQ(query("SELECT subject FROM interactions "
                  "WHERE source_id = 'sync@seller.example@20240122T150000Z'"),
            "Weekly sync (Tue)");
  EXPECT_EQ(meetings(), "3");
}

TEST_F(CalendarImport, CancelledOccurrenceGoesAndTheRestStay) {
  ASSERT_TRUE(import_text(calendar(weekly(0, "FREQ=WEEKLY;COUNT=3"))));
  auto cancel = import_text(calendar(
      "BEGIN:VEVENT\r\nUID:sync@seller.example\r\nRECURRENCE-ID:20240115T150000Z\r\n"
      "SEQUENCE:1\r\nDTSTART:20240115T150000Z\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n"));
  ASSERT_TRUE(cancel);
  EXPECT_EQ(cancel->events.removed, 1);
  EXPECT_EQ(meetings(), "2");
  EXPECT_EQ(query("SELECT count(*) FROM interactions WHERE source_id LIKE '%20240115%'"), "0");
}

TEST_F(CalendarImport, RepliesAreNotEvents) {
  auto report = import_text(calendar(demo(0, "Accepted: Acme demo"), "REPLY"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->events.replies, 1);
  EXPECT_EQ(meetings(), "0");
}

TEST_F(CalendarImport, BadEventIsReportedWithFileAndLineAndTheRestImported) {
  auto report = import_text(calendar(
      demo(0, "Acme demo") + "BEGIN:VEVENT\r\nUID:broken\r\nDTSTART:2024-99-99\r\nEND:VEVENT\r\n"));
  ASSERT_TRUE(report);
  EXPECT_EQ(report->events.imported, 1);
  EXPECT_EQ(report->events.skipped, 1);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].line, 14);
  std::string described = describe(report->problems[0]);
  EXPECT_NE(described.find("calendar-1.ics:14: "), std::string::npos) << described;
}

TEST_F(CalendarImport, InvitationInAMailIsAMeetingBesideTheMail) {
  std::string mail =
      "Message-ID: <invite@seller.example>\r\nDate: Mon, 01 Jan 2024 10:00:00 +0000\r\n"
      "From: Rita Rep <rita@seller.example>\r\nTo: pat@acme.example\r\n"
      "Subject: Invitation: Acme demo\r\nMIME-Version: 1.0\r\n"
      "Content-Type: multipart/alternative; boundary=\"b\"\r\n\r\n--b\r\n"
      "Content-Type: text/plain\r\n\r\nYou are invited.\r\n--b\r\n"
      "Content-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n\r\n" +
      calendar(demo(0, "Acme demo"), "REQUEST") + "--b--\r\n";
  write_file(folder_ / "invite.eml", mail);
  auto report =
      import_mail(*session_, settings_, {folder_ / "invite.eml"}, MailImportOptions{});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 1);
  EXPECT_EQ(report->invitations.imported, 1);
  EXPECT_EQ(query("SELECT group_concat(kind || ':' || source_id, ',') FROM "
                  "(SELECT * FROM interactions ORDER BY kind)"),
            "email:invite@seller.example,meeting:demo-1@seller.example");
}

// Every file of the real calendar corpora and the invitations in mail: read
// to the end, nothing crashes or hangs; Exchange's Windows zone id is read.
TEST_F(CalendarImport, EveryRealCorpusIsReadToTheEnd) {
  auto mail = testing::shared_mail_data();
  if (mail.empty()) GTEST_SKIP() << "../shared/data is absent; the real corpora are skipped";
  auto data = mail.parent_path() / "calendar";
  auto report = import({data});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_GT(report->files_read, 200);
  EXPECT_GT(report->events.imported, 100);
  EXPECT_GT(report->events.skipped, 0);  // the broken and fuzzed files
  // windows_event.ics: 09:30 "Romance Standard Time" (Paris, winter) is 08:30 UTC.
  EXPECT_EQ(query("SELECT datetime(occurred_at, 'unixepoch') FROM interactions WHERE subject = "
                  "'Pommes'"),
            "2015-02-20 08:30:00");
  auto invitations = import_mail(*session_, settings_, {mail / "apparmor-gcal-invites"},
                                 MailImportOptions{});
  ASSERT_TRUE(invitations) << invitations.error().message;
  EXPECT_GT(invitations->invitations.events_read, 10);
}

}  // namespace
}  // namespace rearview
