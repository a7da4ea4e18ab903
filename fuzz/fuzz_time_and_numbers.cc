// The time, date, boolean and number parsers on arbitrary text. What parses
// must print and parse back to the same value.
#include <cstdlib>

#include "fuzz_support.h"
#include "rearview/core/number.h"
#include "rearview/core/time.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview;
  std::string_view text = fuzz::as_text(data, size);
  if (auto time = parse_timestamp(text)) {
    auto again = parse_timestamp(format_timestamp(*time));
    if (again != time) std::abort();
  }
  if (auto date = parse_date(text)) {
    auto again = parse_date(format_date(*date));
    if (again != date) std::abort();
  }
  parse_bool(text);
  parse_number(text);
  parse_integer(text);
  return 0;
}
