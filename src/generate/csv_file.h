// One CSV file of the export, written row by row with a large buffer:
// RFC 4180 quoting (only where needed), UTF-8 without BOM, "\n" line ends.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "rearview/core/error.h"
#include "output_file.h"
#include "rearview/core/time.h"

namespace rearview::generate {

class CsvFile {
 public:
  CsvFile() = default;  // not open; assign a created one
  // Creates the file and writes the header line (column names, comma-separated).
  static Result<CsvFile> create(const std::filesystem::path& path, std::string_view header);

  // Fields of the current row, in header order; end_row() finishes it.
  CsvFile& text(std::string_view value);
  CsvFile& number(long long value);
  CsvFile& timestamp(Timestamp value);
  CsvFile& date(Date value);
  CsvFile& flag(bool value);
  CsvFile& empty() { return text({}); }
  void end_row();

  // Flushes and closes; reports any write that failed on the way.
  Result<void> close();

  long long rows() const { return rows_; }  // data rows, header excluded
  long long bytes() const { return file_.bytes(); }

 private:
  explicit CsvFile(OutputFile file) : file_(std::move(file)) {}
  void separate();
  std::string& buffer() { return file_.buffer(); }

  OutputFile file_;
  int columns_ = 0;  // in the header
  int fields_ = 0;   // in the current row so far
  long long rows_ = 0;
};

}  // namespace rearview::generate
