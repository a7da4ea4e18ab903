#include "html_text.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <array>
#include <climits>
#include <memory>
#include <vector>

#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

bool named(const xmlNode* node, std::string_view name) {
  return node->name && std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

bool starts_a_line(const xmlNode* node) {
  static constexpr std::array<std::string_view, 20> kBlocks = {
      "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
      "pre", "table", "ul", "ol", "section", "article", "header", "footer"};
  for (auto block : kBlocks)
    if (named(node, block)) return true;
  return false;
}

// Paragraphs are apart by a blank line; other blocks only start a line.
bool is_paragraph(const xmlNode* node) {
  return named(node, "p") || named(node, "blockquote") || named(node, "table") ||
         named(node, "pre") || (node->name && node->name[0] == 'h' && node->name[1] >= '1' &&
                                node->name[1] <= '6' && node->name[2] == 0);
}

// Where a blank line is wanted; tidy() drops every other one.
constexpr char kParagraphBreak = '\f';

bool has_no_words(const xmlNode* node) {
  return named(node, "script") || named(node, "style") || named(node, "head") ||
         named(node, "title") || named(node, "noscript") || named(node, "template");
}

// A no-break space (&nbsp;) is a space to a reader.
void append_words(std::string_view words, std::string& text) {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  for (auto at = words.find(kNoBreakSpace); at != std::string_view::npos;
       at = words.find(kNoBreakSpace)) {
    text += words.substr(0, at);
    text += ' ';
    words.remove_prefix(at + kNoBreakSpace.size());
  }
  text += words;
}

// Iterative, so that deeply nested markup cannot exhaust the stack.
void append_text(const xmlNode* root, std::string& text) {
  struct Visit {
    const xmlNode* node;
    bool leaving;
  };
  // After a block: a line ends there, and a paragraph's leaves a blank line.
  std::vector<Visit> stack{{root, false}};
  while (!stack.empty()) {
    Visit visit = stack.back();
    stack.pop_back();
    const xmlNode* node = visit.node;
    if (visit.leaving) {
      text += '\n';
      if (is_paragraph(node)) text += std::string{kParagraphBreak, '\n'};
      continue;
    }
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) append_words(reinterpret_cast<const char*>(node->content), text);
      continue;
    }
    if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE &&
        node->type != XML_HTML_DOCUMENT_NODE)
      continue;
    if (node->type == XML_ELEMENT_NODE && has_no_words(node)) continue;
    bool block = node->type == XML_ELEMENT_NODE && starts_a_line(node);
    if (block) {
      text += '\n';
      stack.push_back({node, true});
    }
    std::vector<const xmlNode*> children;
    for (const xmlNode* child = node->children; child; child = child->next) children.push_back(child);
    for (auto child = children.rbegin(); child != children.rend(); ++child)
      stack.push_back({*child, false});
  }
}

// Spaces within each line collapsed; no blank lines but where a paragraph
// ended, and one at most.
std::string tidy(std::string_view text) {
  std::string tidied;
  bool break_wanted = false;
  while (!text.empty()) {
    auto newline = text.find('\n');
    std::string line = collapse_spaces(text.substr(0, newline));
    text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
    if (line == std::string(1, kParagraphBreak)) {
      break_wanted = !tidied.empty();
      continue;
    }
    if (line.empty()) continue;
    if (break_wanted) tidied += '\n';
    break_wanted = false;
    tidied += line;
    tidied += '\n';
  }
  if (!tidied.empty()) tidied.pop_back();
  return tidied;
}

}  // namespace

std::string text_of_html(std::string_view html) {
  if (html.empty() || html.size() > std::size_t(INT_MAX)) return {};
  constexpr int kOptions =
      HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> document(
      htmlReadMemory(html.data(), int(html.size()), nullptr, "UTF-8", kOptions), &xmlFreeDoc);
  if (!document) return {};
  std::string text;
  append_text(reinterpret_cast<const xmlNode*>(document.get()), text);
  return tidy(text);
}

}  // namespace rearview::importing
