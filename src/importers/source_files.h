// Which files of the paths a user named a source can read: the files named,
// and the files in the folders named, searched recursively (in name order;
// hidden entries, maildir tmp/ folders and symbolic links to folders are
// left out). Shared by the mail, calendar and transcript imports.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::importing {

struct SourceFile {
  std::filesystem::path path;
  int format = 0;  // what the classifier said
  long long size = 0;
};

struct SourceFiles {
  std::vector<SourceFile> files;                 // in path order
  std::vector<std::filesystem::path> left_out;   // files the classifier did not take
};

// The format of a file, or nothing when the source cannot read it.
using FileClassifier = std::function<std::optional<int>(const std::filesystem::path&)>;

// A path that does not exist fails, with `hint` saying what to give instead.
Result<SourceFiles> find_source_files(const std::vector<std::filesystem::path>& paths,
                                      const FileClassifier& classify, std::string_view hint);

// The first bytes of a file (fewer when it is shorter or unreadable).
std::string file_head(const std::filesystem::path& file, std::size_t bytes = 512);

// The file's modification time as the file system counts it; 0 when unreadable.
long long modified_time(const std::filesystem::path& file);

}  // namespace rearview::importing
