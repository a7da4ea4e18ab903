#include "rearview/core/transcript_text.h"

#include <fmt/format.h>

#include <charconv>

#include "rearview/core/text.h"

namespace rearview {
namespace {

constexpr std::size_t kLongestClock = 12;    // "[100:00:00]"
constexpr std::size_t kLongestSpeaker = 80;  // longer: words, not a name

// "1:05" or "1:02:05" as seconds.
std::optional<long long> clock_seconds(std::string_view clock) {
  long long total = 0;
  int parts = 0;
  while (!clock.empty()) {
    auto colon = clock.find(':');
    std::string_view part = clock.substr(0, colon);
    long long value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size() || part.empty()) return {};
    if (parts > 0 && (part.size() != 2 || value > 59)) return {};
    total = total * 60 + value;
    ++parts;
    clock = colon == std::string_view::npos ? std::string_view() : clock.substr(colon + 1);
  }
  if (parts < 2 || parts > 3) return {};
  return total;
}

std::string name_key(std::string_view name) { return collapse_spaces(lower(trim(name))); }

}  // namespace

std::string turn_heading(long long start_seconds, std::string_view speaker) {
  long long s = start_seconds;
  std::string heading = s >= 3600 ? fmt::format("[{}:{:02}:{:02}] ", s / 3600, s / 60 % 60, s % 60)
                                  : fmt::format("[{}:{:02}] ", s / 60, s % 60);
  if (!speaker.empty()) heading += fmt::format("{}: ", speaker);
  return heading;
}

TranscriptTurn read_turn(std::string_view line) {
  TranscriptTurn turn{.words = line};
  auto close = line.find("] ");
  if (!line.starts_with('[') || close == std::string_view::npos || close > kLongestClock)
    return turn;
  auto seconds = clock_seconds(line.substr(1, close - 1));
  if (!seconds) return turn;
  turn.start_seconds = seconds;
  std::string_view rest = line.substr(close + 2);
  auto colon = rest.find(": ");
  if (colon != std::string_view::npos && colon > 0 && colon <= kLongestSpeaker) {
    turn.speaker = rest.substr(0, colon);
    rest = rest.substr(colon + 2);
  }
  turn.words = rest;
  return turn;
}

const Participant* find_speaker(const std::vector<Participant>& participants,
                                std::string_view speaker) {
  std::string key = name_key(speaker);
  if (key.empty()) return nullptr;
  const Participant* by_prefix = nullptr;
  int prefixes = 0;
  for (const auto& participant : participants) {
    std::string name = name_key(participant.name);
    if (name == key || (!participant.address.empty() && participant.address == key))
      return &participant;
    if (name.starts_with(key + " ")) {
      by_prefix = &participant;
      ++prefixes;
    }
  }
  return prefixes == 1 ? by_prefix : nullptr;
}

}  // namespace rearview
