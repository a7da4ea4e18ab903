#include "rearview/trackers/tracker_scan.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "rearview/core/direction.h"
#include "rearview/core/stable_hash.h"
#include "rearview/core/text.h"
#include "rearview/core/transcript_text.h"
#include "word_stems.h"

namespace rearview::trackers {
namespace {

// Bumped when the way hits are found changes: every interaction is scanned again.
constexpr std::string_view kScanVersion = "trackers 1";
constexpr std::size_t kExcerptReach = 70;  // bytes either side of a hit

struct CompiledPhrase {
  int tracker = 0;
  std::string phrase;
  std::vector<std::string> stems;
};

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The words around [begin, end) of `line`, cut at spaces, "…" where cut.
std::string excerpt_of(std::string_view line, std::size_t begin, std::size_t end) {
  std::size_t from = begin > kExcerptReach ? begin - kExcerptReach : 0;
  std::size_t to = std::min(line.size(), end + kExcerptReach);
  if (from > 0) {
    auto space = line.find(' ', from);
    from = space != std::string_view::npos && space < begin ? space + 1 : from;
    while (from < begin && is_continuation_byte(line[from])) ++from;
  }
  if (to < line.size()) {
    auto space = line.rfind(' ', to);
    to = space != std::string_view::npos && space >= end ? space : to;
    while (to > end && is_continuation_byte(line[to])) --to;
  }
  std::string text = collapse_spaces(line.substr(from, to - from));
  if (from > 0) text = "…" + text;
  if (to < line.size()) text += "…";
  return text;
}

SaidBy side_of(const Participant& participant, const Settings& settings) {
  return is_ours(participant, settings) ? SaidBy::ours : SaidBy::buyer;
}

// Who wrote a message, a meeting's description or a note.
SaidBy author_side(const InteractionText& text, const Settings& settings) {
  if (text.kind == InteractionKind::email) {
    if (text.direction == Direction::inbound) return SaidBy::buyer;
    if (text.direction == Direction::outbound || text.direction == Direction::internal)
      return SaidBy::ours;
  }
  for (auto role : {ParticipantRole::from, ParticipantRole::owner})
    for (const auto& participant : text.participants)
      if (participant.role == role) return side_of(participant, settings);
  // Logged in the CRM by one of us.
  return text.source == SourceKind::crm ? SaidBy::ours : SaidBy::unknown;
}

// A transcript's speaker by the participant of that name, as the call
// import resolved them.
SaidBy speaker_side(std::string_view speaker, const InteractionText& text, const Settings& settings) {
  const Participant* who = find_speaker(text.participants, speaker);
  return who ? side_of(*who, settings) : SaidBy::unknown;
}

bool is_quoted_history_start(std::string_view line) {
  std::string_view trimmed = trim(line);
  return trimmed.starts_with("-----Original Message-----") ||
         (trimmed.starts_with("On ") && trimmed.ends_with("wrote:"));
}

// The passages of an interaction a tracker reads, each with who said it:
// the subject; then the text a line at a time, leaving out quoted lines and
// the history below "On ... wrote:"; a transcript's turns with their cue.
struct Passage {
  std::string_view text;
  SaidBy said_by = SaidBy::unknown;
  std::optional<long long> cue_seconds;
  std::string_view speaker;
};

std::vector<Passage> passages_of(const InteractionText& text, const Settings& settings) {
  std::vector<Passage> passages;
  SaidBy author = author_side(text, settings);
  if (!text.subject.empty()) passages.push_back(Passage{text.subject, author});
  bool transcript = text.source == SourceKind::transcript;
  std::string_view body = text.body;
  while (!body.empty()) {
    auto newline = body.find('\n');
    std::string_view line = body.substr(0, newline);
    body = newline == std::string_view::npos ? std::string_view() : body.substr(newline + 1);
    if (transcript) {
      TranscriptTurn turn = read_turn(line);
      passages.push_back(Passage{turn.words, speaker_side(turn.speaker, text, settings),
                                 turn.start_seconds, turn.speaker});
      continue;
    }
    if (is_quoted_history_start(line)) break;
    if (trim(line).starts_with('>')) continue;
    passages.push_back(Passage{line, author});
  }
  return passages;
}

}  // namespace

std::vector<std::string> competitor_names(std::vector<std::string> field_values) {
  static const std::vector<std::string> kNotANames = {
      "none", "other", "others", "n/a", "na", "unknown", "no competitor", "-", "tbd", "null"};
  std::vector<std::string> names;
  for (auto& value : field_values) {
    std::string name = collapse_spaces(value);
    if (name.size() < 2) continue;
    if (std::find(kNotANames.begin(), kNotANames.end(), lower(name)) != kNotANames.end()) continue;
    names.push_back(std::move(name));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

struct TrackerScanner::Parts {
  Settings settings;
  std::unique_ptr<WordStems> stems;
  std::vector<CompiledPhrase> phrases;
  std::unordered_map<std::string, std::vector<int>> by_first_stem;
  std::uint64_t fingerprint = 0;

  Result<void> add(int tracker, const std::string& phrase) {
    CompiledPhrase compiled{tracker, phrase, {}};
    for (auto& word : stems->words(phrase)) compiled.stems.push_back(std::move(word.stem));
    if (compiled.stems.empty())
      return fail(ErrorCode::config,
                  fmt::format("trackers.{}: the phrase \"{}\" has no word in it",
                              settings.trackers.trackers[std::size_t(tracker)].name, phrase));
    // "price" and "pricing" are one phrase once stemmed: the first spelling names it.
    for (const auto& known : phrases)
      if (known.tracker == tracker && known.stems == compiled.stems) return {};
    by_first_stem[compiled.stems.front()].push_back(int(phrases.size()));
    phrases.push_back(std::move(compiled));
    return {};
  }

  // The phrases that match at word `at`, longest first.
  std::vector<int> longest_first_at(const std::vector<Word>& words, std::size_t at) const {
    std::vector<int> matching;
    auto candidates = by_first_stem.find(words[at].stem);
    if (candidates == by_first_stem.end()) return matching;
    for (int index : candidates->second)
      if (matches_at(phrases[std::size_t(index)], words, at)) matching.push_back(index);
    std::stable_sort(matching.begin(), matching.end(), [&](int a, int b) {
      return phrases[std::size_t(a)].stems.size() > phrases[std::size_t(b)].stems.size();
    });
    return matching;
  }

  bool matches_at(const CompiledPhrase& phrase, const std::vector<Word>& words,
                  std::size_t at) const {
    if (at + phrase.stems.size() > words.size()) return false;
    for (std::size_t i = 1; i < phrase.stems.size(); ++i)
      if (words[at + i].stem != phrase.stems[i]) return false;
    return true;
  }
};

TrackerScanner::TrackerScanner(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}
TrackerScanner::~TrackerScanner() = default;

Result<std::unique_ptr<TrackerScanner>> TrackerScanner::create(
    const Settings& settings, const std::vector<std::string>& crm_competitors) {
  auto parts = std::make_unique<Parts>();
  parts->settings = settings;
  auto stems = WordStems::open(settings.trackers.language);
  if (!stems) return std::unexpected(stems.error());
  parts->stems = std::move(*stems);
  std::string described = fmt::format("{}\nlanguage {}\nours {}\n", kScanVersion,
                                      settings.trackers.language,
                                      fmt::join(settings.company_email_domains, ","));
  const auto& trackers = settings.trackers.trackers;
  for (std::size_t t = 0; t < trackers.size(); ++t) {
    std::vector<std::string> phrases = trackers[t].phrases;
    if (trackers[t].role == TrackerRole::competitor && settings.trackers.competitors_from_crm)
      phrases.insert(phrases.end(), crm_competitors.begin(), crm_competitors.end());
    described += fmt::format("tracker {}|{}|{}|{}\n", trackers[t].name, int(trackers[t].role),
                             trackers[t].buyer_only, fmt::join(phrases, "|"));
    for (const auto& phrase : phrases)
      if (auto added = parts->add(int(t), phrase); !added) return std::unexpected(added.error());
  }
  parts->fingerprint = stable_hash(described);
  return std::unique_ptr<TrackerScanner>(new TrackerScanner(std::move(parts)));
}

std::uint64_t TrackerScanner::fingerprint() const { return parts_->fingerprint; }

std::vector<TrackerHit> TrackerScanner::scan(const InteractionText& text) {
  const auto& trackers = parts_->settings.trackers.trackers;
  std::map<int, TrackerHit> first_by_phrase;  // in phrase order: the same on every run
  for (const Passage& passage : passages_of(text, parts_->settings)) {
    std::vector<Word> words = parts_->stems->words(passage.text);
    // Per tracker, the word its last hit ended at: "list price" is one hit,
    // not one of "list price" and another of "price".
    std::vector<std::size_t> covered_until(trackers.size(), 0);
    for (std::size_t at = 0; at < words.size(); ++at) {
      for (int index : parts_->longest_first_at(words, at)) {
        const CompiledPhrase& phrase = parts_->phrases[std::size_t(index)];
        const Tracker& tracker = trackers[std::size_t(phrase.tracker)];
        if (tracker.buyer_only && passage.said_by != SaidBy::buyer) continue;
        if (at < covered_until[std::size_t(phrase.tracker)]) continue;
        covered_until[std::size_t(phrase.tracker)] = at + phrase.stems.size();
        auto [hit, first] = first_by_phrase.try_emplace(index);
        if (!first) {
          ++hit->second.mentions;
          continue;
        }
        std::size_t end = words[at + phrase.stems.size() - 1].end;
        hit->second = TrackerHit{
            .tracker = tracker.name,
            .phrase = phrase.phrase,
            .excerpt = excerpt_of(passage.text, words[at].begin, end),
            .at = text.occurred_at + std::chrono::seconds(passage.cue_seconds.value_or(0)),
            .cue_seconds = passage.cue_seconds,
            .speaker = std::string(passage.speaker),
            .said_by = passage.said_by};
      }
    }
  }
  std::vector<TrackerHit> hits;
  for (auto& [index, hit] : first_by_phrase) hits.push_back(std::move(hit));
  std::stable_sort(hits.begin(), hits.end(),
                   [](const TrackerHit& a, const TrackerHit& b) { return a.at < b.at; });
  return hits;
}

}  // namespace rearview::trackers
