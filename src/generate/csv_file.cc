#include "csv_file.h"

#include <fmt/format.h>

#include <algorithm>
#include <cassert>

#include "calendar.h"

namespace rearview::generate {

Result<CsvFile> CsvFile::create(const std::filesystem::path& path, std::string_view header) {
  auto file = OutputFile::create(path);
  if (!file) return std::unexpected(file.error());
  CsvFile csv(std::move(*file));
  csv.buffer().append(header);
  csv.buffer().push_back('\n');
  csv.columns_ = 1 + static_cast<int>(std::ranges::count(header, ','));
  return csv;
}

void CsvFile::separate() {
  if (fields_ > 0) buffer().push_back(',');
  ++fields_;
}

CsvFile& CsvFile::text(std::string_view value) {
  separate();
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    buffer().append(value);
    return *this;
  }
  buffer().push_back('"');
  for (char c : value) {
    if (c == '"') buffer().push_back('"');
    buffer().push_back(c);
  }
  buffer().push_back('"');
  return *this;
}

CsvFile& CsvFile::number(long long value) {
  separate();
  fmt::format_to(std::back_inserter(buffer()), "{}", value);
  return *this;
}

CsvFile& CsvFile::timestamp(Timestamp value) {
  separate();
  append_salesforce_timestamp(buffer(), value);
  return *this;
}

CsvFile& CsvFile::date(Date value) {
  separate();
  append_salesforce_date(buffer(), value);
  return *this;
}

CsvFile& CsvFile::flag(bool value) {
  separate();
  buffer().append(value ? "true" : "false");
  return *this;
}

void CsvFile::end_row() {
  assert(fields_ == columns_ && "a row writer and its header disagree");
  buffer().push_back('\n');
  fields_ = 0;
  ++rows_;
  file_.flush_if_full();
}

Result<void> CsvFile::close() { return file_.close(); }

}  // namespace rearview::generate
