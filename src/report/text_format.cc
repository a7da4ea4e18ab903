#include "text_format.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "rearview/core/number_text.h"

namespace rearview::report {
namespace {

struct Label {
  std::string_view key;
  std::string_view text;
};

constexpr std::array kItemKindLabels{
    Label{"email", "Email"},
    Label{"meeting", "Meeting"},
    Label{"call", "Call"},
    Label{"note", "Note"},
    Label{"stage", "Stage change"},
    Label{"amount", "Amount change"},
    Label{"close_date", "Close date change"},
    Label{"milestone", "Milestone"},
    Label{"created", "Created"},
    Label{"closed", "Closed"},
};

constexpr std::array kDirectionLabels{
    Label{"inbound", "Inbound, from the buyer"},
    Label{"outbound", "Outbound, to the buyer"},
    Label{"internal", "Internal"},
    Label{"unknown", "Direction unknown"},
};

constexpr std::array kTellLabels{
    Label{"no_activity", "No activity"},
    Label{"ghosted", "Buyer went quiet"},
    Label{"single_threaded", "Single-threaded"},
    Label{"no_senior_contact", "No senior contact"},
    Label{"close_date_pushed", "Close date pushed"},
    Label{"stalled", "Stalled in a stage"},
    Label{"close_date_overdue", "Close date overdue"},
    Label{"amount_decreased", "Amount decreased"},
    Label{"no_next_meeting", "No next meeting"},
    Label{"competitor_named", "Competitor named"},
    Label{"red_flag", "Red flag raised"},
    Label{"topic_not_discussed", "Topic not discussed"},
};

template <std::size_t N>
std::optional<std::string_view> find_label(const std::array<Label, N>& labels,
                                           std::string_view key) {
  for (const auto& label : labels)
    if (label.key == key) return label.text;
  return std::nullopt;
}

// Beyond this, whole digits of a count of days or points are noise, and
// multiplying by 10 to round could overflow: such values read as 1.23e+17.
constexpr double kLargestPlainNumber = 1e15;

// How a value reads when it is not an ordinary number, if it is not.
std::optional<std::string> unusual_number(double value) {
  if (!std::isfinite(value)) return std::string(kNotANumberText);
  if (std::fabs(value) >= kLargestPlainNumber) return fmt::format("{:.3g}", value);
  return std::nullopt;
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool within(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

}  // namespace

std::string display_time(Timestamp time, const TimeZone& zone) { return zone.format(time); }

std::string display_time(const std::optional<Timestamp>& time, const TimeZone& zone,
                         std::string_view absent) {
  return time ? display_time(*time, zone) : std::string(absent);
}

std::string display_day(Timestamp time, const TimeZone& zone) {
  return format_date(zone.local_date(time));
}

std::string display_decimal(double value) {
  if (auto unusual = unusual_number(value)) return *unusual;
  double rounded = std::round(value * 10) / 10;
  if (rounded == std::round(rounded)) return fmt::format("{:.0f}", rounded);
  return fmt::format("{:.1f}", rounded);
}

std::string display_days(double days) {
  if (!std::isfinite(days)) return std::string(kNotANumberText);
  std::string number = display_decimal(days);
  return number == "1" ? "1 day" : number + " days";
}

std::string display_amount(const std::optional<double>& amount, std::string_view currency) {
  if (!amount || !std::isfinite(*amount)) return "not set";
  std::string number = grouped_amount(*amount);
  if (currency.empty()) return number;
  return fmt::format("{} {}", currency, number);
}

std::string display_score(double score) {
  if (auto unusual = unusual_number(score)) return *unusual;
  return fmt::format("{:.0f}", std::round(score));
}

std::string display_effect(double effect) {
  if (!std::isfinite(effect)) return std::string(kNotANumberText);
  std::string number = display_decimal(effect);
  return number.starts_with('-') ? number : "+" + number;
}

std::string display_duration(long long seconds) {
  long long minutes = started_minutes(seconds);
  if (minutes < 60) return fmt::format("{} min", minutes);
  if (minutes % 60 == 0) return fmt::format("{} h", minutes / 60);
  return fmt::format("{} h {} min", minutes / 60, minutes % 60);
}

std::string display_talk(const CallTalk& talk) {
  std::string text;
  if (auto share = our_talk_share(talk)) {
    long long ours = std::lround(*share * 100);
    text = fmt::format("we talked {}%, the buyer {}%, ", ours, 100 - ours);
  }
  text += fmt::format("{} {}", talk.speaker_turns, talk.speaker_turns == 1 ? "turn" : "turns");
  if (talk.unattributed_seconds > 0)
    text += fmt::format(", {} unattributed", display_duration(talk.unattributed_seconds));
  return text;
}

namespace {

std::string hit_source_text(const TrackerHit& hit) {
  std::string who = !hit.speaker.empty()            ? hit.speaker
                    : hit.said_by == SaidBy::buyer  ? std::string("the buyer")
                    : hit.said_by == SaidBy::ours   ? std::string("our side")
                                                    : std::string();
  std::string text = who.empty() ? std::string() : "said by " + who;
  if (hit.cue_seconds) {
    if (!text.empty()) text += ' ';
    text += fmt::format("at {}:{:02}", *hit.cue_seconds / 60, *hit.cue_seconds % 60);
  }
  return text;
}

std::string phrase_text(const TrackerHit& hit) {
  std::string text = fmt::format("\"{}\"", hit.phrase);
  if (hit.mentions > 1) text += fmt::format(" ({} times)", hit.mentions);
  return text;
}

}  // namespace

std::vector<HitLine> hit_lines(const std::vector<TrackerHit>& hits) {
  std::vector<HitLine> lines;
  for (const auto& hit : hits) {
    HitLine line{hit.tracker, phrase_text(hit), hit.excerpt, hit_source_text(hit)};
    auto same = std::find_if(lines.begin(), lines.end(), [&](const HitLine& known) {
      return known.tracker == line.tracker && known.excerpt == line.excerpt &&
             known.source == line.source;
    });
    if (same == lines.end()) lines.push_back(std::move(line));
    else same->phrases += ", " + line.phrases;
  }
  return lines;
}

std::string display_hit_line(const HitLine& line) {
  std::string text = fmt::format("{}, {}", line.tracker, line.phrases);
  if (!line.source.empty()) text += ", " + line.source;
  return text + ": " + line.excerpt;
}

std::string_view outcome_label(Outcome outcome) {
  switch (outcome) {
    case Outcome::won:
      return "Won";
    case Outcome::lost:
      return "Lost";
    case Outcome::open:
      break;
  }
  return "Open";
}

std::string_view level_name(ReportLevel level) {
  return level == ReportLevel::short_form ? "short" : "full";
}

std::string_view level_label(ReportLevel level) {
  return level == ReportLevel::short_form ? "Short postmortem" : "Full postmortem";
}

std::string_view item_kind_label(std::string_view kind) {
  return find_label(kItemKindLabels, kind).value_or(kind);
}

std::string_view direction_label(std::string_view direction) {
  return find_label(kDirectionLabels, direction).value_or(direction);
}

std::string tell_label(std::string_view kind) {
  if (auto label = find_label(kTellLabels, kind)) return std::string(*label);
  // A kind added by a newer analysis still reads as words.
  std::string words(kind);
  for (char& c : words)
    if (c == '_') c = ' ';
  if (!words.empty() && words[0] >= 'a' && words[0] <= 'z') words[0] = char(words[0] - 'a' + 'A');
  return words;
}

std::string origin_text(const ItemOrigin& origin) {
  std::string_view source = "the CRM (record";
  switch (origin.source) {
    case SourceKind::crm: break;
    case SourceKind::mailbox: source = "a mailbox (Message-ID"; break;
    case SourceKind::calendar: source = "a calendar (event"; break;
    case SourceKind::transcript: source = "a call transcript (id"; break;
  }
  std::string text = fmt::format("From {} {})", source, origin.source_id);
  if (origin.rule.empty()) return text;
  return fmt::format("{}; linked by {}: {} (score {:.2f})", text, to_string(origin.method),
                     origin.rule, origin.score);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const auto& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::size_t utf8_sequence_length(std::string_view text, std::size_t position) {
  auto byte = [&](std::size_t offset) -> unsigned char {
    return position + offset < text.size() ? static_cast<unsigned char>(text[position + offset])
                                           : 0;
  };
  unsigned char lead = byte(0);
  if (lead < 0x80) return position < text.size() ? 1 : 0;
  // The ranges of the second byte exclude overlong forms and surrogates.
  if (within(lead, 0xC2, 0xDF)) return is_continuation(byte(1)) ? 2 : 0;
  if (within(lead, 0xE0, 0xEF)) {
    unsigned char low = lead == 0xE0 ? 0xA0 : 0x80;
    unsigned char high = lead == 0xED ? 0x9F : 0xBF;
    return within(byte(1), low, high) && is_continuation(byte(2)) ? 3 : 0;
  }
  if (within(lead, 0xF0, 0xF4)) {
    unsigned char low = lead == 0xF0 ? 0x90 : 0x80;
    unsigned char high = lead == 0xF4 ? 0x8F : 0xBF;
    return within(byte(1), low, high) && is_continuation(byte(2)) && is_continuation(byte(3)) ? 4
                                                                                              : 0;
  }
  return 0;
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t position = 0; position < text.size();) {
    std::size_t length = utf8_sequence_length(text, position);
    if (length == 0) return false;
    position += length;
  }
  return true;
}

std::string printable_text(std::string_view text) {
  std::string printable;
  printable.reserve(text.size());
  visit_printable(text, [&](std::string_view piece) { printable.append(piece); });
  return printable;
}

std::string valid_utf8(std::string_view text) {
  if (is_valid_utf8(text)) return std::string(text);
  std::string repaired;
  repaired.reserve(text.size() + 8);
  for (std::size_t position = 0; position < text.size();) {
    std::size_t length = utf8_sequence_length(text, position);
    if (length == 0) {
      repaired += kReplacementCharacter;
      ++position;
    } else {
      repaired.append(text.substr(position, length));
      position += length;
    }
  }
  return repaired;
}

}  // namespace rearview::report
