// MailFileReader: what GMime makes of a message, checked against what the
// bytes say by hand (decoded charsets, RFC 2047 words, parts, attachments).
#include <gtest/gtest.h>

#include "mail_message.h"
#include "test_support.h"

namespace rearview::importing {
namespace {

using testing::TemporaryDirectory;
using testing::write_file;

std::vector<MailMessage> read_all(const std::filesystem::path& file, MailFileFormat format,
                                  std::vector<std::string>* problems = nullptr) {
  auto reader = MailFileReader::open(file, format);
  EXPECT_TRUE(reader) << reader.error().message;
  std::vector<MailMessage> messages;
  if (!reader) return messages;
  MailMessage message;
  std::string problem;
  while (true) {
    auto status = (*reader)->next(message, problem);
    if (status == MailFileReader::Status::end) break;
    if (status == MailFileReader::Status::damaged) {
      if (problems) problems->push_back(problem);
      continue;
    }
    messages.push_back(message);
  }
  return messages;
}

TEST(MailReader, DecodesCharsetsEncodedWordsPartsAndAttachments) {
  TemporaryDirectory folder;
  auto file = folder / "one.eml";
  write_file(file,
             "Message-ID: <a1@acme.example>\r\n"
             "References: <r0@acme.example> <r1@acme.example>\r\n"
             "In-Reply-To: <r1@acme.example>\r\n"
             "Date: Mon, 08 Jan 2024 10:00:00 +0100\r\n"
             "From: =?ISO-8859-1?Q?Pat_Buy=E9r?= <Pat@Acme.Example>\r\n"
             "To: rita@seller.example, Team: max@seller.example, ann@seller.example;\r\n"
             "Subject: =?UTF-8?B?Q2Fmw6kgcHJpY2luZw==?=\r\n"
             "List-Unsubscribe: <mailto:stop@acme.example>\r\n"
             "MIME-Version: 1.0\r\n"
             "Content-Type: multipart/mixed; boundary=b\r\n"
             "\r\n"
             "--b\r\n"
             "Content-Type: text/plain; charset=windows-1252\r\n"
             "Content-Transfer-Encoding: quoted-printable\r\n"
             "\r\n"
             "=93Caf=E9=94 =80 5\r\n"
             "--b\r\n"
             "Content-Type: text/html; charset=utf-8\r\n"
             "\r\n"
             "<p>Caf\xC3\xA9</p>\r\n"
             "--b\r\n"
             "Content-Type: application/pdf\r\n"
             "Content-Disposition: attachment; filename=\"prices.pdf\"\r\n"
             "Content-Transfer-Encoding: base64\r\n"
             "\r\n"
             "aGVsbG8=\r\n"
             "--b--\r\n");
  auto messages = read_all(file, MailFileFormat::single_message);
  ASSERT_EQ(messages.size(), 1u);
  const MailMessage& message = messages[0];
  EXPECT_EQ(message.message_id, "a1@acme.example");
  EXPECT_EQ(message.references, (std::vector<std::string>{"r0@acme.example", "r1@acme.example"}));
  EXPECT_EQ(message.subject, "Caf\xC3\xA9 pricing");
  ASSERT_TRUE(message.date);
  EXPECT_EQ(message.date->time_since_epoch().count(), 1704704400);  // 09:00 UTC
  ASSERT_EQ(message.from.size(), 1u);
  EXPECT_EQ(message.from[0].name, "Pat Buy\xC3\xA9r");
  EXPECT_EQ(message.from[0].address, "pat@acme.example");
  ASSERT_EQ(message.to.size(), 3u) << "a group's members are recipients";
  EXPECT_EQ(message.to[2].address, "ann@seller.example");
  // windows-1252: 0x93 0x94 are curly quotes, 0x80 the euro sign.
  // The line break before a boundary belongs to the boundary (RFC 2046).
  EXPECT_EQ(message.text, "\xE2\x80\x9C" "Caf\xC3\xA9" "\xE2\x80\x9D \xE2\x82\xAC 5");
  EXPECT_EQ(message.html, "<p>Caf\xC3\xA9</p>");
  ASSERT_EQ(message.attachments.size(), 1u);
  EXPECT_EQ(message.attachments[0].name, "prices.pdf");
  EXPECT_EQ(message.attachments[0].media_type, "application/pdf");
  EXPECT_EQ(message.attachments[0].bytes, 5);
  EXPECT_TRUE(message.automated) << "List-Unsubscribe";
}

TEST(MailReader, AnMboxGivesEachMessageWithItsPositionAndUnquotesFromLines) {
  TemporaryDirectory folder;
  auto file = folder / "box.mbox";
  std::string first =
      "From a@x.example Mon Jan  8 10:00:00 2024\n"
      "Message-ID: <m1@x.example>\nDate: Mon, 08 Jan 2024 10:00:00 +0000\nFrom: a@x.example\n"
      "Subject: one\n\n>From the start, a quoted From line.\n\n";
  std::string second =
      "From b@x.example Mon Jan  8 11:00:00 2024\n"
      "Message-ID: <m2@x.example>\nDate: Mon, 08 Jan 2024 11:00:00 +0000\n"
      "From: noreply@x.example\nSubject: two\n\nSecond.\n";
  write_file(file, first + second);
  auto messages = read_all(file, MailFileFormat::mbox);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0].position, 0);
  EXPECT_EQ(messages[1].position, static_cast<long long>(first.size()));
  EXPECT_EQ(messages[1].message_id, "m2@x.example");
  EXPECT_FALSE(messages[0].automated);
  EXPECT_TRUE(messages[1].automated) << "a noreply sender";
}

TEST(MailReader, AFileThatIsNotAnMboxIsReportedOnceAndReadingEnds) {
  TemporaryDirectory folder;
  auto file = folder / "not.mbox";
  write_file(file, "this is not a mailbox\n");
  std::vector<std::string> problems;
  auto messages = read_all(file, MailFileFormat::mbox, &problems);
  EXPECT_TRUE(messages.empty());
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("From "), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace rearview::importing
