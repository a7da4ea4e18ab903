// The sample company's e-mail as a mailbox: every message of every deal in
// mail/all-mail.mbox (mboxrd), as a mail client's export holds it, and
// mail/truth.csv saying which opportunity each message belongs to and
// whether matching can know it: what `rearview import mail` and matching
// must reproduce. Written with --mailbox; e-mail then leaves the CRM export,
// as with activity capture that never writes e-mail to the CRM.
//
//   truth.csv: message_id (without angle brackets), opportunity_id, expected
//   (link: matching should put it on that opportunity; review: a buyer on
//   two deals at once, which only a person can tell apart; unmatched:
//   nothing about it names the deal, as with colleagues alone or a machine),
//   case (see MailCase).
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "csv_file.h"
#include "output_file.h"
#include "rearview/core/error.h"
#include "rearview/core/time.h"

namespace rearview::generate {

struct MailParty {
  std::string name;
  std::string address;
};

// The hard cases matching must get right, beside the ordinary thread.
enum class MailCase {
  ordinary,                    // a thread between the rep and the buyer
  internal,                    // colleagues only: unmatched
  personal_address_reply,      // a buyer answers from a free-mail address
  forward_without_references,  // a buyer forwards a message; the client drops References
  automated,                   // an e-signature service's notice: unmatched
  contact_on_concurrent_deals,  // the buyer is on another deal of the account then: review
};
inline constexpr std::size_t kMailCases = 6;
std::string_view to_string(MailCase mail_case);
// link, review or unmatched.
std::string_view expected_outcome(MailCase mail_case);

struct MailDraft {
  Timestamp at;
  std::string message_id;               // with angle brackets
  std::vector<std::string> references;  // the thread's earlier messages, oldest first
  std::string subject;
  std::string body;
  MailParty from;
  std::vector<MailParty> to;
  std::vector<MailParty> cc;
  bool automated = false;  // sent by a machine: Auto-Submitted
};

class Mailbox {
 public:
  Mailbox() = default;
  // Creates out_dir/mail with all-mail.mbox and truth.csv.
  static Result<Mailbox> create(const std::filesystem::path& out_dir);

  void write(const MailDraft& message, std::string_view opportunity_id, MailCase mail_case);
  Result<void> close();

  long long messages() const { return messages_; }
  long long bytes() const { return mbox_.bytes() + truth_.bytes(); }
  const std::array<long long, kMailCases>& by_case() const { return by_case_; }

 private:
  Mailbox(OutputFile mbox, CsvFile truth) : mbox_(std::move(mbox)), truth_(std::move(truth)) {}

  OutputFile mbox_;
  CsvFile truth_;
  long long messages_ = 0;
  std::array<long long, kMailCases> by_case_{};
};

}  // namespace rearview::generate
