// A transcript and its sidecar made into one call: participants resolved to
// contacts and users, each speaker to a participant and so to a side, the
// talk counted, the words as the call's text.
#pragma once

#include "address_book.h"
#include "call_sidecar.h"
#include "rearview/core/model.h"
#include "rearview/core/settings.h"
#include "transcript_reader.h"

namespace rearview::importing {

// The interaction's id for a call: "call:" and the recorder's id.
Id call_id(const std::string& source_id);

// Speaker turns and talk time by side. `sides[i]` is the side of cue i's
// speaker: a cue without a speaker continues the one before it.
enum class Side { ours, buyer, unknown };
CallTalk count_talk(const std::vector<TranscriptCue>& cues, const std::vector<Side>& sides);

Result<Interaction> call_from(const CallSidecar& sidecar, const Transcript& transcript,
                              AddressBook& book, const Settings& settings);

}  // namespace rearview::importing
