#include "rearview/matching/subject_words.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "rearview/core/text.h"

namespace rearview::matching {
namespace {

bool is_word_byte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

// English, German, Nordic, Dutch, Italian, French and Spanish mail clients'
// prefixes, lower-case.
constexpr std::array<std::string_view, 13> kPrefixes = {
    "re", "fw", "fwd", "aw", "wg", "sv", "vs", "antw", "rif", "r", "tr", "rv", "enc"};

// The length of one leading prefix ("Re:", "RE[2]:", "[External]") with the
// space after it, or 0.
std::size_t prefix_length(std::string_view text) {
  if (!text.empty() && text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos || close > 20) return 0;
    return close + 1;
  }
  std::size_t word = 0;
  while (word < text.size() && std::isalpha(static_cast<unsigned char>(text[word]))) ++word;
  if (word == 0 ||
      std::find(kPrefixes.begin(), kPrefixes.end(), lower(text.substr(0, word))) == kPrefixes.end())
    return 0;
  std::size_t at = word;
  if (at < text.size() && (text[at] == '[' || text[at] == '(')) {  // Re[2]:, Re(2):
    char close = text[at] == '[' ? ']' : ')';
    auto end = text.find(close, at);
    if (end == std::string_view::npos) return 0;
    at = end + 1;
  }
  if (at < text.size() && (text[at] == ':' || text.substr(at).starts_with("\xEF\xBC\x9A")))
    return at + (text[at] == ':' ? 1 : 3);  // an ASCII or a full-width colon
  return 0;
}

// Strips prefixes and tags; `replied` tells whether a reply or forward
// prefix (not only a tag) was among them.
std::string_view without_prefixes(std::string_view subject, bool& replied) {
  replied = false;
  std::string_view rest = trim(subject);
  while (std::size_t length = prefix_length(rest)) {
    if (rest.front() != '[') replied = true;
    rest = trim(rest.substr(length));
  }
  return rest;
}

}  // namespace

Words words_of(std::string_view text) {
  Words words;
  std::string word;
  for (char c : text) {
    if (is_word_byte(static_cast<unsigned char>(c))) {
      word += (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

bool contains_phrase(const Words& text, const Words& phrase) {
  if (phrase.empty()) return false;
  return std::search(text.begin(), text.end(), phrase.begin(), phrase.end()) != text.end();
}

bool is_reply_or_forward(std::string_view subject) {
  bool replied = false;
  without_prefixes(subject, replied);
  return replied;
}

std::string thread_subject(std::string_view subject) {
  bool replied = false;
  std::string joined;
  for (const auto& word : words_of(without_prefixes(subject, replied))) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return joined;
}

}  // namespace rearview::matching
