// Numbers as CRM exports write them (amounts, probabilities, durations).
// Parsing lives here so every importer accepts, and refuses, the same text.
#pragma once

#include <optional>
#include <string_view>

namespace rearview {

// A finite decimal number such as 12500, -3 or 12500.50 (exponents allowed).
// "nan", "inf" and values beyond a double's range are refused: they would
// poison every sum and average downstream.
std::optional<double> parse_number(std::string_view text);

// A whole number that fits a long long; a fraction is cut towards zero, as
// exports write durations such as "30.0".
std::optional<long long> parse_integer(std::string_view text);

}  // namespace rearview
