#include "rearview/core/direction.h"

#include <algorithm>

namespace rearview {

bool is_ours(const Participant& participant, const Settings& settings) {
  return participant.user_id.has_value() || is_company_address(settings, participant.address);
}

Direction classify_email(std::optional<bool> incoming, const std::vector<Participant>& participants,
                         const Settings& settings) {
  if (participants.empty()) return incoming ? (*incoming ? Direction::inbound : Direction::outbound)
                                            : Direction::unknown;
  bool all_ours = std::all_of(participants.begin(), participants.end(),
                              [&](const Participant& p) { return is_ours(p, settings); });
  if (all_ours) return Direction::internal;
  if (incoming) return *incoming ? Direction::inbound : Direction::outbound;
  auto from = std::find_if(participants.begin(), participants.end(),
                           [](const Participant& p) { return p.role == ParticipantRole::from; });
  if (from == participants.end()) return Direction::unknown;
  return is_ours(*from, settings) ? Direction::outbound : Direction::inbound;
}

}  // namespace rearview
