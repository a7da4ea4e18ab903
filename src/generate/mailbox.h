// The sample company's e-mail as a mailbox: every message of every deal in
// mail/all-mail.mbox (mboxrd), as a mail client's export holds it, some of
// them again in mail/copies.mbox (a second folder holding the same
// messages), damaged ones in mail/damaged.mbox, and
// mail/truth.csv saying which opportunity each message belongs to and
// whether matching can know it: what `rearview import mail` and matching
// must reproduce. Written with --mailbox; e-mail then leaves the CRM export,
// as with activity capture that never writes e-mail to the CRM.
//
//   truth.csv: message_id (without angle brackets), opportunity_id, expected
//   (link: matching should put it on that opportunity; review: a buyer on
//   two deals at once, which only a person can tell apart; unmatched:
//   nothing about it names the deal, as with colleagues alone or a machine;
//   skipped: damaged, the import reports and skips it), case (see MailCase).
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
  new_contact_not_in_crm,  // someone the CRM does not know yet, at the account's domain
  malformed,               // no Date header: skipped
  partner_copied,  // a partner's consultant on the buyer thread: their domain decides nothing
  partner_only,    // the rep and a partner only: a partner never decides the account: unmatched
  renewal_after_close,  // the buyer writes about renewing weeks after the won deal closed,
                        // no other deal of the account alive: unmatched
};
inline constexpr std::size_t kMailCases = 11;
std::string_view to_string(MailCase mail_case);
// link, review, unmatched or skipped.
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

  // `expected` overrides the case's own expectation (a new contact at an
  // account with another deal alive goes to review).
  void write(const MailDraft& message, std::string_view opportunity_id, MailCase mail_case,
             std::string_view expected = {});
  // The same message once more, in copies.mbox: stored once by the import.
  void write_copy(const MailDraft& message);
  // A message the import must skip (no Date header), in damaged.mbox.
  void write_damaged(const MailDraft& message, std::string_view opportunity_id);
  Result<void> close();

  long long messages() const { return messages_; }
  long long copies() const { return copies_count_; }
  long long bytes() const {
    return mbox_.bytes() + copies_.bytes() + damaged_.bytes() + truth_.bytes();
  }
  const std::array<long long, kMailCases>& by_case() const { return by_case_; }

 private:
  Mailbox(OutputFile mbox, OutputFile copies, OutputFile damaged, CsvFile truth)
      : mbox_(std::move(mbox)),
        copies_(std::move(copies)),
        damaged_(std::move(damaged)),
        truth_(std::move(truth)) {}
  void add_truth(const MailDraft& message, std::string_view opportunity_id, MailCase mail_case,
                 std::string_view expected);

  OutputFile mbox_;
  OutputFile copies_;
  OutputFile damaged_;
  CsvFile truth_;
  long long copies_count_ = 0;
  long long messages_ = 0;
  std::array<long long, kMailCases> by_case_{};
};

}  // namespace rearview::generate
