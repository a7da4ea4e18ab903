#include "call_script.h"

namespace rearview::generate {

void script_call(Random& random, CallDraft& call, long long duration_seconds, bool doubtful,
                 const MessageContext& context) {
  const long long end_ms = duration_seconds * 1000;
  long long at = random.between(500, 3000);
  std::size_t speaker = 0;
  while (true) {
    // On calls of deals that will be lost our side does more of the talking.
    const bool seller = call.speakers[speaker].ours;
    const long long longest = seller && doubtful ? 450 : 300;
    const long long length = random.between(30, longest) * 100;  // 3 to 30 (45) seconds, in tenths
    if (at + length > end_ms && !call.turns.empty()) break;
    call.turns.push_back({.speaker = speaker,
                          .start_ms = at,
                          .end_ms = at + length,
                          .text = spoken_line(random, seller, doubtful, context)});
    at += length + random.between(2, 15) * 100;
    // The next speaker is anyone but this one.
    std::size_t next = std::size_t(random.below(call.speakers.size() - 1));
    speaker = next >= speaker ? next + 1 : next;
  }
}

}  // namespace rearview::generate
