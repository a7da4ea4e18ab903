#include "transcript_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <optional>

#include "icu_text.h"
#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

using std::chrono::milliseconds;

struct Line {
  long long number = 0;
  std::string_view text;
};

// Lines end in LF, CRLF or CR, as WebVTT allows.
std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  long long number = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '\n' && text[i] != '\r') continue;
    lines.push_back({number++, text.substr(start, i - start)});
    if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') ++i;
    start = i + 1;
  }
  return lines;
}

// Blocks of lines between blank lines.
std::vector<std::vector<Line>> split_blocks(const std::vector<Line>& lines) {
  std::vector<std::vector<Line>> blocks(1);
  for (const auto& line : lines) {
    if (trim(line.text).empty()) {
      if (!blocks.back().empty()) blocks.emplace_back();
    } else {
      blocks.back().push_back(line);
    }
  }
  if (blocks.back().empty()) blocks.pop_back();
  return blocks;
}

std::optional<long long> digits(std::string_view text, std::size_t most) {
  if (text.empty() || text.size() > most) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool starts_with_word(std::string_view line, std::string_view word) {
  if (!line.starts_with(word)) return false;
  return line.size() == word.size() || line[word.size()] == ' ' || line[word.size()] == '\t';
}

// "&amp;" and the other references cue text may hold; `reference` is what
// lies between '&' and ';'. False when it is none, so the text stays as written.
bool append_reference(std::string& out, std::string_view reference) {
  static constexpr std::pair<std::string_view, std::string_view> kNamed[] = {
      {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"},
      {"nbsp", " "}, {"lrm", ""}, {"rlm", ""}};
  for (auto [name, value] : kNamed)
    if (reference == name) {
      out += value;
      return true;
    }
  if (reference.size() < 2 || reference[0] != '#') return false;
  bool hex = reference[1] == 'x' || reference[1] == 'X';
  std::string_view number = reference.substr(hex ? 2 : 1);
  std::uint32_t code = 0;
  auto [end, error] =
      std::from_chars(number.data(), number.data() + number.size(), code, hex ? 16 : 10);
  if (number.empty() || error != std::errc() || end != number.data() + number.size()) return false;
  append_code_point(out, code);
  return true;
}

// Cue text without its tags (<v Pat>, <i>, <00:00:01.000>, <font ...>),
// with references decoded.
std::string plain_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<') {
      std::size_t close = text.find('>', i);
      if (close == std::string_view::npos) break;  // a tag cut short: the rest is markup
      i = close;
    } else if (c == '&') {
      std::size_t semicolon = text.find(';', i);
      if (semicolon != std::string_view::npos && semicolon - i <= 10 &&
          append_reference(out, text.substr(i + 1, semicolon - i - 1))) {
        i = semicolon;
      } else {
        out += c;
      }
    } else {
      out += c == '\t' ? ' ' : c;
    }
  }
  return out;
}

// The name a WebVTT voice span gives: <v Pat Buyer> or <v.loud Pat Buyer>.
std::string voice_of(std::string_view text) {
  std::size_t at = text.find("<v");
  while (at != std::string_view::npos) {
    std::size_t close = text.find('>', at);
    if (close == std::string_view::npos) return {};
    std::string_view tag = text.substr(at + 2, close - at - 2);
    if (!tag.empty() && (tag[0] == ' ' || tag[0] == '\t' || tag[0] == '.')) {
      std::size_t space = tag.find_first_of(" \t");
      if (space != std::string_view::npos) return collapse_spaces(plain_text(trim(tag.substr(space))));
    }
    at = text.find("<v", close);
  }
  return {};
}

// A speaker named before the words, as Zoom and most SubRip files do:
// "Pat Buyer: words" or "[Pat Buyer] words". A prefix of more than five
// words or sixty bytes is taken as words, not a name.
std::pair<std::string, std::string> split_speaker_prefix(std::string text) {
  std::size_t end = std::string::npos, rest = 0;
  if (text.starts_with('[')) {
    end = text.find(']');
    if (end != std::string::npos) rest = end + 1;
  } else {
    end = text.find(':');
    if (end != std::string::npos && end + 1 < text.size() && text[end + 1] != ' ')
      end = std::string::npos;  // "10:30", "http://"
    if (end != std::string::npos) rest = end + 1;
  }
  if (end == std::string::npos) return {"", std::move(text)};
  std::string name(trim(std::string_view(text).substr(text.starts_with('[') ? 1 : 0,
                                                      text.starts_with('[') ? end - 1 : end)));
  std::size_t words = 1;
  for (char c : name) words += c == ' ';
  if (name.empty() || name.size() > 60 || words > 5) return {"", std::move(text)};
  return {std::move(name), std::string(trim(std::string_view(text).substr(rest)))};
}

struct CueTimes {
  milliseconds start, end;
};

std::optional<CueTimes> parse_timing(std::string_view line) {
  std::size_t arrow = line.find("-->");
  if (arrow == std::string_view::npos) return std::nullopt;
  std::string_view after = trim(line.substr(arrow + 3));
  std::size_t space = after.find_first_of(" \t");  // WebVTT's cue settings follow
  auto start = parse_cue_time(trim(line.substr(0, arrow)));
  auto end = parse_cue_time(after.substr(0, space));
  if (!start || !end) return std::nullopt;
  return CueTimes{*start, *end};
}

class TranscriptParser {
 public:
  explicit TranscriptParser(TranscriptFormat format) : format_(format) {}

  void read_block(const std::vector<Line>& block) {
    std::size_t timing = 0;
    if (block[0].text.find("-->") == std::string_view::npos) timing = 1;  // an identifier first
    if (timing >= block.size() || block[timing].text.find("-->") == std::string_view::npos) {
      problem(block[0].number,
              fmt::format("a cue without its times (\"00:00:01.000 --> 00:00:04.000\"), found "
                          "\"{}\"; skipped",
                          printable(block[timing < block.size() ? timing : 0].text.substr(0, 60))));
      return;
    }
    auto times = parse_timing(block[timing].text);
    if (!times) {
      problem(block[timing].number,
              fmt::format("the cue's times \"{}\" cannot be read; skipped",
                          printable(block[timing].text.substr(0, 80))));
      return;
    }
    if (times->end < times->start) {
      problem(block[timing].number, "the cue ends before it starts; skipped");
      return;
    }
    add_cue(block, timing, *times);
  }

  Transcript take() { return std::move(transcript_); }

 private:
  void add_cue(const std::vector<Line>& block, std::size_t timing, CueTimes times) {
    std::string raw;
    for (std::size_t i = timing + 1; i < block.size(); ++i) {
      if (!raw.empty()) raw += ' ';
      raw += block[i].text;
    }
    TranscriptCue cue{.line = block[timing].number, .start = times.start, .end = times.end};
    cue.speaker = format_ == TranscriptFormat::webvtt ? voice_of(raw) : std::string();
    std::string text = collapse_spaces(plain_text(raw));
    if (cue.speaker.empty()) std::tie(cue.speaker, text) = split_speaker_prefix(std::move(text));
    cue.text = std::move(text);
    if (cue.text.empty()) return;  // nothing said
    transcript_.cues.push_back(std::move(cue));
  }

  void problem(long long line, std::string message) {
    transcript_.problems.push_back({line, std::move(message)});
  }

  TranscriptFormat format_;
  Transcript transcript_;
};

bool is_webvtt_signature(std::string_view first_line) {
  return starts_with_word(first_line, "WEBVTT");
}

}  // namespace

std::optional<milliseconds> parse_cue_time(std::string_view text) {
  std::size_t fraction_at = text.find_last_of(".,");
  if (fraction_at == std::string_view::npos) return std::nullopt;
  auto fraction = digits(text.substr(fraction_at + 1), 3);
  if (!fraction) return std::nullopt;
  long long thousandths = *fraction;
  for (std::size_t n = text.size() - fraction_at - 1; n < 3; ++n) thousandths *= 10;
  std::string_view clock = text.substr(0, fraction_at);
  std::vector<long long> parts;
  while (true) {
    std::size_t colon = clock.find(':');
    auto part = digits(clock.substr(0, colon), parts.empty() ? 6 : 2);
    if (!part) return std::nullopt;
    parts.push_back(*part);
    if (colon == std::string_view::npos) break;
    clock.remove_prefix(colon + 1);
  }
  if (parts.size() < 2 || parts.size() > 3) return std::nullopt;
  if (parts.size() == 2) parts.insert(parts.begin(), 0);
  if (parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return milliseconds(((parts[0] * 60 + parts[1]) * 60 + parts[2]) * 1000 + thousandths);
}

Result<Transcript> read_transcript(std::string_view text, TranscriptFormat format) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto lines = split_lines(text);
  auto blocks = split_blocks(lines);
  std::size_t first = 0;
  if (format == TranscriptFormat::webvtt) {
    if (lines.empty() || !is_webvtt_signature(lines[0].text))
      return fail(ErrorCode::invalid_input, "a WebVTT file must start with the line WEBVTT",
                  "give the recorder's .vtt transcript, or name a SubRip file .srt");
    first = 1;  // the header block
  }
  TranscriptParser parser(format);
  for (std::size_t i = first; i < blocks.size(); ++i) {
    std::string_view head = blocks[i][0].text;
    if (format == TranscriptFormat::webvtt &&
        (starts_with_word(head, "NOTE") || starts_with_word(head, "STYLE") ||
         starts_with_word(head, "REGION")))
      continue;
    parser.read_block(blocks[i]);
  }
  return parser.take();
}

}  // namespace rearview::importing
