// A call's text as rearview keeps it: one paragraph per speaker turn, headed
// by where in the recording the turn began and who spoke:
// "[1:05] Pat Buyer: words ..." ("[1:02:05]" past an hour; no name when the
// transcript gave none). The call import writes it, the trackers read it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/model.h"

namespace rearview {

// "[1:05] Pat Buyer: " (or "[1:05] " without a speaker).
std::string turn_heading(long long start_seconds, std::string_view speaker);

struct TranscriptTurn {
  std::optional<long long> start_seconds;  // none: the line has no heading
  std::string_view speaker;
  std::string_view words;
};

// One paragraph of a call's text, taken apart again.
TranscriptTurn read_turn(std::string_view line);

// Who a transcript's speaker is among the call's participants: the same
// name (case and spacing aside), else the one participant whose name starts
// with it ("Pat" for "Pat Buyer") or whose address it is. None: nobody.
const Participant* find_speaker(const std::vector<Participant>& participants,
                                std::string_view speaker);

}  // namespace rearview
