// Names become parts of e-mail addresses and domains: lower-case ASCII, with
// accented letters spelled the way people type them (Müller -> mueller).
#pragma once

#include <string>
#include <string_view>

namespace rearview::generate {

// Letters and digits are kept (lower-cased, transliterated); a space becomes
// `space` (which may be empty); anything else (apostrophes, hyphens, '&', '.')
// is dropped.
std::string ascii_slug(std::string_view text, std::string_view space = {});

}  // namespace rearview::generate
