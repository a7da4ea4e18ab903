// A streaming RFC 4180 reader that knows where it is: every record carries
// its file line, so importers can say exactly where the data went wrong.
//
// Written here rather than taken from libcsv: libcsv reports neither the line
// a record starts on nor the column of a damaged field, and both are part of
// every error message we print. Memory stays at one read buffer plus one
// record, whatever the file's size.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"

namespace rearview {
namespace importing {
class TextDecoder;
}

// One record: its fields and where it came from.
class CsvRecord {
 public:
  std::size_t size() const { return bounds_.size(); }
  std::string_view field(std::size_t index) const {
    const auto& [begin, end] = bounds_[index];
    return std::string_view(buffer_).substr(begin, end - begin);
  }
  std::string_view operator[](std::size_t index) const { return field(index); }
  long long line() const { return line_; }  // the line the record starts on, from 1
  // The record as it was in the file, for rejected-row files.
  std::string raw_text() const;

 private:
  friend class CsvReader;
  std::string buffer_;
  std::vector<std::pair<std::size_t, std::size_t>> bounds_;
  long long line_ = 0;
};

// What is structurally wrong with a record.
struct CsvDamage {
  long long line = 0;
  std::size_t column = 0;  // 1-based; 0 when the whole record is affected
  std::string what;
};

// Whether ICU knows the encoding `name` (for --encoding, before any file).
Result<void> check_encoding(std::string_view name);

// No record of a CRM export comes near this (Salesforce's largest text field
// holds 131,072 characters); a longer one is damage.
inline constexpr std::size_t kMaxRecordBytes = std::size_t(64) << 20;

class CsvReader {
 public:
  // `encoding` names the file's encoding (ISO-8859-1, windows-1252, UTF-16,
  // ...); empty: UTF-8, unless the bytes leave no doubt that it is another
  // (a UTF-16 byte-order mark; text that is not UTF-8 and that ICU's
  // detector reads as Western 8-bit), which encoding() then names.
  static Result<std::unique_ptr<CsvReader>> open(const std::filesystem::path& file,
                                                 std::string_view encoding = {});
  ~CsvReader();

  // The encoding read, when it is not UTF-8; whether it was detected.
  const std::string& encoding() const { return encoding_; }
  bool encoding_detected() const { return encoding_detected_; }

  const std::vector<std::string>& header() const { return header_; }
  const std::filesystem::path& path() const { return path_; }

  enum class Status { record, damaged, end };
  // Reads the next record. `damaged` means the record was read (as far as
  // possible) but breaks the format; `damage` says how. Blank lines are skipped.
  Status next(CsvRecord& record, CsvDamage& damage);

  long long bytes_read() const { return bytes_consumed_; }
  long long file_size() const { return file_size_; }

 private:
  CsvReader() = default;
  bool fill();
  int get();   // next byte or EOF
  int peek();  // the byte get() returns next, without taking it
  Status read_record(CsvRecord& record, CsvDamage& damage);

  bool decode_into_buffer();

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<importing::TextDecoder> decoder_;
  std::string encoding_;
  bool encoding_detected_ = false;
  std::string pending_raw_;  // read before the encoding was known
  std::vector<char> raw_;    // a block of the file before decoding
  bool raw_done_ = false;
  std::vector<char> buffer_;
  std::size_t position_ = 0;
  std::size_t filled_ = 0;
  long long bytes_consumed_ = 0;
  long long file_size_ = 0;
  long long line_ = 1;
  bool gave_up_ = false;  // a record passed kMaxRecordBytes
  std::vector<std::string> header_;
};

// Finds the first invalid UTF-8 sequence; returns its byte offset.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);

// Case-insensitive header lookup; failing that, underscores aside (a
// warehouse's account_id for AccountId).
class CsvColumns {
 public:
  explicit CsvColumns(const std::vector<std::string>& header);
  std::optional<std::size_t> find(std::string_view name) const;
  const std::vector<std::string>& names() const { return names_; }

 private:
  std::vector<std::string> names_;
  std::vector<std::string> folded_;
  std::vector<std::string> squashed_;
};

// Writes one CSV field with RFC 4180 quoting when needed.
void append_csv_field(std::string& out, std::string_view value);

}  // namespace rearview
