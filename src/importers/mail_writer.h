// One message read from a mailbox into an e-mail (and the meetings its
// invitations carry), within one write transaction: shared by the mailbox
// files' import and the IMAP sync.
#pragma once

#include <functional>
#include <string>

#include "address_book.h"
#include "mail_message.h"
#include "rearview/core/settings.h"
#include "rearview/core/transaction.h"
#include "rearview/importers/mail_import.h"

namespace rearview::importing {

// The interaction's id for a message: "mail:" and its Message-ID (or what
// stands in for one).
Id email_id(const MailMessage& message);

class MailWriter {
 public:
  // Hears of each message skipped (`skipped`) or read in part: where it is
  // (a byte offset, an IMAP UID) and what was wrong.
  using ProblemSink = std::function<void(long long position, std::string message, bool skipped)>;
  MailWriter(WriteTransaction& transaction, AddressBook& book, const Settings& settings,
             MailImportReport& report, ProblemSink problem)
      : transaction_(transaction),
        book_(book),
        settings_(settings),
        report_(report),
        problem_(std::move(problem)) {}

  // Stores the message once (by its Message-ID), counting it in the report.
  Result<void> write(const MailMessage& message);

 private:
  Result<void> write_invitations(const MailMessage& message);

  WriteTransaction& transaction_;
  AddressBook& book_;
  const Settings& settings_;
  MailImportReport& report_;
  ProblemSink problem_;
};

}  // namespace rearview::importing
