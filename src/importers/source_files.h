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
#include "rearview/importers/import.h"

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

// Imports each file in turn (`import_file(file)`), telling `progress` how
// many of the files' bytes are behind; the first failure stops it.
template <typename File, typename ImportFile>
Result<void> import_each_file(const std::vector<File>& files, ImportProgress* progress,
                              ImportFile&& import_file) {
  long long total = 0, done = 0;
  for (const auto& file : files) total += file.size;
  if (progress) progress->start(total);
  for (const auto& file : files) {
    if (progress) progress->update(done, file.path.string());
    if (auto imported = import_file(file); !imported) {
      if (progress) progress->finish();
      return imported;
    }
    done += file.size;
  }
  if (progress) progress->finish();
  return {};
}

// The files of `paths` that `classify` takes, each imported in turn (see
// import_each_file); the files it does not take, less those `belongs`
// claims (a transcript's sidecar), are counted in `left_out_count` and the
// first named in `left_out`.
template <typename ImportFile>
Result<void> import_source_files(const std::vector<std::filesystem::path>& paths,
                                 const FileClassifier& classify, std::string_view hint,
                                 ImportProgress* progress, std::vector<std::string>& left_out,
                                 long long& left_out_count, ImportFile&& import_file,
                                 bool (*belongs)(const std::filesystem::path&) = nullptr);

// The first `most` of `paths` as text, for a report's list of files left out.
std::vector<std::string> first_paths(const std::vector<std::filesystem::path>& paths,
                                     std::size_t most = 20);

// The first bytes of a file (fewer when it is shorter or unreadable).
std::string file_head(const std::filesystem::path& file, std::size_t bytes = 512);

// The file's modification time as the file system counts it; 0 when unreadable.
long long modified_time(const std::filesystem::path& file);

template <typename ImportFile>
Result<void> import_source_files(const std::vector<std::filesystem::path>& paths,
                                 const FileClassifier& classify, std::string_view hint,
                                 ImportProgress* progress, std::vector<std::string>& left_out,
                                 long long& left_out_count, ImportFile&& import_file,
                                 bool (*belongs)(const std::filesystem::path&)) {
  auto found = find_source_files(paths, classify, hint);
  if (!found) return std::unexpected(found.error());
  if (belongs) std::erase_if(found->left_out, belongs);
  left_out_count = static_cast<long long>(found->left_out.size());
  left_out = first_paths(found->left_out);
  return import_each_file(found->files, progress, import_file);
}

}  // namespace rearview::importing
