// Small text helpers every layer needs; ASCII-only on purpose, since they
// compare identifiers, e-mail addresses and header names, not prose.
#pragma once

#include <string>
#include <string_view>

namespace rearview {

std::string lower(std::string_view text);
// Without leading and trailing white space.
std::string_view trim(std::string_view text);
// For a message on a terminal: C0 controls (but newline and tab) and DEL as
// \xNN, so a value from a file can neither hide itself nor send escape
// sequences (a carriage return could overwrite what the line said).
std::string printable(std::string_view text);
// Runs of spaces as one, none at either end: "  Pat   Buyer " -> "Pat Buyer".
std::string collapse_spaces(std::string_view text);

}  // namespace rearview
