// Plain words for numbers, dates and counts, shared by every text the
// analysis writes, so a fact reads the same in a tell and in a health reason.
#pragma once

#include <charconv>
#include <string>
#include <string_view>

#include "rearview/core/number_text.h"
#include "rearview/core/text.h"
#include "rearview/core/time.h"
#include "rearview/core/time_zone.h"

namespace rearview::analysis {

constexpr double kSecondsPerDay = 86400.0;

inline void append(std::string& text, std::string_view piece) { text += piece; }
inline void append(std::string& text, long long number) {
  char digits[24];
  auto [end, error] = std::to_chars(digits, digits + sizeof digits, number);
  text.append(digits, end);
}

// Joins words and whole numbers without a format string: health reasons are
// written hundreds of times per deal, and this is several times faster.
template <typename... Pieces>
std::string concat(const Pieces&... pieces) {
  std::string text;
  text.reserve(64);
  (append(text, pieces), ...);
  return text;
}

// Whole days elapsed, rounded down: "19 days", "1 day", "less than a day".
std::string elapsed_days(double days);
// A statistic in days, rounded to the nearest whole day: "12", "1".
std::string rounded_days(double days);
std::string count_of(long long count, std::string_view singular, std::string_view plural);
std::string ordinal(int number);  // "first", "second", ..., "tenth", "11th"
std::string times(int count);     // "once", "twice", "3 times"
// 50000 -> "50,000"; 1234.5 -> "1,234.50"; with the currency when known: "50,000 USD".
std::string amount_text(double amount, std::string_view currency);
// The date `time` falls on in the zone: 2024-01-10.
std::string day_of(Timestamp time, const TimeZone& zone);
Timestamp add_days(Timestamp time, double days);

using rearview::lower;
// Whether `phrase` occurs in `text` as whole words; both already lower-case.
bool contains_words(std::string_view text, std::string_view phrase);
bool equal_ignoring_case(std::string_view left, std::string_view right);

}  // namespace rearview::analysis
