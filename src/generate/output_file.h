// A file the generator writes, gathered in a large buffer and written in
// blocks; the first write error is kept and reported by close().
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "rearview/core/error.h"

namespace rearview::generate {

// Creates `folder` (and its parents) for output files.
Result<void> create_output_folder(const std::filesystem::path& folder);

// A small file written at once (a call's transcript, its sidecar).
Result<void> write_whole_file(const std::filesystem::path& path, std::string_view text);

class OutputFile {
 public:
  OutputFile() = default;  // not open; assign a created one
  static Result<OutputFile> create(const std::filesystem::path& path);

  // Where the text goes; flush_if_full() after a record.
  std::string& buffer() { return buffer_; }
  void flush_if_full();

  // Flushes and closes; reports any write that failed on the way.
  Result<void> close();
  long long bytes() const { return bytes_; }

 private:
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  OutputFile(std::unique_ptr<std::FILE, Closer> file, std::filesystem::path path);
  void flush();

  std::unique_ptr<std::FILE, Closer> file_;
  std::filesystem::path path_;
  std::string buffer_;
  int write_errno_ = 0;
  long long bytes_ = 0;
};

}  // namespace rearview::generate
