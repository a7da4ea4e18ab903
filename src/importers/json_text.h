// JSON files users give (a call's sidecar, the Salesforce CLI's data tree)
// read with Boost.JSON, and where in the text something is: Boost.JSON
// keeps no positions, so a problem's line is worked out from the text.
#pragma once

#include <boost/json/value.hpp>
#include <cstddef>
#include <expected>
#include <string>
#include <string_view>

namespace rearview::importing {

struct JsonTextError {
  long long line = 0;   // where the parser stopped
  std::string message;  // "not JSON: ..."
};

std::expected<boost::json::value, JsonTextError> parse_json_text(std::string_view text);

// The line (from 1) that byte `offset` of `text` is on.
long long line_at(std::string_view text, std::size_t offset);

}  // namespace rearview::importing
