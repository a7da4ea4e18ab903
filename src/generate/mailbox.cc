#include "mailbox.h"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <system_error>

namespace rearview::generate {
namespace {

constexpr std::string_view kCaseNames[kMailCases] = {
    "ordinary",  "internal", "personal_address_reply", "forward_without_references",
    "automated", "contact_on_concurrent_deals", "new_contact_not_in_crm", "malformed",
    "partner_copied", "partner_only", "renewal_after_close"};

// RFC 5322: a display name as a quoted string.
void append_party(std::string& out, const MailParty& party) {
  out.push_back('"');
  for (char c : party.name) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  fmt::format_to(std::back_inserter(out), "\" <{}>", party.address);
}

void append_parties(std::string& out, std::string_view header, const std::vector<MailParty>& parties) {
  if (parties.empty()) return;
  out.append(header).append(": ");
  for (std::size_t index = 0; index < parties.size(); ++index) {
    if (index > 0) out.append(", ");
    append_party(out, parties[index]);
  }
  out.push_back('\n');
}

void append_headers(std::string& out, const MailDraft& message, bool dated = true) {
  fmt::format_to(std::back_inserter(out), "From {} {:%a %b %e %H:%M:%S %Y}\n",
                 message.from.address, message.at);
  fmt::format_to(std::back_inserter(out), "Message-ID: {}\n", message.message_id);
  if (dated)
    fmt::format_to(std::back_inserter(out), "Date: {:%a, %d %b %Y %H:%M:%S} +0000\n", message.at);
  if (!message.references.empty()) {
    fmt::format_to(std::back_inserter(out), "In-Reply-To: {}\nReferences:", message.references.back());
    for (const auto& reference : message.references) out.append(" ").append(reference);
    out.push_back('\n');
  }
  out.append("From: ");
  append_party(out, message.from);
  out.push_back('\n');
  append_parties(out, "To", message.to);
  append_parties(out, "Cc", message.cc);
  // Subjects and names are UTF-8 as they are (RFC 6532), as today's clients write them.
  fmt::format_to(std::back_inserter(out), "Subject: {}\n", message.subject);
  if (message.automated) out.append("Auto-Submitted: auto-generated\n");
  out.append("MIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n"
             "Content-Transfer-Encoding: 8bit\n\n");
}

// mboxrd: a body line that starts with "From " (after any '>') gets one more '>'.
void append_body(std::string& out, std::string_view body) {
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find('\n', start);
    std::string_view line = body.substr(start, end == std::string_view::npos ? end : end - start);
    if (line.ends_with('\r')) line.remove_suffix(1);
    std::string_view quoted = line.substr(std::min(line.size(), line.find_first_not_of('>')));
    if (quoted.starts_with("From ")) out.push_back('>');
    out.append(line).push_back('\n');
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  out.push_back('\n');
}

// One message, From_ line to the blank line after its body.
void append_message(OutputFile& file, const MailDraft& message, bool dated = true) {
  append_headers(file.buffer(), message, dated);
  append_body(file.buffer(), message.body);
  file.flush_if_full();
}

}  // namespace

std::string_view to_string(MailCase mail_case) { return kCaseNames[std::size_t(mail_case)]; }

std::string_view expected_outcome(MailCase mail_case) {
  switch (mail_case) {
    case MailCase::internal:
    case MailCase::automated:
    case MailCase::partner_only:
    case MailCase::renewal_after_close: return "unmatched";
    case MailCase::contact_on_concurrent_deals: return "review";
    case MailCase::malformed: return "skipped";
    default: return "link";
  }
}

Result<Mailbox> Mailbox::create(const std::filesystem::path& out_dir) {
  if (auto created = create_output_folder(out_dir / "mail"); !created)
    return std::unexpected(created.error());
  auto mbox = OutputFile::create(out_dir / "mail" / "all-mail.mbox");
  if (!mbox) return std::unexpected(mbox.error());
  auto copies = OutputFile::create(out_dir / "mail" / "copies.mbox");
  if (!copies) return std::unexpected(copies.error());
  auto damaged = OutputFile::create(out_dir / "mail" / "damaged.mbox");
  if (!damaged) return std::unexpected(damaged.error());
  auto truth = CsvFile::create(out_dir / "mail" / "truth.csv",
                               "message_id,opportunity_id,expected,case");
  if (!truth) return std::unexpected(truth.error());
  return Mailbox(std::move(*mbox), std::move(*copies), std::move(*damaged), std::move(*truth));
}

void Mailbox::add_truth(const MailDraft& message, std::string_view opportunity_id,
                        MailCase mail_case, std::string_view expected) {
  std::string_view id = message.message_id;
  if (id.starts_with('<') && id.ends_with('>')) id = id.substr(1, id.size() - 2);
  truth_.text(id).text(opportunity_id).text(expected.empty() ? expected_outcome(mail_case) : expected);
  truth_.text(to_string(mail_case)).end_row();
  ++by_case_[std::size_t(mail_case)];
}

void Mailbox::write(const MailDraft& message, std::string_view opportunity_id, MailCase mail_case,
                    std::string_view expected) {
  append_message(mbox_, message);
  add_truth(message, opportunity_id, mail_case, expected);
  ++messages_;
}

void Mailbox::write_copy(const MailDraft& message) {
  append_message(copies_, message);
  ++copies_count_;
}

void Mailbox::write_damaged(const MailDraft& message, std::string_view opportunity_id) {
  append_message(damaged_, message, false);
  add_truth(message, opportunity_id, MailCase::malformed, {});
}

Result<void> Mailbox::close() {
  Result<void> first;
  for (OutputFile* file : {&mbox_, &copies_, &damaged_})
    if (auto closed = file->close(); !closed && first) first = closed;
  if (auto closed = truth_.close(); !closed && first) first = closed;
  return first;
}

}  // namespace rearview::generate
