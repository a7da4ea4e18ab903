#include "slug.h"

#include <array>
#include <utility>

namespace rearview::generate {
namespace {

// The non-ASCII letters the vocabulary uses, upper and lower case.
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kTransliterations{{
    {"ä", "ae"}, {"Ä", "ae"}, {"ö", "oe"}, {"Ö", "oe"}, {"ü", "ue"}, {"Ü", "ue"}, {"ß", "ss"},
    {"á", "a"},  {"à", "a"},  {"â", "a"},  {"å", "a"},  {"Å", "a"},  {"æ", "ae"}, {"ç", "c"},
    {"é", "e"},  {"É", "e"},  {"è", "e"},  {"ê", "e"},  {"ë", "e"},  {"í", "i"},  {"ì", "i"},
    {"î", "i"},  {"ï", "i"},  {"ñ", "n"},  {"ń", "n"},  {"ó", "o"},  {"ò", "o"},  {"ô", "o"},
    {"ø", "o"},  {"Ø", "o"},  {"ú", "u"},  {"ù", "u"},  {"û", "u"},  {"ý", "y"},  {"ś", "s"},
    {"Ś", "s"},  {"ł", "l"},  {"č", "c"},  {"ř", "r"},  {"ž", "z"},
}};

bool is_ascii_alphanumeric(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The byte length of the UTF-8 sequence starting with `lead`.
std::size_t sequence_length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::string ascii_slug(std::string_view text, std::string_view space) {
  std::string slug;
  slug.reserve(text.size());
  for (std::size_t position = 0; position < text.size();) {
    const char c = text[position];
    if (is_ascii_alphanumeric(c)) {
      slug.push_back(c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c);
      ++position;
      continue;
    }
    if (c == ' ') {
      if (!slug.empty() && !slug.ends_with(space)) slug.append(space);
      ++position;
      continue;
    }
    const std::size_t length = sequence_length(static_cast<unsigned char>(c));
    const std::string_view letter = text.substr(position, length);
    for (const auto& [from, to] : kTransliterations)
      if (from == letter) slug.append(to);
    position += length;
  }
  return slug;
}

}  // namespace rearview::generate
