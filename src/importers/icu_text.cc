// The ICU wrapper: the only file that includes ICU's headers.
#include "icu_text.h"

#include <fmt/format.h>
#include <unicode/ucal.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include <array>

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

void append_code_point(std::string& out, std::uint32_t code) {
  UChar32 character = static_cast<UChar32>(code);
  if (code == 0 || code > 0x10FFFF || U_IS_SURROGATE(character)) character = 0xFFFD;
  std::array<char, U8_MAX_LENGTH> bytes;
  int32_t length = 0;
  U8_APPEND_UNSAFE(bytes.data(), length, character);
  out.append(bytes.data(), static_cast<std::size_t>(length));
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

struct TextDecoder::Converters {
  UConverter* from = nullptr;
  UConverter* to = nullptr;
  std::array<UChar, 4096> pivot{};
  UChar* pivot_source = pivot.data();
  UChar* pivot_target = pivot.data();
  bool started = false;
  ~Converters() {
    if (from) ucnv_close(from);
    if (to) ucnv_close(to);
  }
};

TextDecoder::TextDecoder(std::unique_ptr<Converters> converters, std::string name)
    : converters_(std::move(converters)), name_(std::move(name)) {}
TextDecoder::~TextDecoder() = default;

Result<std::unique_ptr<TextDecoder>> TextDecoder::open(std::string_view encoding) {
  std::string name(encoding);
  auto converters = std::make_unique<Converters>();
  UErrorCode status = U_ZERO_ERROR;
  converters->from = ucnv_open(name.c_str(), &status);
  if (U_FAILURE(status) || !converters->from)
    return fail(ErrorCode::usage, fmt::format("unknown encoding \"{}\"", name),
                "e.g. UTF-8, ISO-8859-1, windows-1252, UTF-16");
  status = U_ZERO_ERROR;
  converters->to = ucnv_open("UTF-8", &status);
  if (U_FAILURE(status)) return fail(ErrorCode::io, "ICU cannot write UTF-8");
  return std::unique_ptr<TextDecoder>(new TextDecoder(std::move(converters), name));
}

void TextDecoder::decode(std::string_view bytes, bool last, std::string& out) {
  Converters& c = *converters_;
  const char* source = bytes.data();
  const char* source_end = bytes.data() + bytes.size();
  std::array<char, 16384> chunk;
  while (true) {
    char* target = chunk.data();
    UErrorCode status = U_ZERO_ERROR;
    ucnv_convertEx(c.to, c.from, &target, chunk.data() + chunk.size(), &source, source_end,
                   c.pivot.data(), &c.pivot_source, &c.pivot_target,
                   c.pivot.data() + c.pivot.size(), !c.started, last, &status);
    c.started = true;
    out.append(chunk.data(), static_cast<std::size_t>(target - chunk.data()));
    if (status != U_BUFFER_OVERFLOW_ERROR) break;
  }
}

std::optional<std::string> detect_western_encoding(std::string_view sample) {
  UErrorCode status = U_ZERO_ERROR;
  UCharsetDetector* detector = ucsdet_open(&status);
  if (U_FAILURE(status)) return std::nullopt;
  ucsdet_setText(detector, sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector, &status);
  std::optional<std::string> found;
  if (U_SUCCESS(status) && match) {
    std::string_view name = ucsdet_getName(match, &status);
    int32_t confidence = ucsdet_getConfidence(match, &status);
    if (U_SUCCESS(status) && confidence >= 20 &&
        (name == "ISO-8859-1" || name == "windows-1252" || name == "ISO-8859-15"))
      found = "windows-1252";
  }
  ucsdet_close(detector);
  return found;
}

}  // namespace rearview::importing
