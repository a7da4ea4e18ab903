#include "mail_writer.h"

#include <fmt/format.h>

#include "calendar_writer.h"
#include "html_text.h"
#include "rearview/core/direction.h"
#include "rearview/core/stable_hash.h"

namespace rearview::importing {
namespace {

// A message without a Message-ID is known by the id its sender gave, else by
// a digest of what it says.
std::string source_id_of(const MailMessage& message) {
  if (!message.message_id.empty()) return message.message_id;
  if (!message.source_id.empty()) return "posted-" + message.source_id;
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
  Interaction email{.id = email_id(message),
                    .kind = InteractionKind::email,
                    .subject = message.subject,
                    // The words of an HTML-only message, for the timeline and the trackers.
                    .body = message.text.empty() ? text_of_html(message.html) : message.text,
                    .occurred_at = *message.date,
                    .source_object = "message",
                    .source = SourceKind::mailbox,
                    .source_id = std::move(source_id),
                    .message_id = message.message_id,
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

}  // namespace

Id email_id(const MailMessage& message) { return "mail:" + source_id_of(message); }

Result<void> MailWriter::write(const MailMessage& message) {
  ++report_.messages_read;
  if (!message.date) {
    problem_(message.position, "the message has no Date header (or one that cannot be read)", true);
    return {};
  }
  auto email = email_from(message, book_, settings_);
  if (!email) return std::unexpected(email.error());
  auto stored = transaction_.links().find_interaction(email->id);
  if (!stored) return std::unexpected(stored.error());
  if (*stored) {  // the same message in another folder, or read before
    ++report_.duplicates;
    return {};
  }
  if (!email->message_id.empty()) {
    // Logged in the CRM too (EmailMessage's MessageIdentifier): the CRM's
    // record, with its link to the deal, is the one kept.
    auto logged = transaction_.records().crm_email_of_message(email->message_id);
    if (!logged) return std::unexpected(logged.error());
    if (*logged) {
      ++report_.duplicates;
      return {};
    }
  }
  auto written = transaction_.records().upsert(*email);
  if (!written) return std::unexpected(written.error());
  ++(*written == WriteOutcome::inserted ? report_.imported : report_.updated);
  return write_invitations(message);
}

// An invitation's event is a meeting beside the e-mail that carried it.
Result<void> MailWriter::write_invitations(const MailMessage& message) {
  for (const auto& part : message.calendar_parts) {
    CalendarWriter writer(transaction_, book_, settings_, report_.invitations,
                          [&](long long line, std::string what) {
                            problem_(message.position,
                                     fmt::format("its invitation (line {} of the calendar part): {}",
                                                 line, what),
                                     false);
                          });
    if (auto applied = writer.apply(part); !applied) return applied;
  }
  return {};
}

}  // namespace rearview::importing
