// rearview import mail: messages from mailbox files into interactions, with
// their participants resolved to contacts and users. Which opportunity each
// belongs to is matching's work, not the import's.
#include "rearview/importers/mail_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "address_book.h"
#include "mail_files.h"
#include "mail_message.h"
#include "mail_writer.h"
#include "source_files.h"
#include "rearview/core/stable_hash.h"

namespace rearview {
namespace {

using importing::AddressBook;
using importing::MailFile;
using importing::MailFileFormat;
using importing::MailFileReader;
using importing::MailMessage;
using importing::modified_time;

// A hash of the 4 KiB before `position` in `file`.
long long fingerprint_before(const std::filesystem::path& file, long long position) {
  constexpr long long kSpan = 4096;
  long long start = std::max(0LL, position - kSpan);
  std::ifstream in(file, std::ios::binary);
  in.seekg(start);
  std::string bytes(static_cast<std::size_t>(position - start), '\0');
  in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, in.gcount())));
  return static_cast<long long>(stable_hash(bytes));
}

// Where to go on reading `file`: after what the cursor says was read, when
// the file is an mbox that only grew since (the bytes before that point are
// as they were, and the next message starts with its From line there); else
// from the start.
long long resume_position(const MailFile& file, const std::optional<SourceCursor>& cursor) {
  if (file.format != MailFileFormat::mbox || !cursor || cursor->position != cursor->size ||
      file.size <= cursor->size)
    return 0;
  if (fingerprint_before(file.path, cursor->position) != cursor->fingerprint) return 0;
  std::ifstream in(file.path, std::ios::binary);
  in.seekg(cursor->position);
  char head[5] = {};
  in.read(head, sizeof head);
  return in.gcount() == 5 && std::string_view(head, 5) == "From " ? cursor->position : 0;
}

class MailImport {
 public:
  MailImport(Session& session, const Settings& settings, const MailImportOptions& options)
      : session_(session), settings_(settings), options_(options) {}

  Result<void> import_file(const MailFile& file);
  MailImportReport& report() { return report_; }

 private:
  void problem(const MailFile& file, long long position, std::string message, bool skipped = true);

  Session& session_;
  const Settings& settings_;
  const MailImportOptions& options_;
  MailImportReport report_;
};

void MailImport::problem(const MailFile& file, long long position, std::string message,
                         bool skipped) {
  report_.add_problem({file.path.string(), position, std::move(message)}, skipped);
}

Result<void> MailImport::import_file(const MailFile& file) {
  auto transaction = session_.write_transaction();
  if (!transaction) return std::unexpected(transaction.error());
  std::string location = std::filesystem::absolute(file.path).lexically_normal().string();
  SourceCursor now{.location = location, .size = file.size, .modified = modified_time(file.path)};
  auto cursor = transaction->records().source_cursor(SourceKind::mailbox, location);
  if (!cursor) return std::unexpected(cursor.error());
  if (*cursor && (*cursor)->size == now.size && (*cursor)->modified == now.modified &&
      (*cursor)->position == now.size) {
    ++report_.files_unchanged;
    return {};
  }
  auto reader = MailFileReader::open(file.path, file.format, resume_position(file, *cursor));
  if (!reader) return std::unexpected(reader.error());
  ++report_.files_read;
  AddressBook book(transaction->records());
  importing::MailWriter writer(*transaction, book, settings_, report_,
                               [&](long long position, std::string what, bool skipped) {
                                 problem(file, position, std::move(what), skipped);
                               });
  MailMessage message;
  std::string damage;
  while (true) {
    auto status = (*reader)->next(message, damage);
    if (status == MailFileReader::Status::end) break;
    if (status == MailFileReader::Status::damaged) {
      ++report_.messages_read;
      problem(file, message.position, damage + "; skipped");
      continue;
    }
    if (auto imported = writer.write(message); !imported) return imported;
  }
  now.position = now.size;
  now.fingerprint = fingerprint_before(file.path, now.position);
  if (auto saved = transaction->records().save_source_cursor(SourceKind::mailbox, now); !saved)
    return saved;
  return transaction->commit();
}

}  // namespace

std::string describe(const MailProblem& problem) {
  return fmt::format("{} (message at byte {}): {}", problem.file, problem.position, problem.message);
}

Result<MailImportReport> import_mail(Session& session, const Settings& settings,
                                     const std::vector<std::filesystem::path>& paths,
                                     const MailImportOptions& options) {
  auto found = importing::find_mail_files(paths);
  if (!found) return std::unexpected(found.error());
  MailImport import(session, settings, options);
  MailImportReport& report = import.report();
  report.not_mail_count = static_cast<long long>(found->not_mail.size());
  report.not_mail = importing::first_paths(found->not_mail);
  auto imported = importing::import_each_file(
      found->files, options.progress, [&](const MailFile& file) { return import.import_file(file); });
  if (!imported) return std::unexpected(imported.error());
  return std::move(report);
}

}  // namespace rearview
