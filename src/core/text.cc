#include "rearview/core/text.h"

#include <cctype>

namespace rearview {

std::string lower(std::string_view text) {
  std::string folded(text);
  for (char& c : folded) c = char(std::tolower(static_cast<unsigned char>(c)));
  return folded;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

}  // namespace rearview
