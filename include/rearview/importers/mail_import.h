// Importing e-mail straight from mailboxes: mbox files, maildir folders and
// single .eml files, or folders holding any of them (searched recursively, as
// a Google Takeout or a mail client's export is laid out). Each file is one
// write transaction and keeps a cursor: a re-run skips the files it has read
// and that did not change since, and an interrupted run resumes with the file
// it was reading. A message seen twice (the same Message-ID) is stored once.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "rearview/core/database.h"
#include "rearview/core/error.h"
#include "rearview/core/settings.h"
#include "rearview/importers/calendar_import.h"
#include "rearview/importers/import.h"

namespace rearview {

struct MailImportOptions {
  ImportProgress* progress = nullptr;
};

// A message that could not be imported, located in its file.
struct MailProblem {
  std::string file;
  long long position = 0;  // byte offset of the message in the file
  std::string message;
};

struct MailImportReport : KeptProblems<MailProblem> {
  long long files_read = 0;
  long long files_unchanged = 0;  // read before and not changed since: skipped
  std::vector<std::string> not_mail;  // files that are neither mailboxes nor messages (first 20)
  long long not_mail_count = 0;
  long long messages_read = 0;
  long long imported = 0;
  long long updated = 0;
  long long duplicates = 0;  // a Message-ID already stored, unchanged
  long long skipped = 0;     // damaged, or without a date
  CalendarCounts invitations;  // events in text/calendar parts

  // Counts the problem (and the message as skipped, when it is) and keeps it
  // among the first ones.
  void add_problem(MailProblem problem, bool skipped_message) {
    if (skipped_message) ++skipped;
    KeptProblems::add_problem(std::move(problem));
  }
};

// "mbox.mbox:1234: no Date header; skipped"
std::string describe(const MailProblem& problem);

Result<MailImportReport> import_mail(Session& session, const Settings& settings,
                                     const std::vector<std::filesystem::path>& paths,
                                     const MailImportOptions& options);

}  // namespace rearview
