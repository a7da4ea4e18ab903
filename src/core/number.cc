#include "rearview/core/number.h"

#include <charconv>
#include <cmath>
#include <limits>

namespace rearview {

std::optional<double> parse_number(std::string_view text) {
  double parsed = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(parsed))
    return std::nullopt;
  return parsed;
}

std::optional<long long> parse_integer(std::string_view text) {
  auto parsed = parse_number(text);
  if (!parsed) return std::nullopt;
  double whole = std::trunc(*parsed);
  // Converting a double outside long long's range is undefined behaviour;
  // 2^63 itself is exactly representable and already out of range.
  constexpr double kLimit = 9223372036854775808.0;
  if (whole >= kLimit || whole < -kLimit) return std::nullopt;
  return static_cast<long long>(whole);
}

}  // namespace rearview
