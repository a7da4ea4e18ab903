// The file --skip-bad-rows writes the rejected rows to. It is written beside
// its final name and renamed into place only once the import has committed,
// so a failure to write it fails the import and a kill leaves no half file.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string_view>
#include <vector>

#include "rearview/importers/import.h"

namespace rearview::importing {

class RejectsFile {
 public:
  // Refuses a path that would destroy something: the database or one of its
  // side files, a file being imported or anything inside the folder being
  // imported, or an existing file that is not a rejects file.
  static Result<void> check_path(const std::filesystem::path& rejects,
                                 const std::filesystem::path& database,
                                 const std::vector<std::filesystem::path>& input_files,
                                 const std::vector<std::filesystem::path>& input_folders);

  static Result<RejectsFile> create(const std::filesystem::path& path);
  RejectsFile(RejectsFile&& other) noexcept;
  RejectsFile& operator=(RejectsFile&&) = delete;
  ~RejectsFile();

  void add(const RowProblem& problem, std::string_view record);
  bool empty() const { return rows_ == 0; }
  // Flushes and syncs the temporary file; an error says why it failed.
  Result<void> finish();
  // Renames it into place (after the import has committed).
  Result<void> publish();
  const std::filesystem::path& path() const { return path_; }

 private:
  RejectsFile(std::filesystem::path path, std::filesystem::path temporary, std::FILE* file);
  void discard();

  std::filesystem::path path_;
  std::filesystem::path temporary_;
  std::FILE* file_ = nullptr;
  long long rows_ = 0;
  bool published_ = false;
};

// The first line of every rejects file.
inline constexpr std::string_view kRejectsHeader = "file,line,column,value,problem,record";

}  // namespace rearview::importing
