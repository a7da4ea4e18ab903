// rearview import mail: messages read with GMime from mbox files, maildirs
// and .eml files, stored once each with their participants and direction;
// a re-run skips what it has read; damaged messages are reported and skipped.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "rearview/importers/import.h"
#include "rearview/importers/mail_import.h"
#include "rearview/storage/sqlite_database.h"
#include "test_support.h"

namespace rearview {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

// Café, in ISO-8859-1 and quoted-printable, with an RFC 2047 subject.
const std::string kLatin1Message =
    "From pat@acme.example Mon Jan  8 10:00:00 2024\n"
    "Message-ID: <first@acme.example>\n"
    "Date: Mon, 08 Jan 2024 10:00:00 +0100\n"
    "From: =?ISO-8859-1?Q?Pat_Buy=E9r?= <Pat@Acme.example>\n"
    "To: Rita Rep <rita@seller.example>\n"
    "Subject: =?ISO-8859-1?Q?Caf=E9_pricing?=\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=ISO-8859-1\n"
    "Content-Transfer-Encoding: quoted-printable\n"
    "\n"
    "Un caf=E9, s'il vous pla=EEt.\n"
    "\n";

// A reply: text and HTML alternatives and a PDF attachment of 5 bytes.
const std::string kReplyWithAttachment =
    "From rita@seller.example Tue Jan  9 09:30:00 2024\n"
    "Message-ID: <second@seller.example>\n"
    "In-Reply-To: <first@acme.example>\n"
    "References: <first@acme.example>\n"
    "Date: Tue, 09 Jan 2024 09:30:00 +0000\n"
    "From: Rita Rep <rita@seller.example>\n"
    "To: pat@acme.example\n"
    "Cc: Max Manager <max@seller.example>\n"
    "Subject: Re: Cafe pricing\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "\n"
    "Price list attached.\n"
    "--inner\n"
    "Content-Type: text/html; charset=utf-8\n"
    "\n"
    "<p>Price list <b>attached</b>.</p>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: application/pdf; name=\"prices.pdf\"\n"
    "Content-Disposition: attachment; filename=\"prices.pdf\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "aGVsbG8=\n"
    "--outer--\n"
    "\n";

const std::string kUndated =
    "From someone Wed Jan 10 00:00:00 2024\n"
    "Message-ID: <undated@acme.example>\n"
    "From: pat@acme.example\n"
    "Subject: no date\n"
    "\n"
    "Hello\n";

const std::string kInternalNote =
    "Message-ID: <internal@seller.example>\n"
    "Date: Thu, 11 Jan 2024 12:00:00 +0000\n"
    "From: max@seller.example\n"
    "To: rita@seller.example\n"
    "Subject: how is Acme going?\n"
    "\n"
    "Tell me on Friday.\n";

class MailImport : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = open_sqlite_memory_database();
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
    ASSERT_TRUE(transaction->commit());
  }

  Result<MailImportReport> import(const std::vector<std::filesystem::path>& paths) {
    return import_mail(*session_, settings_, paths, MailImportOptions{});
  }

  // Whether an interaction has this id or source id.
  bool stored(const std::string& id) {
    auto transaction = session_->write_transaction();
    EXPECT_TRUE(transaction);
    auto found = transaction ? transaction->links().find_interaction(id) : Result<std::optional<Id>>();
    EXPECT_TRUE(found);
    return found && found->has_value();
  }

  long long emails() { return session_->deals().counts()->emails; }

  TemporaryDirectory folder_;
  Settings settings_;
  std::unique_ptr<Database> database_;
  std::unique_ptr<Session> session_;
};

TEST_F(MailImport, AnMboxIsReadWithItsCharsetsPartsAndAttachmentsAndAnUndatedMessageIsSkipped) {
  auto mbox = folder_ / "Acme.mbox";
  write_file(mbox, kLatin1Message + kReplyWithAttachment + kUndated);
  auto report = import({mbox});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->files_read, 1);
  EXPECT_EQ(report->messages_read, 3);
  EXPECT_EQ(report->imported, 2);
  EXPECT_EQ(report->skipped, 1);
  ASSERT_EQ(report->problems.size(), 1u);
  EXPECT_EQ(report->problems[0].position,
            static_cast<long long>(kLatin1Message.size() + kReplyWithAttachment.size()));
  EXPECT_NE(describe(report->problems[0])
                .find(fmt::format("Acme.mbox (message at byte {})", report->problems[0].position)),
            std::string::npos);
  EXPECT_NE(report->problems[0].message.find("no Date header"), std::string::npos);
  EXPECT_EQ(emails(), 2);
  EXPECT_TRUE(stored("first@acme.example")) << "found by its Message-ID, without brackets";
  EXPECT_TRUE(stored("mail:second@seller.example")) << "and by its id";
  EXPECT_FALSE(stored("undated@acme.example"));
}

// A message both logged in the CRM (EmailMessage with its MessageIdentifier)
// and read from a mailbox is one interaction, the CRM's, whichever came first.
TEST_F(MailImport, AMessageTheCrmLoggedIsNotStoredAgainFromTheMailbox) {
  {
    auto transaction = session_->write_transaction();
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(transaction->records().upsert(
        Interaction{.id = "02sLOGGED", .kind = InteractionKind::email,
                    .occurred_at = Timestamp(std::chrono::seconds(1'704'704'400)),
                    .source_object = "EmailMessage", .message_id = "first@acme.example"}));
    ASSERT_TRUE(transaction->commit());
  }
  write_file(folder_ / "inbox.mbox", kLatin1Message + kReplyWithAttachment);
  auto report = import({folder_ / "inbox.mbox"});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 1);
  EXPECT_EQ(report->duplicates, 1);
  EXPECT_EQ(emails(), 2);
  EXPECT_FALSE(stored("mail:first@acme.example"));
}

TEST_F(MailImport, ACrmExportOfAMessageReadBeforeReplacesTheMailboxCopy) {
  write_file(folder_ / "inbox.mbox", kLatin1Message + kReplyWithAttachment);
  ASSERT_TRUE(import({folder_ / "inbox.mbox"}));
  ASSERT_TRUE(stored("mail:first@acme.example"));
  write_file(folder_ / "export" / "EmailMessage.csv",
             "Id,Subject,TextBody,FromAddress,ToAddress,Incoming,MessageDate,MessageIdentifier\n"
             "02sA,Café pricing,Un café,pat@acme.example,rita@seller.example,true,"
             "2024-01-08T09:00:00.000Z,<first@acme.example>\n");
  auto crm = import_salesforce(*session_, settings_, folder_ / "export", ImportOptions{});
  ASSERT_TRUE(crm) << crm.error().message;
  ASSERT_TRUE(crm->committed);
  EXPECT_FALSE(stored("mail:first@acme.example"));
  EXPECT_TRUE(stored("02sA"));
  EXPECT_TRUE(stored("mail:second@seller.example")) << "other messages stay";
  EXPECT_EQ(emails(), 2);
  bool warned = false;
  for (const auto& warning : crm->warnings)
    warned = warned || warning.find("1 e-mail read from a mailbox is also in EmailMessage.csv") !=
                           std::string::npos;
  EXPECT_TRUE(warned);
}

// Regression: a message with only an HTML part was stored without text, so
// its timeline item was empty and the trackers read nothing of it.
TEST_F(MailImport, AnHtmlOnlyMessageKeepsItsWordsAsText) {
  write_file(folder_ / "html.eml",
             "From: Pat Buyer <pat@acme.example>\nTo: rita@seller.example\n"
             "Subject: Our decision\nDate: Tue, 05 Mar 2024 10:00:00 +0000\n"
             "Message-ID: <html-only@acme.example>\nMIME-Version: 1.0\n"
             "Content-Type: text/html; charset=utf-8\n\n"
             "<html><body><p>Hi Rita,</p><p>it is <b>too expensive</b>&nbsp;for us.</p>"
             "<script>track()</script></body></html>\n");
  auto report = import({folder_ / "html.eml"});
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_EQ(report->imported, 1);
  std::string body;
  auto read = session_->trackers().for_each_interaction_to_scan(
      0, [&](const InteractionText& text) -> Result<void> {
        body = text.body;
        return {};
      });
  ASSERT_TRUE(read);
  EXPECT_EQ(body, "Hi Rita,\n\nit is too expensive for us.");
}

TEST_F(MailImport, TheSameMessageInTwoFilesIsStoredOnceAndAReRunReadsNothingUnchanged) {
  write_file(folder_ / "inbox.mbox", kLatin1Message + kReplyWithAttachment);
  write_file(folder_ / "archive" / "copy.eml", kReplyWithAttachment.substr(kReplyWithAttachment.find('\n') + 1));
  auto first = import({folder_.path()});
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->files_read, 2);
  EXPECT_EQ(first->imported, 2);
  EXPECT_EQ(first->duplicates, 1);
  auto again = import({folder_.path()});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->files_read, 0);
  EXPECT_EQ(again->files_unchanged, 2);
  EXPECT_EQ(again->messages_read, 0);
  // A message appended to the mbox: only it is read, from where the last run stopped.
  std::string appended = "From max Thu Jan 11 12:00:00 2024\n" + kInternalNote + "\nFrom\n";
  write_file(folder_ / "inbox.mbox", kLatin1Message + kReplyWithAttachment + appended);
  auto grown = import({folder_.path()});
  ASSERT_TRUE(grown);
  EXPECT_EQ(grown->files_read, 1);
  EXPECT_EQ(grown->messages_read, 1);
  EXPECT_EQ(grown->imported, 1);
  EXPECT_EQ(grown->duplicates, 0);
  EXPECT_EQ(emails(), 3);
  // An mbox rewritten from the start (messages deleted, compacted) is read whole again.
  write_file(folder_ / "inbox.mbox", kReplyWithAttachment + kLatin1Message + appended + appended);
  auto rewritten = import({folder_.path()});
  ASSERT_TRUE(rewritten);
  EXPECT_EQ(rewritten->messages_read, 4);
  EXPECT_EQ(rewritten->duplicates, 4);
}

TEST_F(MailImport, AMaildirIsReadFromCurAndNewButNotTmpAndOtherFilesAreLeftOut) {
  auto maildir = folder_ / "Maildir";
  write_file(maildir / "cur" / "1700000000.1.host:2,S", kInternalNote);
  write_file(maildir / "new" / "1700000001.2.host", kLatin1Message.substr(kLatin1Message.find('\n') + 1));
  write_file(maildir / "tmp" / "1700000002.3.host", kUndated.substr(kUndated.find('\n') + 1));
  write_file(maildir / "new" / ".keep", "");
  write_file(folder_ / "README.txt", "not mail at all\n");
  auto report = import({folder_.path()});
  ASSERT_TRUE(report) << report.error().message;
  EXPECT_EQ(report->imported, 2);
  EXPECT_EQ(report->skipped, 0) << "tmp/ holds messages still being delivered";
  EXPECT_EQ(report->not_mail_count, 1);
  ASSERT_EQ(report->not_mail.size(), 1u);
  EXPECT_NE(report->not_mail[0].find("README.txt"), std::string::npos);
}

TEST_F(MailImport, APathThatDoesNotExistFailsAndImportsNothing) {
  write_file(folder_ / "inbox.mbox", kLatin1Message);
  auto report = import({folder_ / "inbox.mbox", folder_ / "missing"});
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code, ErrorCode::not_found);
  EXPECT_NE(report.error().message.find("missing"), std::string::npos);
  EXPECT_EQ(emails(), 0);
}

// Every file of the real corpora: read to the end, nothing crashes or hangs,
// each import ends with its counts.
TEST_F(MailImport, EveryRealCorpusIsReadToTheEnd) {
  auto data = testing::shared_mail_data();
  if (data.empty()) GTEST_SKIP() << "../shared/data/mail is absent; the real corpora are skipped";
  for (const char* corpus : {"mime-corpora", "talon-client-replies", "apparmor-gcal-invites",
                             "enron-tycholiz-b-maildir", "enron-watson-k-mbox"}) {
    auto report = import({data / corpus});
    ASSERT_TRUE(report) << corpus << ": " << report.error().message;
    EXPECT_GT(report->messages_read, 0) << corpus;
    EXPECT_EQ(report->messages_read,
              report->imported + report->updated + report->duplicates + report->skipped)
        << corpus;
  }
}

}  // namespace
}  // namespace rearview
