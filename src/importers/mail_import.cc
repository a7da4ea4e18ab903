// rearview import mail: messages from mailbox files into interactions, with
// their participants resolved to contacts and users. Which opportunity each
// belongs to is matching's work, not the import's.
#include "rearview/importers/mail_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "address_book.h"
#include "calendar_writer.h"
#include "mail_files.h"
#include "mail_message.h"
#include "source_files.h"
#include "rearview/core/direction.h"
#include "rearview/core/stable_hash.h"

namespace rearview {
namespace {

using importing::AddressBook;
using importing::MailFile;
using importing::MailFileFormat;
using importing::MailFileReader;
using importing::MailMessage;
using importing::modified_time;

// A message without a Message-ID is known by a digest of what it says.
std::string source_id_of(const MailMessage& message) {
  if (!message.message_id.empty()) return message.message_id;
  std::uint64_t hash = stable_hash(message.subject);
  for (const auto& from : message.from) hash = stable_hash(from.address, hash);
  hash = stable_hash(message.date ? format_timestamp(*message.date) : "", hash);
  hash = stable_hash(message.text, hash);
  return fmt::format("digest-{:016x}", hash);
}

Result<void> add_participants(AddressBook& book, const std::vector<importing::MailAddress>& list,
                              ParticipantRole role, Interaction& email) {
  for (const auto& address : list) {
    auto participant = book.participant(role, address.address, address.name);
    if (!participant) return std::unexpected(participant.error());
    email.participants.push_back(std::move(*participant));
  }
  return {};
}

Result<Interaction> email_from(const MailMessage& message, AddressBook& book,
                               const Settings& settings) {
  std::string source_id = source_id_of(message);
  Interaction email{.id = "mail:" + source_id,
                    .kind = InteractionKind::email,
                    .subject = message.subject,
                    .body = message.text,
                    .occurred_at = *message.date,
                    .source_object = "message",
                    .source = SourceKind::mailbox,
                    .source_id = std::move(source_id),
                    .automated = message.automated};
  // A thread is known by its first message.
  email.thread_id = message.references.empty() ? email.source_id : message.references.front();
  for (auto [list, role] : {std::pair{&message.from, ParticipantRole::from},
                            std::pair{&message.to, ParticipantRole::to},
                            std::pair{&message.cc, ParticipantRole::cc},
                            std::pair{&message.bcc, ParticipantRole::bcc}})
    if (auto added = add_participants(book, *list, role, email); !added)
      return std::unexpected(added.error());
  for (const auto& participant : email.participants)
    if (participant.role == ParticipantRole::from && participant.user_id)
      email.owner_id = participant.user_id;
  email.direction = classify_email(std::nullopt, email.participants, settings);
  return email;
}

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
  Result<void> import_message(WriteTransaction& transaction, AddressBook& book,
                              const MailFile& file, const MailMessage& message);
  Result<void> import_invitations(WriteTransaction& transaction, AddressBook& book,
                                  const MailFile& file, const MailMessage& message);
  void problem(const MailFile& file, long long position, std::string message, bool skipped = true);

  Session& session_;
  const Settings& settings_;
  const MailImportOptions& options_;
  MailImportReport report_;
};

void MailImport::problem(const MailFile& file, long long position, std::string message,
                         bool skipped) {
  ++report_.problem_count;
  if (skipped) ++report_.skipped;
  if (report_.problems.size() < MailImportReport::kMaxKeptProblems)
    report_.problems.push_back({file.path.string(), position, std::move(message)});
}

Result<void> MailImport::import_message(WriteTransaction& transaction, AddressBook& book,
                                        const MailFile& file, const MailMessage& message) {
  ++report_.messages_read;
  if (!message.date) {
    problem(file, message.position, "the message has no Date header (or one that cannot be read)");
    return {};
  }
  auto email = email_from(message, book, settings_);
  if (!email) return std::unexpected(email.error());
  auto stored = transaction.links().find_interaction(email->id);
  if (!stored) return std::unexpected(stored.error());
  if (*stored) {  // the same message in another folder, or read before
    ++report_.duplicates;
    return {};
  }
  auto written = transaction.records().upsert(*email);
  if (!written) return std::unexpected(written.error());
  ++(*written == WriteOutcome::inserted ? report_.imported : report_.updated);
  return import_invitations(transaction, book, file, message);
}

// An invitation's event is a meeting beside the e-mail that carried it.
Result<void> MailImport::import_invitations(WriteTransaction& transaction, AddressBook& book,
                                            const MailFile& file, const MailMessage& message) {
  for (const auto& part : message.calendar_parts) {
    importing::CalendarWriter writer(
        transaction, book, settings_, report_.invitations, [&](long long line, std::string what) {
          problem(file, message.position,
                  fmt::format("its invitation (line {} of the calendar part): {}", line, what),
                  false);
        });
    if (auto applied = writer.apply(part); !applied) return applied;
  }
  return {};
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
    if (auto imported = import_message(*transaction, book, file, message); !imported)
      return imported;
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
  for (const auto& path : found->not_mail)
    if (report.not_mail.size() < 20) report.not_mail.push_back(path.string());
  long long total = 0, done = 0;
  for (const auto& file : found->files) total += file.size;
  if (options.progress) options.progress->start(total);
  for (const auto& file : found->files) {
    if (options.progress) options.progress->update(done, file.path.string());
    if (auto imported = import.import_file(file); !imported) {
      if (options.progress) options.progress->finish();
      return std::unexpected(imported.error());
    }
    done += file.size;
  }
  if (options.progress) options.progress->finish();
  return std::move(report);
}

}  // namespace rearview
