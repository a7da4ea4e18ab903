// Which files of the paths a user named hold mail, and in which format.
#pragma once

#include <filesystem>
#include <vector>

#include "mail_message.h"
#include "rearview/core/error.h"

namespace rearview::importing {

struct MailFile {
  std::filesystem::path path;
  MailFileFormat format = MailFileFormat::single_message;
  long long size = 0;
};

struct MailFiles {
  std::vector<MailFile> files;                   // in path order
  std::vector<std::filesystem::path> not_mail;  // neither a mailbox nor a message
};

// Folders are searched as source_files.h says. A file is an mbox when it
// starts with a "From " line, a message when it is named .eml or starts with
// a header field. A path that does not exist fails.
Result<MailFiles> find_mail_files(const std::vector<std::filesystem::path>& paths);

}  // namespace rearview::importing
