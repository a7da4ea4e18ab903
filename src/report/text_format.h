// How values read in every human-facing format (HTML, Markdown, PDF), so the
// three say the same thing in the same words.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/analysis/postmortem.h"
#include "rearview/core/model.h"
#include "rearview/core/time_zone.h"

namespace rearview::report {

// Times and dates as the report's zone shows them (TimeZone::format).
std::string display_time(Timestamp time, const TimeZone& zone);  // 2024-01-10 16:04 CET
std::string display_time(const std::optional<Timestamp>& time, const TimeZone& zone,
                         std::string_view absent);
std::string display_day(Timestamp time, const TimeZone& zone);  // 2024-01-10, the local date
std::string display_days(double days);      // 1 day, 12 days, 12.5 days
std::string display_decimal(double value);  // 5, 5.5 (one decimal at most)
std::string display_amount(const std::optional<double>& amount, std::string_view currency);
std::string display_score(double score);  // 0..100, whole points
std::string display_effect(double effect);
std::string display_duration(long long seconds);  // 30 min, 1 h 5 min  // +5, -12.5
// "we talked 62%, the buyer 38%, 24 turns" (", 3 min unattributed" when some was)
std::string display_talk(const CallTalk& talk);
// A tracker's hits as shown: the phrases of one tracker found in the same
// words, said by the same person at the same moment, are one line, so that
// "legal" and "contract terms" in one sentence do not repeat it.
struct HitLine {
  std::string tracker;
  std::string phrases;  // "\"list price\" (3 times), \"discount\""
  std::string excerpt;  // untrusted text
  std::string source;   // "said by Pat Buyer at 4:05", "said by the buyer", or ""
};
std::vector<HitLine> hit_lines(const std::vector<TrackerHit>& hits);
// In one line: "pricing, "list price" (3 times), said by Pat Buyer at 4:05:
// …the list price comes to…".
std::string display_hit_line(const HitLine& line);

std::string_view outcome_label(Outcome outcome);               // Won, Lost, Open
std::string_view level_name(ReportLevel level);                // short, full (as in the JSON)
std::string_view level_label(ReportLevel level);               // Short postmortem, Full postmortem
std::string_view item_kind_label(std::string_view kind);       // "Email", "Stage change"
std::string_view direction_label(std::string_view direction);  // "Inbound, from the buyer"
std::string tell_label(std::string_view kind);                 // "Buyer went quiet"
// "From the CRM (record 00T1); linked: the CRM record names the opportunity (score 1.00)"
std::string origin_text(const ItemOrigin& origin);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

// Replaces bytes that are not UTF-8 with U+FFFD: JSON parsers and Pango
// reject them, and CRM exports do not always hold what they claim.
std::string valid_utf8(std::string_view text);
bool is_valid_utf8(std::string_view text);
// The length of the well-formed UTF-8 sequence starting at `position`, or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t position);
inline constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

// C0 controls other than tab, line feed and carriage return, and DEL: a NUL
// or an escape sequence from a CRM field must not reach a file or terminal.
constexpr bool is_unprintable_control(unsigned char byte) {
  return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
}

// Calls sink(std::string_view) with the pieces of `text`, each byte that is
// not UTF-8 and each unprintable control replaced by U+FFFD. Every format
// writes outside text through this.
template <typename Sink>
void visit_printable(std::string_view text, Sink&& sink) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : utf8_sequence_length(text, i);
    if (length != 0 && !is_unprintable_control(byte)) {
      i += length;
      continue;
    }
    sink(text.substr(start, i - start));
    sink(kReplacementCharacter);
    start = ++i;
  }
  sink(text.substr(start));
}

// `text` with what visit_printable replaces replaced.
std::string printable_text(std::string_view text);

}  // namespace rearview::report
