#include "rearview/importers/csv_reader.h"

#include "icu_text.h"
#include "rearview/core/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace rearview {
namespace {

constexpr std::size_t kBufferSize = 1 << 20;

}  // namespace

std::string CsvRecord::raw_text() const {
  std::string text;
  for (std::size_t i = 0; i < size(); ++i) {
    if (i) text += ',';
    append_csv_field(text, field(i));
  }
  return text;
}

namespace {

bool is_utf8_name(std::string_view name) {
  std::string lowered = lower(name);
  return lowered == "utf-8" || lowered == "utf8";
}

// Whether `head` (the first block, perhaps cut inside a character) is UTF-8.
bool looks_utf8(std::string_view head) {
  auto invalid = find_invalid_utf8(head);
  return !invalid || *invalid + 4 > head.size();
}

}  // namespace

Result<void> check_encoding(std::string_view name) {
  if (name.empty() || is_utf8_name(name)) return {};
  auto decoder = importing::TextDecoder::open(name);
  if (!decoder) return std::unexpected(decoder.error());
  return {};
}

Result<std::unique_ptr<CsvReader>> CsvReader::open(const std::filesystem::path& file,
                                                   std::string_view encoding) {
  std::unique_ptr<CsvReader> reader(new CsvReader());
  reader->path_ = file;
  reader->file_ = std::fopen(file.c_str(), "rb");
  if (!reader->file_)
    return fail(errno == ENOENT ? ErrorCode::not_found : ErrorCode::io,
                fmt::format("cannot read {}: {}", file.string(), std::strerror(errno)),
                "check the path and the file's permissions");
  std::error_code size_error;
  reader->file_size_ = static_cast<long long>(std::filesystem::file_size(file, size_error));
  reader->buffer_.resize(kBufferSize);
  reader->fill();
  std::string_view head(reader->buffer_.data(), reader->filled_);
  std::string chosen;
  if (!encoding.empty() && !is_utf8_name(encoding)) {
    chosen = std::string(encoding);
  } else if (encoding.empty() && (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF"))) {
    chosen = "UTF-16";
    reader->encoding_detected_ = true;
  } else if (encoding.empty() && !head.starts_with("\xEF\xBB\xBF") && !looks_utf8(head)) {
    if (auto western = importing::detect_western_encoding(head)) {
      chosen = *western;
      reader->encoding_detected_ = true;
    }
  }
  if (!chosen.empty()) {
    auto decoder = importing::TextDecoder::open(chosen);
    if (!decoder) return std::unexpected(decoder.error());
    reader->decoder_ = std::move(*decoder);
    reader->encoding_ = chosen;
    reader->pending_raw_.assign(head);
    reader->raw_.resize(kBufferSize);
    reader->fill();
  }
  if (reader->filled_ >= 3 && std::memcmp(reader->buffer_.data(), "\xEF\xBB\xBF", 3) == 0) {
    reader->position_ = 3;  // a byte-order mark, as Excel and some exports write
    reader->bytes_consumed_ = 3;
  }
  CsvRecord header;
  CsvDamage damage;
  Status status = reader->next(header, damage);
  if (status == Status::end)
    return fail(ErrorCode::invalid_input, fmt::format("{}: the file is empty", file.string()),
                "a CSV file needs a header row naming its columns");
  if (status == Status::damaged)
    return fail(ErrorCode::invalid_input,
                fmt::format("{}:{}: the header row is damaged: {}", file.string(), damage.line,
                            damage.what));
  for (std::size_t i = 0; i < header.size(); ++i) {
    std::string name(header[i]);
    while (!name.empty() && (name.back() == ' ' || name.back() == '\t')) name.pop_back();
    reader->header_.push_back(std::move(name));
  }
  return reader;
}

CsvReader::~CsvReader() {
  if (file_) std::fclose(file_);
}

bool CsvReader::fill() {
  if (decoder_) return decode_into_buffer();
  filled_ = std::fread(buffer_.data(), 1, buffer_.size(), file_);
  position_ = 0;
  return filled_ > 0;
}

bool CsvReader::decode_into_buffer() {
  std::string decoded;
  while (decoded.empty() && !raw_done_) {
    std::string_view bytes;
    if (!pending_raw_.empty()) {
      bytes = pending_raw_;
    } else {
      std::size_t read = std::fread(raw_.data(), 1, raw_.size(), file_);
      bytes = std::string_view(raw_.data(), read);
      raw_done_ = read == 0;
    }
    decoder_->decode(bytes, raw_done_, decoded);
    pending_raw_.clear();
  }
  buffer_.assign(decoded.begin(), decoded.end());
  if (buffer_.empty()) buffer_.resize(1);  // keeps data() valid
  filled_ = decoded.size();
  position_ = 0;
  return filled_ > 0;
}

inline int CsvReader::get() {
  if (position_ == filled_ && !fill()) return EOF;
  ++bytes_consumed_;
  return static_cast<unsigned char>(buffer_[position_++]);
}

int CsvReader::peek() {
  if (position_ == filled_ && !fill()) return EOF;
  return static_cast<unsigned char>(buffer_[position_]);
}

CsvReader::Status CsvReader::next(CsvRecord& record, CsvDamage& damage) {
  while (true) {
    Status status = read_record(record, damage);
    if (status == Status::end) return status;
    bool blank = record.size() == 1 && record.field(0).empty();
    if (blank && status == Status::record) continue;
    if (status == Status::record && !header_.empty() && record.size() != header_.size()) {
      damage = {record.line(), 0,
                fmt::format("the record has {} fields, the header has {}", record.size(),
                            header_.size())};
      return Status::damaged;
    }
    if (status == Status::record) {
      for (std::size_t i = 0; i < record.size(); ++i) {
        if (auto offset = find_invalid_utf8(record.field(i))) {
          damage = {record.line(), i + 1,
                    fmt::format("invalid UTF-8 at byte {} of the field (a file in another encoding "
                                "needs --encoding, e.g. --encoding windows-1252)",
                                *offset + 1)};
          return Status::damaged;
        }
      }
    }
    return status;
  }
}

// The state machine of RFC 4180, with two common liberties: a bare quote
// inside an unquoted field is kept as text, and CRLF, LF or a lone CR end a line.
CsvReader::Status CsvReader::read_record(CsvRecord& record, CsvDamage& damage) {
  record.buffer_.clear();
  record.bounds_.clear();
  record.line_ = line_;
  Status status = Status::record;
  if (gave_up_) return Status::end;
  int c = get();
  if (c == EOF) return Status::end;
  // A quote that is never closed would read the rest of a large file into
  // one record: past the bound the file is damaged, and not read further.
  auto too_long = [&] {
    if (record.buffer_.size() <= kMaxRecordBytes) return false;
    damage = {record.line_, 0,
              fmt::format("the record is longer than {} MB (a quote that is never closed?); "
                          "the rest of the file was not read",
                          kMaxRecordBytes >> 20)};
    gave_up_ = true;
    return true;
  };
  std::size_t field_start = 0;
  auto end_field = [&] {
    record.bounds_.emplace_back(field_start, record.buffer_.size());
    field_start = record.buffer_.size();
  };
  while (true) {
    if (c == '"' && record.buffer_.size() == field_start) {
      long long quote_line = line_;
      while (true) {  // inside quotes
        c = get();
        if (c == EOF) {
          end_field();
          damage = {quote_line, record.bounds_.size(),
                    fmt::format("the file ends inside a quoted field that starts on line {}",
                                quote_line)};
          return Status::damaged;
        }
        if (c == '"') {
          c = get();
          if (c != '"') break;
        } else if (c == '\n') {
          ++line_;
        } else if (c == '\r') {
          if (peek() != '\n') ++line_;  // a lone CR ends a line; CRLF counts at its LF
        }
        record.buffer_.push_back(char(c));
        if (too_long()) return Status::damaged;
      }
      if (c != ',' && c != '\n' && c != '\r' && c != EOF && status == Status::record) {
        damage = {line_, record.bounds_.size() + 1,
                  fmt::format("unexpected character '{}' after a closing quote (a quote inside "
                              "a quoted field must be doubled)",
                              char(c))};
        status = Status::damaged;
      }
      if (c != ',' && c != '\n' && c != '\r' && c != EOF) {
        record.buffer_.push_back(char(c));
        c = get();
        continue;
      }
    }
    if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r' || c == EOF) {
      end_field();
      if (c == '\r' && peek() == '\n') get();
      if (c != EOF) ++line_;
      return status;
    } else {
      record.buffer_.push_back(char(c));
      if (too_long()) return Status::damaged;
    }
    c = get();
  }
}

std::optional<std::size_t> find_invalid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    unsigned int minimum;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      minimum = 0x10000;
    } else {
      return i;
    }
    if (i + length > size) return i;
    unsigned int code_point = lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code_point = (code_point << 6) | (bytes[i + k] & 0x3F);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF))
      return i;
    i += length;
  }
  return std::nullopt;
}

namespace {

// "account_id" and "AccountId" alike: lower case, without underscores.
std::string without_underscores(std::string_view folded) {
  std::string out;
  for (char c : folded)
    if (c != '_') out += c;
  return out;
}

}  // namespace

CsvColumns::CsvColumns(const std::vector<std::string>& header) : names_(header) {
  for (const auto& name : header) {
    folded_.push_back(lower(name));
    squashed_.push_back(without_underscores(folded_.back()));
  }
}

std::optional<std::size_t> CsvColumns::find(std::string_view name) const {
  std::string folded = lower(name);
  for (std::size_t i = 0; i < folded_.size(); ++i)
    if (folded_[i] == folded) return i;
  // A warehouse's snake_case copy (Fivetran's account_id, stage_name).
  std::string squashed = without_underscores(folded);
  for (std::size_t i = 0; i < squashed_.size(); ++i)
    if (squashed_[i] == squashed) return i;
  return std::nullopt;
}

void append_csv_field(std::string& out, std::string_view value) {
  bool needs_quotes = value.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!needs_quotes) {
    out += value;
    return;
  }
  out += '"';
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace rearview
