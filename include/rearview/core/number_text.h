// Numbers as people read them, total over every double: whatever a report
// holds, formatting it never overflows an integer or prints garbage.
#pragma once

#include <string>
#include <string_view>

namespace rearview {

// What a NaN or an infinity reads as.
inline constexpr std::string_view kNotANumberText = "n/a";

// 50000 -> "50,000"; 1234.5 -> "1,234.50"; -0.001 -> "0". Every digit of
// the whole part, however large the amount; cents only when there are any.
std::string grouped_amount(double amount);

// The value rounded to a whole number, every digit of it: 12.5 -> "13".
std::string whole_number_text(double value);

// Minutes begun, as calendars count a meeting: 61 s -> 2; 0 or less -> 0.
// Never overflows, unlike (seconds + 59) / 60.
constexpr long long started_minutes(long long seconds) {
  return seconds <= 0 ? 0 : seconds / 60 + (seconds % 60 != 0 ? 1 : 0);
}

}  // namespace rearview
