#include "escape.h"

#include <algorithm>

namespace rearview::report {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters that mean something anywhere in a line of GitHub Markdown.
bool is_inline_markup(char c) {
  static constexpr std::string_view kMarkup = "\\`*_[]<>|~$";
  return kMarkup.find(c) != std::string_view::npos;
}

// Characters that mean something only at the start of a line (headings,
// lists, setext underlines, block quotes are covered by '>').
bool is_block_markup(char c) { return c == '#' || c == '-' || c == '+' || c == '='; }

// "1984. A year" would start an ordered list ("72.3 days" would not): the
// position of its '.' or ')'.
std::size_t list_number_end(std::string_view text) {
  std::size_t end = 0;
  while (end < text.size() && is_digit(text[end])) ++end;
  if (end == 0 || end >= text.size() || (text[end] != '.' && text[end] != ')'))
    return std::string_view::npos;
  if (end + 1 < text.size() && !is_space(text[end + 1])) return std::string_view::npos;
  return end;
}

// "&amp;" would be read as an entity; "R&D" would not.
bool starts_entity(std::string_view text, std::size_t ampersand) {
  return ampersand + 1 < text.size() &&
         (is_letter(text[ampersand + 1]) || text[ampersand + 1] == '#');
}

}  // namespace

void escape_markdown(std::string_view raw, std::string& out) {
  std::string printable = printable_text(trim(raw));
  std::string_view text = printable;
  std::size_t list_end = list_number_end(text);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\t' || c == '\r' || c == '\n') {
      out.push_back(' ');
      continue;
    }
    bool escape = is_inline_markup(c) || (i == 0 && is_block_markup(c)) || i == list_end ||
                  (c == '&' && starts_entity(text, i));
    if (escape) out.push_back('\\');
    out.push_back(c);
  }
}

std::string url_path(std::string_view file) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string path;
  // "/x" and "//host/x" would leave the folder of the index, or the machine.
  if (!file.empty() && file.front() == '/') path = ".";
  for (char c : file) {
    bool plain =
        is_letter(c) || is_digit(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
    if (plain) {
      path.push_back(c);
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    path.push_back('%');
    path.push_back(kHex[byte >> 4]);
    path.push_back(kHex[byte & 15]);
  }
  return path;
}

std::string code_fence(std::string_view body) {
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : body) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

void append_html(std::string& out, std::string_view text) {
  escape_html(text, [&](std::string_view piece) { out.append(piece); });
}

}  // namespace rearview::report
