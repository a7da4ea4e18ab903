// The buyer interview of a postmortem: someone other than the deal's owner
// asks the buyer three questions (the value of their decision, the most
// influential voices inside and outside the room, the deciding factors
// beyond price) and codes what drove the outcome. Plain data.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rearview/core/model.h"

namespace rearview {

enum class OutcomeDriver { competitor, no_decision, other };
std::string_view to_string(OutcomeDriver driver);  // "competitor", "no_decision", "other"
std::optional<OutcomeDriver> outcome_driver_from_string(std::string_view text);

struct InfluentialVoice {
  std::string name;
  std::string role;  // "CFO", "the analyst firm", ...
  bool in_the_room = true;  // false: outside it (an adviser, a board, a peer)
};

struct BuyerInterview {
  Id opportunity_id;
  std::string interviewer;        // the account's name
  std::string interviewer_email;  // and address
  Timestamp recorded_at{};
  std::string value_in_their_words;       // how the buyer describes the value of their decision
  std::vector<InfluentialVoice> voices;   // the most influential, inside and outside the room
  std::string deciding_factors;           // beyond price
  std::optional<OutcomeDriver> driver;
  std::string competitor;                 // when the driver is a competitor
  std::vector<std::string> reasons;       // codes (rearview.toml [postmortem] reason_codes)
  std::vector<std::string> quotes;        // verbatim
  // Recorded by the deal's own owner, which an admin allowed (audited).
  bool owner_override = false;
};

}  // namespace rearview
