#include "call_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "rearview/core/direction.h"
#include "rearview/core/text.h"
#include "rearview/core/transcript_text.h"

namespace rearview::importing {
namespace {

using std::chrono::milliseconds;


long long whole_seconds(milliseconds time) { return (time.count() + 500) / 1000; }

std::vector<Side> sides_of(const std::vector<TranscriptCue>& cues,
                           const std::vector<Participant>& participants, const Settings& settings) {
  std::vector<Side> sides;
  for (const auto& cue : cues) {
    const Participant* who = find_speaker(participants, cue.speaker);
    if (cue.speaker.empty()) sides.push_back(sides.empty() ? Side::unknown : sides.back());
    else if (!who) sides.push_back(Side::unknown);
    else sides.push_back(is_ours(*who, settings) ? Side::ours : Side::buyer);
  }
  return sides;
}

// The words said, one paragraph per turn: "[1:05] Pat Buyer: ...".
std::string transcript_text(const std::vector<TranscriptCue>& cues) {
  std::string text, speaker;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const auto& cue = cues[i];
    bool same_turn = i > 0 && (cue.speaker.empty() || cue.speaker == speaker);
    if (same_turn) {
      text += ' ';
    } else {
      if (!text.empty()) text += '\n';
      text += turn_heading(cue.start.count() / 1000, cue.speaker);
      speaker = cue.speaker;
    }
    text += cue.text;
  }
  return text;
}

}  // namespace

Id call_id(const std::string& source_id) { return "call:" + source_id; }

CallTalk count_talk(const std::vector<TranscriptCue>& cues, const std::vector<Side>& sides) {
  CallTalk talk;
  milliseconds ours{}, buyer{}, unknown{};
  std::string speaker;
  for (std::size_t i = 0; i < cues.size(); ++i) {
    const auto& cue = cues[i];
    if (i == 0 || (!cue.speaker.empty() && cue.speaker != speaker)) {
      ++talk.speaker_turns;
      if (!cue.speaker.empty()) speaker = cue.speaker;
    }
    milliseconds spoken = cue.end - cue.start;
    (sides[i] == Side::ours ? ours : sides[i] == Side::buyer ? buyer : unknown) += spoken;
  }
  talk.our_seconds = whole_seconds(ours);
  talk.buyer_seconds = whole_seconds(buyer);
  talk.unattributed_seconds = whole_seconds(unknown);
  return talk;
}

Result<Interaction> call_from(const CallSidecar& sidecar, const Transcript& transcript,
                              AddressBook& book, const Settings& settings) {
  Interaction call{.id = call_id(sidecar.id),
                   .kind = InteractionKind::call,
                   .subject = sidecar.title,
                   .body = transcript_text(transcript.cues),
                   .occurred_at = sidecar.started_at,
                   .source_object = "transcript",
                   .source = SourceKind::transcript,
                   .source_id = sidecar.id};
  for (const auto& person : sidecar.participants) {
    auto participant = book.participant(ParticipantRole::attendee, person.email, person.name);
    if (!participant) return std::unexpected(participant.error());
    if (!call.owner_id && participant->user_id) call.owner_id = participant->user_id;
    call.participants.push_back(std::move(*participant));
  }
  milliseconds end{};
  for (const auto& cue : transcript.cues) end = std::max(end, cue.end);
  call.duration_seconds = whole_seconds(end);
  call.talk = count_talk(transcript.cues, sides_of(transcript.cues, call.participants, settings));
  call.direction = classify_email(sidecar.direction ? std::optional(*sidecar.direction ==
                                                                    Direction::inbound)
                                                    : std::nullopt,
                                  call.participants, settings);
  return call;
}

}  // namespace rearview::importing
