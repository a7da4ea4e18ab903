#include "wording.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>


namespace rearview::analysis {

std::string elapsed_days(double days) {
  if (!std::isfinite(days)) return std::string(kNotANumberText);
  if (days < 1) return "less than a day";
  double whole = std::floor(days);
  return concat(whole_number_text(whole), " ", whole == 1 ? "day" : "days");
}

std::string rounded_days(double days) { return whole_number_text(days); }

std::string count_of(long long count, std::string_view singular, std::string_view plural) {
  return concat(count, " ", count == 1 ? singular : plural);
}

std::string ordinal(int number) {
  static constexpr std::array<std::string_view, 10> kWords = {
      "first", "second",  "third",  "fourth", "fifth",
      "sixth", "seventh", "eighth", "ninth",  "tenth"};
  if (number >= 1 && number <= 10) return std::string(kWords[number - 1]);
  int tens = number % 100;
  std::string_view suffix = "th";
  if (tens < 11 || tens > 13) {
    if (number % 10 == 1) suffix = "st";
    if (number % 10 == 2) suffix = "nd";
    if (number % 10 == 3) suffix = "rd";
  }
  return fmt::format("{}{}", number, suffix);
}

std::string times(int count) {
  if (count == 1) return "once";
  if (count == 2) return "twice";
  return concat(count, " times");
}

std::string amount_text(double amount, std::string_view currency) {
  std::string text = grouped_amount(amount);
  if (!currency.empty()) text += fmt::format(" {}", currency);
  return text;
}

std::string day_of(Timestamp time, const TimeZone& zone) {
  return format_date(zone.local_date(time));
}

Timestamp add_days(Timestamp time, double days) {
  // Thresholds come from the configuration: a million years is far enough
  // and keeps the sum inside the range of a timestamp.
  constexpr double kFarthestSeconds = 1e6 * 366 * kSecondsPerDay;
  double seconds = std::isfinite(days) ? days * kSecondsPerDay : 0;
  seconds = std::clamp(seconds, -kFarthestSeconds, kFarthestSeconds);
  return time + std::chrono::seconds(std::llround(seconds));
}

bool contains_words(std::string_view text, std::string_view phrase) {
  if (phrase.empty()) return false;
  auto is_word_character = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  for (auto at = text.find(phrase); at != std::string_view::npos; at = text.find(phrase, at + 1)) {
    bool starts_word = at == 0 || !is_word_character(text[at - 1]);
    std::size_t after = at + phrase.size();
    bool ends_word = after == text.size() || !is_word_character(text[after]);
    if (starts_word && ends_word) return true;
  }
  return false;
}

bool equal_ignoring_case(std::string_view left, std::string_view right) {
  if (left.size() != right.size()) return false;
  for (std::size_t i = 0; i < left.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(left[i])) !=
        std::tolower(static_cast<unsigned char>(right[i])))
      return false;
  return true;
}

}  // namespace rearview::analysis
