// The ICU wrapper: the only file that includes ICU's headers.
#include "icu_text.h"

#include <unicode/ucal.h>
#include <unicode/ustring.h>

#include <limits>
#include <vector>

namespace rearview::importing {

std::optional<std::string> iana_zone_for_windows_id(std::string_view windows_id) {
  constexpr std::size_t kLongest = 128;
  if (windows_id.empty() || windows_id.size() > kLongest) return std::nullopt;
  UChar id[kLongest + 1];
  for (std::size_t i = 0; i < windows_id.size(); ++i) {
    auto byte = static_cast<unsigned char>(windows_id[i]);
    if (byte >= 0x80) return std::nullopt;  // Windows ids are ASCII
    id[i] = byte;
  }
  UChar zone[kLongest];
  UErrorCode status = U_ZERO_ERROR;
  int32_t length = ucal_getTimeZoneIDForWindowsID(id, static_cast<int32_t>(windows_id.size()),
                                                  nullptr, zone, kLongest, &status);
  if (U_FAILURE(status) || length <= 0 || length >= static_cast<int32_t>(kLongest))
    return std::nullopt;
  std::string name;
  for (int32_t i = 0; i < length; ++i) name.push_back(static_cast<char>(zone[i]));
  return name;
}

std::string valid_utf8(std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int32_t>::max() / 4))
    text = text.substr(0, std::numeric_limits<int32_t>::max() / 4);
  auto length = static_cast<int32_t>(text.size());
  std::vector<UChar> wide(static_cast<std::size_t>(length) + 1);
  int32_t wide_length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(wide.data(), static_cast<int32_t>(wide.size()), &wide_length, text.data(),
                       length, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return {};
  std::string utf8(static_cast<std::size_t>(wide_length) * 3 + 1, '\0');
  int32_t utf8_length = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8(utf8.data(), static_cast<int32_t>(utf8.size()), &utf8_length, wide.data(),
              wide_length, &status);
  if (U_FAILURE(status)) return {};
  utf8.resize(static_cast<std::size_t>(utf8_length));
  return utf8;
}

}  // namespace rearview::importing
