#include "call_writer.h"

#include <fmt/format.h>

#include <algorithm>

#include "rearview/core/direction.h"
#include "rearview/core/text.h"

namespace rearview::importing {
namespace {

using std::chrono::milliseconds;

std::string name_key(std::string_view name) { return collapse_spaces(lower(trim(name))); }

long long whole_seconds(milliseconds time) { return (time.count() + 500) / 1000; }

// [1:05] or [1:02:05]: where in the recording a turn began.
std::string cue_clock(milliseconds at) {
  long long seconds = at.count() / 1000;
  if (seconds >= 3600)
    return fmt::format("[{}:{:02}:{:02}]", seconds / 3600, seconds / 60 % 60, seconds % 60);
  return fmt::format("[{}:{:02}]", seconds / 60, seconds % 60);
}

// Who a transcript's speaker is among the call's participants: the same
// name (case and spacing aside), else the one participant whose name starts
// with it ("Pat" for "Pat Buyer") or whose address it is. -1: nobody.
class SpeakerDirectory {
 public:
  explicit SpeakerDirectory(const std::vector<Participant>& participants)
      : participants_(participants) {}

  int find(const std::string& speaker) const {
    std::string key = name_key(speaker);
    if (key.empty()) return -1;
    int prefix = -1, prefixes = 0;
    for (std::size_t i = 0; i < participants_.size(); ++i) {
      std::string name = name_key(participants_[i].name);
      if (name == key || (!participants_[i].address.empty() && participants_[i].address == key))
        return static_cast<int>(i);
      if (name.starts_with(key + " ")) {
        prefix = static_cast<int>(i);
        ++prefixes;
      }
    }
    return prefixes == 1 ? prefix : -1;
  }

 private:
  const std::vector<Participant>& participants_;
};

std::vector<Side> sides_of(const std::vector<TranscriptCue>& cues,
                           const std::vector<Participant>& participants, const Settings& settings) {
  SpeakerDirectory directory(participants);
  std::vector<Side> sides;
  for (const auto& cue : cues) {
    int who = directory.find(cue.speaker);
    if (cue.speaker.empty()) sides.push_back(sides.empty() ? Side::unknown : sides.back());
    else if (who < 0) sides.push_back(Side::unknown);
    else sides.push_back(is_ours(participants[who], settings) ? Side::ours : Side::buyer);
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
      text += cue_clock(cue.start);
      text += ' ';
      if (!cue.speaker.empty()) text += cue.speaker + ": ";
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
