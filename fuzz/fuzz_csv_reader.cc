// The streaming CSV reader on arbitrary bytes: every record and every damaged
// one must come back without a crash, and fields must lie inside the record.
#include <cstdlib>

#include "fuzz_support.h"
#include "rearview/importers/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview;
  auto file = fuzz::write_scratch_file("input.csv", fuzz::as_text(data, size));
  auto reader = CsvReader::open(file);
  if (!reader) {
    // An empty file or a damaged header is refused as bad input, never as a missing file.
    if (reader.error().code != ErrorCode::invalid_input) std::abort();
    return 0;
  }
  CsvColumns columns((*reader)->header());
  columns.find("Id");
  CsvRecord record;
  CsvDamage damage;
  long long last_line = 0;
  while (true) {
    auto status = (*reader)->next(record, damage);
    if (status == CsvReader::Status::end) break;
    if (record.line() < last_line) std::abort();  // lines only go forward
    last_line = record.line();
    for (std::size_t i = 0; i < record.size(); ++i) find_invalid_utf8(record[i]);
    // Bytes of another encoding are decoded to UTF-8 (a windows-1252 byte
    // becomes at most 3 bytes), then quoting at most doubles.
    std::string raw = record.raw_text();
    if (raw.size() > size * 6 + record.size() * 3 + 3) std::abort();
  }
  return 0;
}
