#include "csv_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <cerrno>
#include <cstring>

#include "calendar.h"

namespace rearview::generate {
namespace {

constexpr std::size_t kFlushThreshold = std::size_t{1} << 20;

Error io_error(const std::filesystem::path& path, std::string_view action, int error_number) {
  return Error{ErrorCode::io,
               fmt::format("cannot {} {}: {}", action, path.string(), std::strerror(error_number)),
               "check that the output directory is writable and the disk is not full"};
}

}  // namespace

Result<CsvFile> CsvFile::create(const std::filesystem::path& path, std::string_view header) {
  std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "wb"));
  if (!file) return std::unexpected(io_error(path, "create", errno));
  // The rows are gathered in buffer_ and written in large blocks already.
  std::setvbuf(file.get(), nullptr, _IONBF, 0);
  CsvFile csv(std::move(file), path);
  csv.buffer_.append(header);
  csv.buffer_.push_back('\n');
  csv.columns_ = 1 + static_cast<int>(std::ranges::count(header, ','));
  return csv;
}

CsvFile::CsvFile(std::unique_ptr<std::FILE, Closer> file, std::filesystem::path path)
    : file_(std::move(file)), path_(std::move(path)) {
  buffer_.reserve(kFlushThreshold + 64 * 1024);
}

void CsvFile::separate() {
  if (fields_ > 0) buffer_.push_back(',');
  ++fields_;
}

CsvFile& CsvFile::text(std::string_view value) {
  separate();
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer_.append(value);
    return *this;
  }
  buffer_.push_back('"');
  for (char c : value) {
    if (c == '"') buffer_.push_back('"');
    buffer_.push_back(c);
  }
  buffer_.push_back('"');
  return *this;
}

CsvFile& CsvFile::number(long long value) {
  separate();
  fmt::format_to(std::back_inserter(buffer_), "{}", value);
  return *this;
}

CsvFile& CsvFile::timestamp(Timestamp value) {
  separate();
  append_salesforce_timestamp(buffer_, value);
  return *this;
}

CsvFile& CsvFile::date(Date value) {
  separate();
  append_salesforce_date(buffer_, value);
  return *this;
}

CsvFile& CsvFile::flag(bool value) {
  separate();
  buffer_.append(value ? "true" : "false");
  return *this;
}

void CsvFile::end_row() {
  assert(fields_ == columns_ && "a row writer and its header disagree");
  buffer_.push_back('\n');
  fields_ = 0;
  ++rows_;
  if (buffer_.size() >= kFlushThreshold) flush();
}

void CsvFile::flush() {
  if (buffer_.empty()) return;
  if (write_errno_ == 0 &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
    write_errno_ = errno != 0 ? errno : EIO;
  bytes_ += static_cast<long long>(buffer_.size());
  buffer_.clear();
}

Result<void> CsvFile::close() {
  if (!file_) return {};
  flush();
  if (std::fclose(file_.release()) != 0 && write_errno_ == 0) write_errno_ = errno;
  if (write_errno_ != 0) return std::unexpected(io_error(path_, "write", write_errno_));
  return {};
}

}  // namespace rearview::generate
