#include "mail_files.h"

#include "rearview/core/text.h"
#include "source_files.h"

namespace rearview::importing {
namespace {

// A header field name (RFC 5322: printable ASCII but the colon) and its colon.
bool starts_with_header_field(std::string_view text) {
  std::size_t length = 0;
  while (length < text.size() && text[length] > ' ' && text[length] < 127 && text[length] != ':')
    ++length;
  return length > 0 && length < text.size() && text[length] == ':';
}

std::optional<int> format_of(const std::filesystem::path& file) {
  std::string head = file_head(file);
  std::string_view start(head);
  if (start.starts_with("From ")) return static_cast<int>(MailFileFormat::mbox);
  if (lower(file.extension().string()) == ".eml")
    return static_cast<int>(MailFileFormat::single_message);
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  if (starts_with_header_field(start)) return static_cast<int>(MailFileFormat::single_message);
  return std::nullopt;
}

}  // namespace

Result<MailFiles> find_mail_files(const std::vector<std::filesystem::path>& paths) {
  auto found = find_source_files(paths, format_of,
                                 "give mbox files, maildir folders, .eml files or folders holding them");
  if (!found) return std::unexpected(found.error());
  MailFiles mail;
  for (auto& file : found->files)
    mail.files.push_back({.path = std::move(file.path),
                          .format = static_cast<MailFileFormat>(file.format),
                          .size = file.size});
  mail.not_mail = std::move(found->left_out);
  return mail;
}

}  // namespace rearview::importing
