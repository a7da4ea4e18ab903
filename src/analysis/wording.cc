#include "wording.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cmath>

namespace rearview::analysis {

std::string elapsed_days(double days) {
  if (days < 1) return "less than a day";
  return count_of(static_cast<long long>(std::floor(days)), "day", "days");
}

std::string rounded_days(double days) { return concat(std::llround(days)); }

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
  long long cents = std::llround(std::fabs(amount) * 100);
  std::string digits = std::to_string(cents / 100);
  std::string text = amount < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  if (cents % 100 != 0) text += fmt::format(".{:02}", cents % 100);
  if (!currency.empty()) text += fmt::format(" {}", currency);
  return text;
}

Date date_of(Timestamp time) { return std::chrono::floor<std::chrono::days>(time); }

std::string day_of(Timestamp time) { return format_date(date_of(time)); }

Timestamp add_days(Timestamp time, double days) {
  return time + std::chrono::seconds(std::llround(days * kSecondsPerDay));
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
