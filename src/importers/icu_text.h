// What ICU (International Components for Unicode) knows that rearview asks
// of it: the IANA zone a Windows time zone id names, and text made valid
// UTF-8. Nothing of ICU shows here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rearview/core/error.h"

namespace rearview::importing {

// "Romance Standard Time" -> "Europe/Paris", by the CLDR's windowsZones
// table that ICU carries (the zone for the id's own territory, "001").
// Nothing for a name that is not a Windows zone id.
std::optional<std::string> iana_zone_for_windows_id(std::string_view windows_id);

// Appends code point `code` in UTF-8; one that is not a character (0, a
// surrogate, beyond U+10FFFF) as U+FFFD.
void append_code_point(std::string& out, std::uint32_t code);

// `text` with every byte sequence that is not UTF-8 replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

// Text in another encoding (ISO-8859-1, windows-1252, UTF-16, ...) as
// UTF-8, a block at a time: a character split between two blocks comes out
// whole. A byte the encoding does not define becomes U+FFFD.
class TextDecoder {
 public:
  // Fails for a name ICU does not know, saying so.
  static Result<std::unique_ptr<TextDecoder>> open(std::string_view encoding);
  ~TextDecoder();
  TextDecoder(const TextDecoder&) = delete;
  TextDecoder& operator=(const TextDecoder&) = delete;

  // Appends the next bytes, converted, to `out`; `last` for the final block.
  void decode(std::string_view bytes, bool last, std::string& out);
  const std::string& name() const { return name_; }

 private:
  struct Converters;
  explicit TextDecoder(std::unique_ptr<Converters> converters, std::string name);
  std::unique_ptr<Converters> converters_;
  std::string name_;
};

// The 8-bit Western encoding `sample` is in, when ICU's detector is sure
// enough that it is one (text that is not UTF-8, from an older export):
// "windows-1252", which reads ISO-8859-1 alike. Nothing otherwise.
std::optional<std::string> detect_western_encoding(std::string_view sample);

}  // namespace rearview::importing
