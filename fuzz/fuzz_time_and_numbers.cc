// The time, date, boolean and number parsers on arbitrary text. What parses
// must print and parse back to the same value.
#include <cstdlib>

#include "fuzz_support.h"
#include "rearview/core/number.h"
#include "rearview/core/time.h"
#include "rearview/core/time_zone.h"

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
  // Times people type, read on a clock with summer time: each lies within
  // the local day it is said to fall on.
  static const TimeZone berlin = *TimeZone::lookup("Europe/Berlin");
  if (auto local = parse_timestamp_in(text, berlin)) {
    Date day = berlin.local_date(*local);
    if (*local < berlin.start_of_day(day) ||
        *local >= berlin.start_of_day(day + std::chrono::days{1}))
      std::abort();
  }
  parse_bool(text);
  parse_number(text);
  parse_integer(text);
  return 0;
}
