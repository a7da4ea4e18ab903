#include "calendar.h"

namespace rearview::generate {
namespace {

// Faster than fmt for the millions of values a large export holds.
void append_digits(std::string& out, unsigned value, int width) {
  char digits[8];
  for (int position = width - 1; position >= 0; --position) {
    digits[position] = char('0' + value % 10);
    value /= 10;
  }
  out.append(digits, std::size_t(width));
}

}  // namespace

Timestamp working_time(Random& random, Date day) {
  const std::chrono::weekday weekday{day};
  if (weekday == std::chrono::Saturday) day += std::chrono::days{2};
  if (weekday == std::chrono::Sunday) day += std::chrono::days{1};
  return day + 13h + std::chrono::seconds(random.between(0, 9 * 3600 - 1));
}

std::optional<Timestamp> working_time_within(Random& random, Timestamp time, Timestamp from,
                                             Timestamp to) {
  Timestamp result = working_time(random, day_of(time));
  if (result <= from) result = from + std::chrono::minutes(random.between(5, 120));
  if (result > to) return std::nullopt;
  return result;
}

void append_salesforce_date(std::string& out, Date day) {
  std::chrono::year_month_day date{day};
  append_digits(out, unsigned(int(date.year())), 4);
  out.push_back('-');
  append_digits(out, unsigned(date.month()), 2);
  out.push_back('-');
  append_digits(out, unsigned(date.day()), 2);
}

void append_salesforce_timestamp(std::string& out, Timestamp time) {
  const Date day = day_of(time);
  const long long seconds = (time - day).count();
  append_salesforce_date(out, day);
  out.push_back('T');
  append_digits(out, unsigned(seconds / 3600), 2);
  out.push_back(':');
  append_digits(out, unsigned(seconds / 60 % 60), 2);
  out.push_back(':');
  append_digits(out, unsigned(seconds % 60), 2);
  out.append(".000Z");
}

std::string salesforce_date(Date day) {
  std::string text;
  append_salesforce_date(text, day);
  return text;
}

}  // namespace rearview::generate
