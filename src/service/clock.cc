#include "rearview/service/clock.h"

#include <fmt/format.h>

#include <chrono>

namespace rearview::service {

Timestamp SystemClock::now() const {
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

Result<Timestamp> time_or_now(const std::string& text, const Clock& clock, const char* option,
                              const TimeZone& zone) {
  if (text.empty() || text == "now") return clock.now();
  auto parsed = parse_timestamp_in(text, zone);
  if (!parsed)
    return fail(ErrorCode::usage, fmt::format("{} '{}' is not a time", option, text),
                std::string(kTimestampFormats));
  return *parsed;
}

}  // namespace rearview::service
