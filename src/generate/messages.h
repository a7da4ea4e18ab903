// The words of the activities: e-mail subjects and bodies, call and note
// texts, meeting agendas. Built from varied templates so the export reads like
// real sales correspondence (and carries commas, quotes, line breaks and
// non-ASCII letters, as real correspondence does).
#pragma once

#include <string>
#include <string_view>

#include "random.h"

namespace rearview::generate {

// What a conversation is about; follows the deal's stage.
enum class Topic {
  introduction,
  discovery,
  demo,
  security,
  proposal,
  negotiation,
  signing,
  sync,       // the regular meeting of a deal that is going well
  follow_up,  // chasing a buyer who stopped answering
  decision,   // the buyer says no
  internal,   // between colleagues at our company
};

Topic topic_for_stage(int stage);

// Who writes: decides the sentence pool, the greeting and the signature.
enum class Voice { seller, buyer, colleague, manager };

// The values templates may name as {key}. All text, formatted by the caller.
struct MessageContext {
  std::string_view recipient_first_name;  // {first}
  std::string_view sender_name;
  std::string_view sender_title;
  std::string_view sender_company;
  std::string_view account;     // {account}
  std::string_view competitor;  // {competitor}
  std::string_view stage;       // {stage}
  std::string_view weekday;     // {day}
  std::string_view amount;      // {amount}, e.g. $48,500
  std::string_view seats;       // {seats}
};

std::string email_subject(Random& random, Topic topic, const MessageContext& context);
std::string email_body(Random& random, Topic topic, Voice voice, const MessageContext& context);

std::string note_subject(Random& random, Topic topic);
std::string note_description(Random& random, const MessageContext& context);

std::string call_subject(Random& random, Topic topic, std::string_view contact_name, bool inbound);
std::string call_description(Random& random, const MessageContext& context);

// One turn of a recorded call: what the seller (`seller`) or the buyer says.
// A `doubtful` buyer (a deal that will be lost) may voice the red flags
// trackers look for ("too expensive", "going another direction").
std::string spoken_line(Random& random, bool seller, bool doubtful, const MessageContext& context);

std::string meeting_subject(Random& random, Topic topic, const MessageContext& context);
// An agenda and the attendee list (names, one string, already joined).
std::string meeting_description(Random& random, Topic topic, std::string_view attendees);

std::string_view random_weekday(Random& random);
std::string format_dollars(long long amount);  // $48,500

}  // namespace rearview::generate
