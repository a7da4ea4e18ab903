// Appending HTML to a string: formatted pieces (external text goes through
// html(...) / anchor(...)), the document's head, and the tail.
#pragma once

#include <fmt/format.h>

#include <iterator>
#include <string>
#include <string_view>
#include <utility>

#include "escape.h"

namespace rearview::report {

class HtmlWriter {
 public:
  explicit HtmlWriter(std::string& out) : out_(out) {}

  template <typename... Args>
  void write(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
  }
  void raw(std::string_view markup) { out_ += markup; }
  void text(std::string_view text) { append_html(out_, text); }

  // <!DOCTYPE html> up to and including <body>. The policy forbids scripts,
  // and loads from anywhere, even if escaping ever failed.
  void begin_document(std::string_view title, std::string_view page_css);
  void end_document();

 private:
  std::string& out_;
};

}  // namespace rearview::report
