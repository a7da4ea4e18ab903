// The words of an HTML document as plain text, for what arrives only as
// HTML: a message without a text/plain part, a CRM's rich-text notes and
// e-mail bodies. Read by libxml2's HTML parser (the only file that includes
// it is html_text.cc), which recovers from any markup, so every input gives
// text; scripts, styles and comments give none. Paragraphs are apart by a
// blank line; line breaks, list items and table rows start a line. Text
// nested deeper than the parser's limit (256 elements) is lost.
#pragma once

#include <string>
#include <string_view>

namespace rearview::importing {

std::string text_of_html(std::string_view html);

}  // namespace rearview::importing
