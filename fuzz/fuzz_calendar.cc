// The calendar reader (libical underneath) on arbitrary bytes: it must come
// back without a crash or a hang, every text valid UTF-8, every series'
// occurrences in order, within the window and no more than the most kept.
#include <cstdlib>

#include "calendar_reader.h"
#include "fuzz_support.h"
#include "rearview/importers/csv_reader.h"

namespace {

void check_text(const std::string& text) {
  if (rearview::find_invalid_utf8(text)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview::importing;
  CalendarReadOptions options{.from = *rearview::parse_timestamp("2010-01-01T00:00:00Z"),
                              .to = *rearview::parse_timestamp("2030-01-01T00:00:00Z"),
                              .most_occurrences = 200,
                              .default_zone = "Europe/Berlin"};
  CalendarText read = read_calendar(rearview::fuzz::as_text(data, size), options);
  for (const auto& event : read.events) {
    for (const auto* text : {&event.uid, &event.summary, &event.description, &event.location})
      check_text(*text);
    if (event.occurrences.size() > options.most_occurrences || event.line < 0) std::abort();
    for (std::size_t i = 0; i < event.occurrences.size(); ++i) {
      if (i > 0 && event.occurrences[i] <= event.occurrences[i - 1]) std::abort();
      if (event.recurring && (event.occurrences[i] < options.from || event.occurrences[i] >= options.to))
        std::abort();
    }
  }
  return 0;
}
