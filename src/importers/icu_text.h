// What ICU (International Components for Unicode) knows that rearview asks
// of it: the IANA zone a Windows time zone id names, and text made valid
// UTF-8. Nothing of ICU shows here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rearview::importing {

// "Romance Standard Time" -> "Europe/Paris", by the CLDR's windowsZones
// table that ICU carries (the zone for the id's own territory, "001").
// Nothing for a name that is not a Windows zone id.
std::optional<std::string> iana_zone_for_windows_id(std::string_view windows_id);

// `text` with every byte sequence that is not UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

}  // namespace rearview::importing
