#include "rearview/core/number_text.h"

#include <charconv>
#include <cmath>
#include <string_view>
#include <system_error>

namespace rearview {
namespace {

// The largest double has 309 whole digits.
constexpr std::size_t kFixedDigitsCapacity = 320;

// The exact decimal form of `value` with `decimals` places, correctly rounded.
std::string fixed_digits(double value, int decimals) {
  char digits[kFixedDigitsCapacity];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, value,
                                    std::chars_format::fixed, decimals);
  if (error != std::errc()) return std::string(kNotANumberText);
  return std::string(digits, end);
}

std::string group_thousands(std::string_view digits) {
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

bool all_zeros(std::string_view digits) {
  return digits.find_first_not_of("0.") == std::string_view::npos;
}

}  // namespace

std::string grouped_amount(double amount) {
  if (!std::isfinite(amount)) return std::string(kNotANumberText);
  std::string digits = fixed_digits(std::fabs(amount), 2);
  auto point = digits.find('.');
  std::string_view whole = std::string_view(digits).substr(0, point);
  std::string_view cents = std::string_view(digits).substr(point + 1);
  // A negative amount that rounds to zero reads as "0", not "-0".
  std::string text = amount < 0 && !all_zeros(digits) ? "-" : "";
  text += group_thousands(whole);
  if (cents != "00") text += "." + std::string(cents);
  return text;
}

std::string whole_number_text(double value) {
  if (!std::isfinite(value)) return std::string(kNotANumberText);
  std::string digits = fixed_digits(std::round(value), 0);
  return digits == "-0" ? "0" : digits;
}

}  // namespace rearview
