// Timestamp parsing is written here rather than with std::chrono::parse
// (not in libstdc++ 12) or strptime (locale-dependent, no fractional seconds,
// no "+0000" offsets without a colon on every libc): importers parse millions
// of values, and exports mix these formats.
#include "rearview/core/time.h"

#include "rearview/core/text.h"

#include <cstdio>

namespace rearview {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}

  bool at_end() const { return position_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[position_]; }
  bool accept(char c) {
    if (peek() != c) return false;
    ++position_;
    return true;
  }
  // Reads between min_digits and max_digits decimal digits.
  std::optional<int> digits(int min_digits, int max_digits) {
    int value = 0;
    int count = 0;
    while (count < max_digits && peek() >= '0' && peek() <= '9') {
      value = value * 10 + (text_[position_++] - '0');
      ++count;
    }
    if (count < min_digits) return std::nullopt;
    return value;
  }
  void skip_spaces() {
    while (peek() == ' ') ++position_;
  }
  std::string_view rest() const { return text_.substr(position_); }

 private:
  std::string_view text_;
  std::size_t position_ = 0;
};

// Years 1 to 9999: what format_date writes in four digits and read_date
// reads back. Year 0001 stays readable, to be warned about as implausible.
bool printable(std::chrono::year year) {
  return year >= std::chrono::year{1} && year <= std::chrono::year{9999};
}

std::optional<Date> make_date(int year, int month, int day) {
  if (!printable(std::chrono::year{year})) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{unsigned(month)},
                                  std::chrono::day{unsigned(day)}};
  if (!ymd.ok()) return std::nullopt;
  return Date{ymd};
}

// 2024-01-10 or 01/10/2024 or 1/10/24 (US order, as Salesforce's report exports write it).
std::optional<Date> read_date(Cursor& cursor) {
  auto first = cursor.digits(1, 4);
  if (!first) return std::nullopt;
  if (cursor.accept('-')) {
    auto month = cursor.digits(2, 2);
    if (!month || !cursor.accept('-')) return std::nullopt;
    auto day = cursor.digits(2, 2);
    if (!day) return std::nullopt;
    return make_date(*first, *month, *day);
  }
  if (cursor.accept('/')) {
    auto day = cursor.digits(1, 2);
    if (!day || !cursor.accept('/')) return std::nullopt;
    auto year = cursor.digits(2, 4);
    if (!year) return std::nullopt;
    int full_year = *year < 100 ? 2000 + *year : *year;
    return make_date(full_year, *first, *day);
  }
  return std::nullopt;
}

// HH:MM[:SS[.fff]] [AM|PM]
std::optional<std::chrono::seconds> read_time_of_day(Cursor& cursor) {
  auto hour = cursor.digits(1, 2);
  if (!hour || !cursor.accept(':')) return std::nullopt;
  auto minute = cursor.digits(2, 2);
  if (!minute) return std::nullopt;
  int second = 0;
  if (cursor.accept(':')) {
    auto parsed = cursor.digits(2, 2);
    if (!parsed) return std::nullopt;
    second = *parsed;
    if (cursor.accept('.') && !cursor.digits(1, 9)) return std::nullopt;
  }
  cursor.skip_spaces();
  char meridiem = cursor.peek();
  if ((meridiem == 'A' || meridiem == 'P' || meridiem == 'a' || meridiem == 'p')) {
    cursor.accept(meridiem);
    if (!cursor.accept('M') && !cursor.accept('m')) return std::nullopt;
    if (*hour < 1 || *hour > 12) return std::nullopt;
    *hour %= 12;
    if (meridiem == 'P' || meridiem == 'p') *hour += 12;
  }
  if (*hour > 23 || *minute > 59 || second > 60) return std::nullopt;
  return std::chrono::hours{*hour} + std::chrono::minutes{*minute} + std::chrono::seconds{second};
}

struct Offset {
  bool valid = false;
  std::optional<std::chrono::seconds> given;  // none: the text has no offset
};

// Z, +0000, +01:00, -05 or nothing.
Offset read_offset(Cursor& cursor) {
  if (cursor.at_end()) return {true, std::nullopt};
  if (cursor.accept('Z') || cursor.accept('z')) return {true, std::chrono::seconds{0}};
  char sign = cursor.peek();
  if (sign != '+' && sign != '-') return {};
  cursor.accept(sign);
  auto hours = cursor.digits(2, 2);
  if (!hours) return {};
  cursor.accept(':');
  int minutes = cursor.digits(2, 2).value_or(0);
  if (*hours > 14 || minutes > 59) return {};  // no zone is further from UTC
  std::chrono::seconds offset = std::chrono::hours{*hours} + std::chrono::minutes{minutes};
  return {true, sign == '+' ? offset : -offset};
}

}  // namespace

std::optional<WrittenTime> parse_written_time(std::string_view text) {
  Cursor cursor(trim(text));
  auto date = read_date(cursor);
  if (!date) return std::nullopt;
  std::chrono::local_seconds clock{date->time_since_epoch()};
  if (cursor.at_end()) return WrittenTime{clock, std::nullopt};
  if (!cursor.accept('T')) {
    if (!cursor.accept(' ')) return std::nullopt;
    cursor.skip_spaces();
  }
  auto time_of_day = read_time_of_day(cursor);
  if (!time_of_day) return std::nullopt;
  Offset offset = read_offset(cursor);
  if (!offset.valid || !cursor.at_end()) return std::nullopt;
  return WrittenTime{clock + *time_of_day, offset.given};
}

bool has_four_digit_year(Timestamp time) {
  return printable(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(time)}.year());
}

std::optional<Timestamp> parse_timestamp(std::string_view text) {
  auto written = parse_written_time(text);
  if (!written) return std::nullopt;
  Timestamp time{written->clock.time_since_epoch() -
                 written->offset.value_or(std::chrono::seconds{0})};
  // An offset can carry 0001-01-01 into year 0, which no format shows.
  if (!has_four_digit_year(time)) return std::nullopt;
  return time;
}

std::optional<Date> parse_date(std::string_view text) {
  auto timestamp = parse_timestamp(text);
  if (!timestamp) return std::nullopt;
  return std::chrono::floor<std::chrono::days>(*timestamp);
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string word = lower(trim(text));
  if (word.empty()) return false;
  if (word == "true" || word == "1" || word == "yes") return true;
  if (word == "false" || word == "0" || word == "no") return false;
  return std::nullopt;
}

std::string format_timestamp(Timestamp time) {
  auto day = std::chrono::floor<std::chrono::days>(time);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss clock{time - day};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(ymd.year()),
                unsigned(ymd.month()), unsigned(ymd.day()), int(clock.hours().count()),
                int(clock.minutes().count()), int(clock.seconds().count()));
  return buffer;
}

std::string format_date(Date date) {
  std::chrono::year_month_day ymd{date};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()),
                unsigned(ymd.day()));
  return buffer;
}

double days_between(Timestamp from, Timestamp to) {
  return double((to - from).count()) / 86400.0;
}

}  // namespace rearview
