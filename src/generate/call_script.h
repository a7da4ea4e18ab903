// What is said on a recorded call: turns that pass between our rep and the
// buyers, a few seconds to half a minute each, until the call's length.
#pragma once

#include "call_recordings.h"
#include "messages.h"
#include "random.h"

namespace rearview::generate {

// Fills `call.turns` for a call of `duration_seconds` among `call.speakers`
// (speaker 0 opens). `doubtful`: the buyer may voice red flags.
void script_call(Random& random, CallDraft& call, long long duration_seconds, bool doubtful,
                 const MessageContext& context);

}  // namespace rearview::generate
