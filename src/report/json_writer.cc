#include "json_writer.h"

#include <fmt/format.h>

#include <cmath>

#include "text_format.h"

namespace rearview::report {
namespace {

std::string_view short_escape(char c) {
  switch (c) {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      return {};
  }
}

// U+2028 and U+2029 end lines in older JavaScript.
bool is_line_separator(std::string_view text, std::size_t position) {
  return text.substr(position, 2) == "\xE2\x80" && position + 2 < text.size() &&
         (text[position + 2] == '\xA8' || text[position + 2] == '\xA9');
}

// Escapes what JSON requires and "</" (so the text can sit in an HTML script
// element later); bytes that are not UTF-8 and unprintable controls become
// U+FFFD, as in every other format.
void append_json_piece(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (auto escaped = short_escape(c); !escaped.empty()) {
      out += escaped;
    } else if (c == '/' && i > 0 && text[i - 1] == '<') {
      out += "\\/";
    } else if (is_line_separator(text, i)) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out.push_back(c);
    }
  }
}

void append_json_string(std::string& out, std::string_view text) {
  out.push_back('"');
  visit_printable(text, [&](std::string_view piece) { append_json_piece(out, piece); });
  out.push_back('"');
}

}  // namespace

void JsonWriter::newline() {
  out_.push_back('\n');
  out_.append(first_in_level_.size() * 2, ' ');
}

void JsonWriter::begin_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (first_in_level_.empty()) return;
  if (!first_in_level_.back()) out_.push_back(',');
  first_in_level_.back() = false;
  newline();
}

void JsonWriter::open(char bracket) {
  begin_value();
  out_.push_back(bracket);
  first_in_level_.push_back(true);
}

void JsonWriter::close(char bracket) {
  bool empty = first_in_level_.back();
  first_in_level_.pop_back();
  if (!empty) newline();
  out_.push_back(bracket);
  if (first_in_level_.empty()) out_.push_back('\n');
}

void JsonWriter::begin_object() { open('{'); }
void JsonWriter::end_object() { close('}'); }
void JsonWriter::begin_array() { open('['); }
void JsonWriter::end_array() { close(']'); }

void JsonWriter::key(std::string_view name) {
  begin_value();
  append_json_string(out_, name);
  out_ += ": ";
  after_key_ = true;
}

void JsonWriter::string(std::string_view text) {
  begin_value();
  append_json_string(out_, text);
}

void JsonWriter::number(double value) {
  if (!std::isfinite(value)) return null();
  begin_value();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::integer(long long value) {
  begin_value();
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonWriter::boolean(bool value) {
  begin_value();
  out_ += value ? "true" : "false";
}

void JsonWriter::null() {
  begin_value();
  out_ += "null";
}

void JsonWriter::time(Timestamp value) { string(format_timestamp(value)); }

void JsonWriter::time(const std::optional<Timestamp>& value) {
  if (value)
    time(*value);
  else
    null();
}

void JsonWriter::optional_number(const std::optional<double>& value) {
  if (value)
    number(*value);
  else
    null();
}

void JsonWriter::optional_string(std::string_view text) {
  if (text.empty())
    null();
  else
    string(text);
}

void JsonWriter::strings(const std::vector<std::string>& values) {
  begin_array();
  for (const auto& value : values) string(value);
  end_array();
}

}  // namespace rearview::report
