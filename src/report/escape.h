// Escaping of text that came from outside (names, subjects, bodies, ids)
// for HTML, Markdown and URLs. The wrappers format escaped with fmt, so a
// template can never forget it: fmt::format("<h1>{}</h1>", html(name)).
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

#include "text_format.h"

namespace rearview::report {

// Calls sink(std::string_view) with the pieces of the escaped text.
template <typename Sink>
void escape_html_markup(std::string_view text, Sink&& sink) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:
        continue;
    }
    sink(text.substr(start, i - start));
    sink(entity);
    start = i + 1;
  }
  sink(text.substr(start));
}

// Escaped, and made printable (see visit_printable).
template <typename Sink>
void escape_html(std::string_view text, Sink&& sink) {
  visit_printable(text, [&](std::string_view piece) { escape_html_markup(piece, sink); });
}

// Ids become tokens of [A-Za-z0-9-] and "_XX" (hex of any other byte): safe
// unquoted in a URL fragment and an id attribute, and still one-to-one.
template <typename Sink>
void escape_anchor(std::string_view id, Sink&& sink) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::size_t start = 0;
  for (std::size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    bool plain =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (plain) continue;
    auto byte = static_cast<unsigned char>(c);
    const char escaped[3] = {'_', kHex[byte >> 4], kHex[byte & 15]};
    sink(id.substr(start, i - start));
    sink(std::string_view(escaped, 3));
    start = i + 1;
  }
  sink(id.substr(start));
}

// One line of inline Markdown: punctuation that could start emphasis, code,
// links, HTML, tables or a block is backslash-escaped; line breaks become
// spaces so the text stays inside its table cell or list item.
void escape_markdown(std::string_view text, std::string& out);

// A relative URL path for a file name: anything but unreserved characters
// and "/" is percent-encoded, so "javascript:..." stays a file name.
std::string url_path(std::string_view file);

// The fence (``` or longer) that a fenced code block around `body` needs so
// that no line of the body can close it early.
std::string code_fence(std::string_view body);

struct HtmlText {
  std::string_view text;
};
struct AnchorText {
  std::string_view id;
};
struct MarkdownText {
  std::string_view text;
};

inline HtmlText html(std::string_view text) { return {text}; }
inline AnchorText anchor(std::string_view id) { return {id}; }
inline MarkdownText markdown(std::string_view text) { return {text}; }

void append_html(std::string& out, std::string_view text);

// "item-" + the escaped id, for formats that need the anchor as a string.
inline std::string anchor_name(std::string_view prefix, std::string_view id) {
  std::string name(prefix);
  escape_anchor(id, [&](std::string_view piece) { name.append(piece); });
  return name;
}

}  // namespace rearview::report

template <>
struct fmt::formatter<rearview::report::HtmlText> {
  constexpr auto parse(format_parse_context& context) { return context.begin(); }
  template <typename Context>
  auto format(const rearview::report::HtmlText& value, Context& context) const {
    auto out = context.out();
    rearview::report::escape_html(value.text, [&](std::string_view piece) {
      out = std::copy(piece.begin(), piece.end(), out);
    });
    return out;
  }
};

template <>
struct fmt::formatter<rearview::report::AnchorText> {
  constexpr auto parse(format_parse_context& context) { return context.begin(); }
  template <typename Context>
  auto format(const rearview::report::AnchorText& value, Context& context) const {
    auto out = context.out();
    rearview::report::escape_anchor(value.id, [&](std::string_view piece) {
      out = std::copy(piece.begin(), piece.end(), out);
    });
    return out;
  }
};

template <>
struct fmt::formatter<rearview::report::MarkdownText> {
  constexpr auto parse(format_parse_context& context) { return context.begin(); }
  template <typename Context>
  auto format(const rearview::report::MarkdownText& value, Context& context) const {
    std::string escaped;
    rearview::report::escape_markdown(value.text, escaped);
    return std::copy(escaped.begin(), escaped.end(), context.out());
  }
};
