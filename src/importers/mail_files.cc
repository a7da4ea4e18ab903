#include "mail_files.h"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>

#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

// A header field name (RFC 5322: printable ASCII but the colon) and its colon.
bool starts_with_header_field(std::string_view text) {
  std::size_t length = 0;
  while (length < text.size() && text[length] > ' ' && text[length] < 127 && text[length] != ':')
    ++length;
  return length > 0 && length < text.size() && text[length] == ':';
}

std::optional<MailFileFormat> format_of(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[512] = {};
  in.read(head, sizeof head);
  std::string_view start(head, static_cast<std::size_t>(in.gcount()));
  if (start.starts_with("From ")) return MailFileFormat::mbox;
  if (lower(file.extension().string()) == ".eml") return MailFileFormat::single_message;
  if (start.starts_with("\xEF\xBB\xBF")) start.remove_prefix(3);
  if (starts_with_header_field(start)) return MailFileFormat::single_message;
  return std::nullopt;
}

bool left_out(const std::filesystem::directory_entry& entry) {
  std::string name = entry.path().filename().string();
  if (name.starts_with(".")) return true;
  // A maildir's tmp/ holds messages still being delivered.
  if (name == "tmp" && entry.is_directory() &&
      std::filesystem::exists(entry.path().parent_path() / "cur"))
    return true;
  return entry.is_symlink() && entry.is_directory();
}

void add_file(const std::filesystem::path& path, MailFiles& found) {
  std::error_code unreadable;
  auto size = std::filesystem::file_size(path, unreadable);
  if (auto format = format_of(path))
    found.files.push_back({.path = path, .format = *format,
                           .size = unreadable ? 0 : static_cast<long long>(size)});
  else
    found.not_mail.push_back(path);
}

void add_folder(const std::filesystem::path& folder, MailFiles& found) {
  std::vector<std::filesystem::directory_entry> entries;
  std::error_code unreadable;
  for (const auto& entry : std::filesystem::directory_iterator(folder, unreadable))
    if (!left_out(entry)) entries.push_back(entry);
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path() < b.path(); });
  for (const auto& entry : entries) {
    if (entry.is_directory())
      add_folder(entry.path(), found);
    else if (entry.is_regular_file())
      add_file(entry.path(), found);
  }
}

}  // namespace

Result<MailFiles> find_mail_files(const std::vector<std::filesystem::path>& paths) {
  MailFiles found;
  for (const auto& path : paths) {
    std::error_code missing;
    auto status = std::filesystem::status(path, missing);
    if (missing || !std::filesystem::exists(status))
      return fail(ErrorCode::not_found, fmt::format("{} does not exist", path.string()),
                  "give mbox files, maildir folders, .eml files or folders holding them");
    if (std::filesystem::is_directory(status))
      add_folder(path, found);
    else
      add_file(path, found);
  }
  return found;
}

}  // namespace rearview::importing
