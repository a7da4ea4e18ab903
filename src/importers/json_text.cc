#include "json_text.h"

#include <algorithm>
#include <boost/json/stream_parser.hpp>

namespace rearview::importing {

long long line_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  return 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
}

std::expected<boost::json::value, JsonTextError> parse_json_text(std::string_view text) {
  boost::json::stream_parser parser;
  boost::system::error_code error;
  std::size_t consumed = parser.write(text.data(), text.size(), error);
  if (!error) parser.finish(error);
  if (error) return std::unexpected(JsonTextError{line_at(text, consumed), "not JSON: " + error.message()});
  return parser.release();
}

}  // namespace rearview::importing
