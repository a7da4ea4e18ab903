// The call transcript readers (WebVTT, SubRip) and the sidecar on arbitrary
// bytes: no crash or hang; every cue forward in the file, ending after it
// starts, saying something in valid UTF-8; talk never more than the cues hold.
#include <cstdlib>

#include "call_sidecar.h"
#include "call_writer.h"
#include "fuzz_support.h"
#include "icu_text.h"
#include "rearview/importers/csv_reader.h"
#include "transcript_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace rearview::importing;
  std::string text = valid_utf8(rearview::fuzz::as_text(data, size));
  (void)parse_call_sidecar(text);
  for (auto format : {TranscriptFormat::webvtt, TranscriptFormat::srt}) {
    auto transcript = read_transcript(text, format);
    if (!transcript) continue;
    long long last_line = 0, spoken_ms = 0;
    for (const auto& cue : transcript->cues) {
      if (cue.line <= last_line || cue.end < cue.start || cue.text.empty()) std::abort();
      if (rearview::find_invalid_utf8(cue.text) || rearview::find_invalid_utf8(cue.speaker))
        std::abort();
      last_line = cue.line;
      spoken_ms += (cue.end - cue.start).count();
    }
    std::vector<Side> sides(transcript->cues.size(), Side::buyer);
    auto talk = count_talk(transcript->cues, sides);
    if (talk.buyer_seconds * 1000 > spoken_ms + 500 || talk.our_seconds != 0) std::abort();
    if (talk.speaker_turns > static_cast<long long>(transcript->cues.size())) std::abort();
  }
  return 0;
}
