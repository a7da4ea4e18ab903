// Reading a call recorder's transcript: WebVTT (.vtt) or SubRip (.srt) cues,
// each with its times, its speaker and its words.
//
// Written by hand: no maintained C or C++ library in Debian reads WebVTT
// voice spans (<v Name>) and reports a damaged cue by its line; libavformat's
// demuxers hand over cue text only, without either.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/error.h"

namespace rearview::importing {

enum class TranscriptFormat { webvtt, srt };

struct TranscriptCue {
  long long line = 0;  // of its timing line
  std::chrono::milliseconds start{}, end{};  // from the start of the recording
  // From a voice span (<v Pat Buyer>) or a "Pat Buyer: " prefix; empty when
  // the cue names nobody.
  std::string speaker;
  std::string text;  // tags removed, character references decoded, lines joined
};

struct TranscriptProblem {
  long long line = 0;
  std::string message;
};

struct Transcript {
  std::vector<TranscriptCue> cues;         // in the file's order
  std::vector<TranscriptProblem> problems;  // cues that could not be read: skipped
};

// Fails with invalid_input when the text is not a transcript at all (a
// WebVTT file without its WEBVTT line); a damaged cue is a problem and is
// skipped on its own. `text` must be UTF-8.
Result<Transcript> read_transcript(std::string_view text, TranscriptFormat format);

// "00:01:02.500" (WebVTT) or "00:01:02,500" (SubRip); minutes and seconds
// alone ("01:02.500") as WebVTT allows. Nothing for anything else.
std::optional<std::chrono::milliseconds> parse_cue_time(std::string_view text);

}  // namespace rearview::importing
